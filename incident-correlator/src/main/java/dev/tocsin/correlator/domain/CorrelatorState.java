package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state the correlation rules read and write. The topology backs it with RocksDB stores;
 * tests use a map-based implementation. Every value handed in is owned by the state afterwards:
 * the rules never mutate a value after putting it.
 */
public interface CorrelatorState {

    /** The alert with this fingerprint of this product, if seen before. */
    Optional<TrackedAlert> alert(String product, String fingerprint);

    /** Stores an alert under its product and fingerprint. */
    void putAlert(TrackedAlert alert);

    /** The incident snapshot (bounded: counts plus the most recent members). */
    Optional<Incident> incident(String incidentId);

    void putIncident(Incident incident);

    /** Internal bookkeeping of an incident (counts, quiet periods, SLA clocks already emitted). */
    Optional<IncidentTracking> tracking(String incidentId);

    void putTracking(IncidentTracking tracking);

    /** The index of a product; never null: a fresh empty index when unknown. */
    ProductIndex product(String product);

    void putProduct(ProductIndex index);

    /** A ticket's triage decision and current link. */
    Optional<TicketRecord> ticket(String ticketId);

    /** Stores a ticket; the implementation keeps {@link #ticketsOf} in step with its incidentId. */
    void putTicket(TicketRecord ticket);

    /** Every ticket currently linked to the incident (unbounded; the topology keeps an index). */
    List<TicketRecord> ticketsOf(String incidentId);

    /**
     * The maintenance window (first by id) that puts the product under maintenance at {@code at}, as
     * decided by {@link dev.tocsin.schemas.rules.MaintenanceSchedule#covers} (the publisher's rule too).
     */
    Optional<MaintenanceWindow> activeMaintenance(String product, Instant at);

    /**
     * The first (master) ticket of an organization on an incident. The rules remember the
     * organizations of an incident up to a cap and ask this beyond it; the default scans
     * {@link #ticketsOf}, an implementation with a better index may override it.
     */
    default Optional<TicketRecord> firstTicketOf(String incidentId, String organizationId) {
        return ticketsOf(incidentId).stream()
                .filter(ticket -> Objects.equals(ticket.getOrganizationId(), organizationId))
                .filter(ticket -> ticket.getDuplicateOf() == null)
                .findFirst();
    }
}
