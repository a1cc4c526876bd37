package dev.tocsin.correlator.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.tocsin.avro.Incident;
import dev.tocsin.correlator.domain.Policy;
import dev.tocsin.correlator.domain.Retention;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
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

    StorePruner(ProcessorContext<String, SpecificRecord> context, Retention retention, Policy policy, int batch,
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
        List<KeyValue<String, Incident>> slice = new ArrayList<>();
        incidentCursor = slice(incidents, incidentCursor, slice);
        for (KeyValue<String, Incident> entry : slice) {
            String id = entry.key;
            Incident incident = entry.value;
            boolean mergeTargetKept = incident.getMergedInto() != null && incidents.get(incident.getMergedInto()) != null;
            if (retention.mayForgetIncident(incident, tracking.get(id), mergeTargetKept, policy, now)) {
                forgetIncident(incident, now);
            }
        }
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
        List<KeyValue<String, TrackedAlert>> slice = new ArrayList<>();
        List<String> forget = new ArrayList<>();
        alertCursor = slice(alerts, alertCursor, slice);
        for (KeyValue<String, TrackedAlert> entry : slice) {
            TrackedAlert alert = entry.value;
            boolean incidentKept = alert.getIncidentId() != null && incidents.get(alert.getIncidentId()) != null;
            if (retention.mayForgetAlert(alert, incidentKept, policy, now)) {
                forget.add(entry.key);
            }
        }
        forget.forEach(alerts::delete);
        metrics.pruned(CorrelatorStores.ALERTS, forget.size());
    }

    private void pruneUnlinkedTickets(Instant now) {
        List<KeyValue<String, TicketRecord>> slice = new ArrayList<>();
        ticketCursor = slice(tickets, ticketCursor, slice);
        int forgotten = 0;
        for (KeyValue<String, TicketRecord> entry : slice) {
            if (retention.mayForgetUnlinkedTicket(entry.value, now)) {
                tickets.delete(entry.key);
                forgotten++;
            }
        }
        metrics.pruned(CorrelatorStores.TICKETS, forgotten);
    }

    /**
     * Adds up to {@code batch} entries after {@code cursor} to {@code into} (read before any is
     * deleted); returns the cursor for the next call: the last key taken, or null (start over) when
     * the store was read to its end.
     */
    private <V> String slice(KeyValueStore<String, V> store, String cursor, List<KeyValue<String, V>> into) {
        return slice(store, cursor, batch, into);
    }

    /** {@link #slice} of a store of another processor ({@link TicketOwnershipProcessor}). */
    static <V> String slice(KeyValueStore<String, V> store, String cursor, int batch, List<KeyValue<String, V>> into) {
        String from = cursor == null ? null : cursor + '\u0000'; // the smallest key after the cursor
        try (KeyValueIterator<String, V> range = store.range(from, null)) {
            while (range.hasNext() && into.size() < batch) {
                into.add(range.next());
            }
            return range.hasNext() && !into.isEmpty() ? into.get(into.size() - 1).key : null;
        }
    }

    /** The entries under {@code prefix|}, read before any is deleted. */
    private static List<KeyValue<String, String>> prefixed(KeyValueStore<String, String> store, String prefix) {
        List<KeyValue<String, String>> found = new ArrayList<>();
        try (KeyValueIterator<String, String> range = store.range(prefix + CorrelatorStores.SEPARATOR,
                CorrelatorStores.prefixEnd(prefix))) {
            range.forEachRemaining(found::add);
        }
        return found;
    }
}
