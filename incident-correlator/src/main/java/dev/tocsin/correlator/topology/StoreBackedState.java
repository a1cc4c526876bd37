package dev.tocsin.correlator.topology;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Silence;
import dev.tocsin.correlator.domain.CorrelatorState;
import dev.tocsin.correlator.domain.LegacyEnumStrings;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import dev.tocsin.schemas.rules.MaintenanceSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The domain's {@link CorrelatorState} over the processor's RocksDB stores (changelogged, exactly-once).
 * Alerts and tickets pass {@link LegacyEnumStrings} on their way in and out.
 */
final class StoreBackedState implements CorrelatorState {

    private final KeyValueStore<String, TrackedAlert> alerts;
    private final KeyValueStore<String, Incident> incidents;
    private final KeyValueStore<String, IncidentTracking> tracking;
    private final KeyValueStore<String, ProductIndex> products;
    private final KeyValueStore<String, TicketRecord> tickets;
    private final KeyValueStore<String, String> incidentTickets;
    private final KeyValueStore<String, String> incidentOrganizations;
    private final KeyValueStore<String, ValueAndTimestamp<MaintenanceWindow>> maintenance;
    private final KeyValueStore<String, String> heldAlerts;
    private final KeyValueStore<String, String> inhibitors;
    private final KeyValueStore<String, ValueAndTimestamp<Silence>> silences;
    /** Null when the policy has no dependencies (the topology then does not read tocsin.incidents). */
    private final KeyValueStore<String, String> openIncidents;

    StoreBackedState(ProcessorContext<?, ?> context, boolean withDependencies) {
        this.alerts = context.getStateStore(CorrelatorStores.ALERTS);
        this.incidents = context.getStateStore(CorrelatorStores.INCIDENTS);
        this.tracking = context.getStateStore(CorrelatorStores.TRACKING);
        this.products = context.getStateStore(CorrelatorStores.PRODUCTS);
        this.tickets = context.getStateStore(CorrelatorStores.TICKETS);
        this.incidentTickets = context.getStateStore(CorrelatorStores.INCIDENT_TICKETS);
        this.incidentOrganizations = context.getStateStore(CorrelatorStores.INCIDENT_ORGANIZATIONS);
        this.maintenance = context.getStateStore(CorrelatorStores.MAINTENANCE);
        this.heldAlerts = context.getStateStore(CorrelatorStores.HELD_ALERTS);
        this.inhibitors = context.getStateStore(CorrelatorStores.INHIBITORS);
        this.silences = context.getStateStore(CorrelatorStores.SILENCES);
        this.openIncidents = withDependencies ? context.getStateStore(CorrelatorStores.OPEN_INCIDENTS) : null;
    }

    /** The in-memory store counts exactly: with no silence, no iterator is even opened. */
    @Override
    public Collection<Silence> silences() {
        if (silences.approximateNumEntries() == 0) {
            return List.of();
        }
        List<Silence> all = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Silence>> it = silences.all()) {
            while (it.hasNext()) {
                ValueAndTimestamp<Silence> silence = it.next().value;
                if (silence != null && silence.value() != null) {
                    all.add(silence.value());
                }
            }
        }
        return all;
    }

    @Override
    public List<String> openIncidentsOf(String product) {
        return openIncidents == null ? List.of() : OpenIncidentsByProduct.parse(openIncidents.get(product));
    }

    @Override
    public List<String> heldAlerts(String product) {
        return prefixValues(heldAlerts, product, Integer.MAX_VALUE, true);
    }

    @Override
    public void markHeld(String product, String fingerprint, boolean held) {
        String key = CorrelatorStores.alertKey(product, fingerprint);
        if (held) {
            heldAlerts.put(key, "");
        } else {
            heldAlerts.delete(key);
        }
    }

    @Override
    public List<String> inhibitors(String group, int limit) {
        return prefixValues(inhibitors, group, limit, false);
    }

    @Override
    public void markInhibitor(String group, String fingerprint, boolean firing) {
        String key = group + CorrelatorStores.SEPARATOR + fingerprint;
        if (firing) {
            inhibitors.put(key, fingerprint);
        } else {
            inhibitors.delete(key);
        }
    }

    /** Values (or, with {@code keySuffix}, the key parts after the prefix) of the keys under {@code prefix|}. */
    private static List<String> prefixValues(
            KeyValueStore<String, String> store, String prefix, int limit, boolean keySuffix) {
        List<String> found = new ArrayList<>();
        String from = prefix + CorrelatorStores.SEPARATOR;
        try (KeyValueIterator<String, String> range = store.range(from, CorrelatorStores.prefixEnd(prefix))) {
            while (range.hasNext() && found.size() < limit) {
                KeyValue<String, String> entry = range.next();
                found.add(keySuffix ? entry.key.substring(from.length()) : entry.value);
            }
        }
        return found;
    }

    @Override
    public Optional<TrackedAlert> alert(String product, String fingerprint) {
        return Optional.ofNullable(LegacyEnumStrings.read(alerts.get(CorrelatorStores.alertKey(product, fingerprint))));
    }

    @Override
    public void putAlert(TrackedAlert alert) {
        alerts.put(
                CorrelatorStores.alertKey(alert.getProduct(), alert.getFingerprint()), LegacyEnumStrings.mirror(alert));
    }

    @Override
    public Optional<Incident> incident(String incidentId) {
        return Optional.ofNullable(incidents.get(incidentId));
    }

    @Override
    public void putIncident(Incident incident) {
        incidents.put(incident.getIncidentId(), incident);
    }

    @Override
    public Optional<IncidentTracking> tracking(String incidentId) {
        return Optional.ofNullable(tracking.get(incidentId));
    }

    @Override
    public void putTracking(IncidentTracking value) {
        tracking.put(value.getIncidentId(), value);
    }

    @Override
    public ProductIndex product(String product) {
        ProductIndex index = products.get(product);
        return index != null
                ? index
                : ProductIndex.newBuilder().setProduct(product).build();
    }

    @Override
    public void putProduct(ProductIndex index) {
        products.put(index.getProduct(), index);
    }

    @Override
    public Optional<TicketRecord> ticket(String ticketId) {
        return Optional.ofNullable(storedTicket(ticketId));
    }

    private TicketRecord storedTicket(String ticketId) {
        return LegacyEnumStrings.read(tickets.get(ticketId));
    }

    /** Keeps the incident -> tickets and incident|organization -> first ticket indexes in step with the ticket. */
    @Override
    public void putTicket(TicketRecord ticket) {
        TicketRecord previous = tickets.get(ticket.getTicketId());
        if (isFirst(previous)) {
            String key = CorrelatorStores.incidentTicketKey(previous.getIncidentId(), previous.getOrganizationId());
            if (ticket.getTicketId().equals(incidentOrganizations.get(key))) {
                incidentOrganizations.delete(key);
            }
        }
        if (isFirst(ticket)) {
            incidentOrganizations.put(
                    CorrelatorStores.incidentTicketKey(ticket.getIncidentId(), ticket.getOrganizationId()),
                    ticket.getTicketId());
        }
        String before = previous == null ? null : previous.getIncidentId();
        String after = ticket.getIncidentId();
        if (before != null && !before.equals(after)) {
            incidentTickets.delete(CorrelatorStores.incidentTicketKey(before, ticket.getTicketId()));
        }
        if (after != null) {
            incidentTickets.put(CorrelatorStores.incidentTicketKey(after, ticket.getTicketId()), ticket.getTicketId());
        }
        tickets.put(ticket.getTicketId(), LegacyEnumStrings.mirror(ticket));
    }

    /** Unlinked first (TicketMoves), so only the record itself remains; the indexes are kept in step anyway. */
    @Override
    public void removeTicket(String ticketId) {
        TicketRecord previous = storedTicket(ticketId);
        if (previous == null) {
            return;
        }
        if (previous.getIncidentId() != null) {
            putTicket(TicketRecord.newBuilder(previous)
                    .setIncidentId(null)
                    .setDuplicateOf(null)
                    .build());
        }
        tickets.delete(ticketId);
    }

    /** An index lookup instead of the default scan: incidents can have tens of thousands of organizations. */
    @Override
    public Optional<TicketRecord> firstTicketOf(String incidentId, String organizationId) {
        String ticketId = incidentOrganizations.get(CorrelatorStores.incidentTicketKey(incidentId, organizationId));
        return ticketId == null ? Optional.empty() : Optional.ofNullable(storedTicket(ticketId));
    }

    private static boolean isFirst(TicketRecord ticket) {
        return ticket != null && ticket.getIncidentId() != null && ticket.getDuplicateOf() == null;
    }

    @Override
    public List<TicketRecord> ticketsOf(String incidentId) {
        List<TicketRecord> linked = new ArrayList<>();
        String from = incidentId + CorrelatorStores.SEPARATOR;
        try (KeyValueIterator<String, String> range =
                incidentTickets.range(from, CorrelatorStores.prefixEnd(incidentId))) {
            while (range.hasNext()) {
                TicketRecord ticket = storedTicket(range.next().value);
                if (ticket != null) {
                    linked.add(ticket);
                }
            }
        }
        return linked;
    }

    /** The first window by id that {@link MaintenanceSchedule} says covers the product at {@code at}. */
    @Override
    public Optional<MaintenanceWindow> activeMaintenance(String product, Instant at) {
        try (KeyValueIterator<String, ValueAndTimestamp<MaintenanceWindow>> all = maintenance.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<MaintenanceWindow>> entry = all.next();
                MaintenanceWindow window = entry.value == null ? null : entry.value.value();
                if (window != null && MaintenanceSchedule.covers(window, product, at)) {
                    return Optional.of(window);
                }
            }
        }
        return Optional.empty();
    }
}
