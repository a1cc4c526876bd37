package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Silence;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import java.time.Instant;
import java.util.Collection;
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

    /** Forgets an unlinked ticket (it moved to another product, {@link TicketMoves}). */
    void removeTicket(String ticketId);

    /** Every ticket currently linked to the incident (unbounded; the topology keeps an index). */
    List<TicketRecord> ticketsOf(String incidentId);

    /**
     * The maintenance window (first by id) that puts the product under maintenance at {@code at}, as
     * decided by {@link dev.tocsin.schemas.rules.MaintenanceSchedule#covers} (the publisher's rule too).
     */
    Optional<MaintenanceWindow> activeMaintenance(String product, Instant at);

    /**
     * Every silence (Alertmanager-compatible, from alert-ingest's API), whatever its state; the
     * rules decide which is active ({@code SilenceRules}). A view of every partition's silences.
     * Should be cheap when there are none: it is asked for every alert about to open or feed an incident.
     */
    Collection<Silence> silences();

    /**
     * Ids of the open incidents of a product, oldest first, as seen across partitions (a view of
     * {@code tocsin.incidents}, so it lags the product's own partition and is not replay-stable).
     * Asked only for products that the policy names as upstream of another.
     */
    List<String> openIncidentsOf(String product);

    /** Fingerprints of the product's alerts indexed as held back (silenced, inhibited or absorbed). */
    List<String> heldAlerts(String product);

    /** Indexes (or with {@code held = false} un-indexes) an alert as held back. */
    void markHeld(String product, String fingerprint, boolean held);

    /** Up to {@code limit} fingerprints of firing inhibit-rule sources filed under the group. */
    List<String> inhibitors(String group, int limit);

    /** Files (or with {@code firing = false} removes) an alert as a firing inhibit-rule source of the group. */
    void markInhibitor(String group, String fingerprint, boolean firing);

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
