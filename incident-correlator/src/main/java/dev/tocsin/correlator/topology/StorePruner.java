package dev.tocsin.correlator.topology;

import dev.tocsin.avro.Incident;
import dev.tocsin.correlator.domain.LegacyEnumStrings;
import dev.tocsin.correlator.domain.Policy;
import dev.tocsin.correlator.domain.Retention;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forgets what {@link Retention} allows, in bounded slices: each call looks at no more than
 * {@code batch} entries of each scanned store, resuming after the key where the previous call
 * stopped (a cursor kept in memory: after a restart the scan simply starts over), so a tick never
 * holds up processing with a scan of all history. A forgotten incident goes with its tracking, its
 * coalescing marks, its ticket links, the tickets linked to it and its place in the product index,
 * and a tombstone (same key, null value) is forwarded for {@code tocsin.incidents}.
 */
final class StorePruner {

    private final Retention retention;
    private final Policy policy;
    private final int batch;
    private final CorrelatorMetrics metrics;
    private final ProcessorContext<String, SpecificRecord> context;
    private final KeyValueStore<String, TrackedAlert> alerts;
    private final KeyValueStore<String, Incident> incidents;
    private final KeyValueStore<String, IncidentTracking> tracking;
    private final KeyValueStore<String, ProductIndex> products;
    private final KeyValueStore<String, TicketRecord> tickets;
    private final KeyValueStore<String, String> incidentTickets;
    private final KeyValueStore<String, String> incidentOrganizations;
    private final KeyValueStore<String, Long> pendingSnapshots;
    private final KeyValueStore<String, String> writtenLifecycles;
    private String incidentCursor;
    private String alertCursor;
    private String ticketCursor;

    StorePruner(
            ProcessorContext<String, SpecificRecord> context,
            Retention retention,
            Policy policy,
            int batch,
            CorrelatorMetrics metrics) {
        this.context = context;
        this.retention = retention;
        this.policy = policy;
        this.batch = batch;
        this.metrics = metrics;
        this.alerts = context.getStateStore(CorrelatorStores.ALERTS);
        this.incidents = context.getStateStore(CorrelatorStores.INCIDENTS);
        this.tracking = context.getStateStore(CorrelatorStores.TRACKING);
        this.products = context.getStateStore(CorrelatorStores.PRODUCTS);
        this.tickets = context.getStateStore(CorrelatorStores.TICKETS);
        this.incidentTickets = context.getStateStore(CorrelatorStores.INCIDENT_TICKETS);
        this.incidentOrganizations = context.getStateStore(CorrelatorStores.INCIDENT_ORGANIZATIONS);
        this.pendingSnapshots = context.getStateStore(CorrelatorStores.PENDING_SNAPSHOTS);
        this.writtenLifecycles = context.getStateStore(CorrelatorStores.WRITTEN_LIFECYCLES);
    }

    /** One slice of each store; {@code now} is the correlator's clock (wall clock live, stream time in a replay). */
    void prune(Instant now) {
        pruneIncidents(now);
        pruneAlerts(now);
        pruneUnlinkedTickets(now);
    }

    /**
     * Walks the incidents store itself (a lazy range): every incident the task holds is in it,
     * also one restored from a version that wrote no written-lifecycles entry for it.
     */
    private void pruneIncidents(Instant now) {
        List<Incident> forget = new ArrayList<>();
        incidentCursor = slice(incidents, incidentCursor, batch, (id, incident) -> {
            boolean mergeTargetKept =
                    incident.getMergedInto() != null && incidents.get(incident.getMergedInto()) != null;
            if (retention.mayForgetIncident(incident, tracking.get(id), mergeTargetKept, policy, now)) {
                forget.add(incident);
            }
        });
        forget.forEach(incident -> forgetIncident(incident, now));
    }

    private void forgetIncident(Incident incident, Instant now) {
        String id = incident.getIncidentId();
        int ticketsForgotten = 0;
        for (KeyValue<String, String> link : prefixed(incidentTickets, id)) {
            TicketRecord ticket = tickets.get(link.value);
            if (ticket != null && id.equals(ticket.getIncidentId())) { // still linked here, not moved on
                tickets.delete(link.value);
                ticketsForgotten++;
            }
            incidentTickets.delete(link.key);
        }
        for (KeyValue<String, String> master : prefixed(incidentOrganizations, id)) {
            incidentOrganizations.delete(master.key);
        }
        ProductIndex index = products.get(incident.getProduct());
        if (index != null) {
            products.put(incident.getProduct(), Retention.withoutIncident(index, id));
        }
        tracking.delete(id);
        if (pendingSnapshots.get(id) != null) {
            pendingSnapshots.delete(id);
        }
        writtenLifecycles.delete(id);
        incidents.delete(id);
        context.forward(new Record<>(id, null, now.toEpochMilli())); // the tombstone for tocsin.incidents
        metrics.pruned(CorrelatorStores.INCIDENTS, 1);
        metrics.pruned(CorrelatorStores.TICKETS, ticketsForgotten);
    }

    private void pruneAlerts(Instant now) {
        List<String> forget = new ArrayList<>();
        alertCursor = slice(alerts, alertCursor, batch, (key, alert) -> {
            boolean incidentKept = alert.getIncidentId() != null && incidents.get(alert.getIncidentId()) != null;
            if (retention.mayForgetAlert(LegacyEnumStrings.read(alert), incidentKept, policy, now)) {
                forget.add(key);
            }
        });
        forget.forEach(alerts::delete);
        metrics.pruned(CorrelatorStores.ALERTS, forget.size());
    }

    private void pruneUnlinkedTickets(Instant now) {
        List<String> forget = new ArrayList<>();
        ticketCursor = slice(tickets, ticketCursor, batch, (id, ticket) -> {
            if (retention.mayForgetUnlinkedTicket(ticket, now)) {
                forget.add(id);
            }
        });
        forget.forEach(tickets::delete);
        metrics.pruned(CorrelatorStores.TICKETS, forget.size());
    }

    /**
     * Shows {@code visit} up to {@code batch} entries after {@code cursor} (it must not write to
     * {@code store}: collect what to delete, delete afterwards); returns the cursor for the next
     * call: the last key shown, or null (start over) when the store was read to its end. Used by
     * {@link TicketOwnershipProcessor} too.
     */
    static <V> String slice(KeyValueStore<String, V> store, String cursor, int batch, BiConsumer<String, V> visit) {
        String from = cursor == null ? null : cursor + '\u0000'; // the smallest key after the cursor
        String last = null;
        int seen = 0;
        try (KeyValueIterator<String, V> range = store.range(from, null)) {
            while (range.hasNext() && seen < batch) {
                KeyValue<String, V> entry = range.next();
                visit.accept(entry.key, entry.value);
                last = entry.key;
                seen++;
            }
            return range.hasNext() ? last : null;
        }
    }

    /** The entries under {@code prefix|}, read before any is deleted. */
    private static List<KeyValue<String, String>> prefixed(KeyValueStore<String, String> store, String prefix) {
        List<KeyValue<String, String>> found = new ArrayList<>();
        try (KeyValueIterator<String, String> range =
                store.range(prefix + CorrelatorStores.SEPARATOR, CorrelatorStores.prefixEnd(prefix))) {
            range.forEachRemaining(found::add);
        }
        return found;
    }
}
