package dev.tocsin.correlator.topology;

/**
 * Names of the correlator's state stores, shared by the topology, the query API and the tests
 * (a renamed store would silently start empty, so these never change).
 * All stores except the global ones (maintenance, silences, open incidents) and {@link #TICKET_OWNERS} are
 * partitioned like the inputs: by product.
 */
public final class CorrelatorStores {

    /** {@code <product>|<fingerprint>} -> TrackedAlert. */
    public static final String ALERTS = "correlator-alerts";
    /** incident id -> Incident (the bounded snapshot). */
    public static final String INCIDENTS = "correlator-incidents";
    /** incident id -> IncidentTracking (counters, quiet periods, emitted deadlines). */
    public static final String TRACKING = "correlator-incident-tracking";
    /** product -> ProductIndex (open and recently resolved incidents, recent reports). */
    public static final String PRODUCTS = "correlator-products";
    /** ticket id -> TicketRecord (triage decision and current link). */
    public static final String TICKETS = "correlator-tickets";
    /**
     * ticket id -> TicketOwner: the product each ticket belongs to now. The one store partitioned by
     * ticket id (its processor reads the reports repartitioned by ticket id), so a ticket has one
     * product whatever partitions its products live on.
     */
    public static final String TICKET_OWNERS = "correlator-ticket-owners";
    /** Repartition topic {@code <application id>-reports-by-ticket-repartition}: reports keyed by ticket id. */
    public static final String REPORTS_BY_TICKET = "reports-by-ticket";
    /** Repartition topic {@code <application id>-ticket-moves-repartition}: TicketMove keyed by the product the ticket left. */
    public static final String TICKET_MOVES = "ticket-moves";
    /** {@code <incident id>|<ticket id>} -> ticket id: every ticket linked to an incident. */
    public static final String INCIDENT_TICKETS = "correlator-incident-tickets";
    /** {@code <incident id>|<organization id>} -> ticket id of the organization's first (master) ticket. */
    public static final String INCIDENT_ORGANIZATIONS = "correlator-incident-organizations";
    /** incident id -> version of its latest snapshot not yet written to tocsin.incidents (coalescing). */
    public static final String PENDING_SNAPSHOTS = "correlator-pending-snapshots";
    /** incident id -> lifecycle of the last snapshot written at once (SnapshotCoalescing.lifecycle). */
    public static final String WRITTEN_LIFECYCLES = "correlator-written-lifecycles";
    /** {@code <product>|<fingerprint>} -> "": the product's alerts held back by a silence, inhibit rule or dependency. */
    public static final String HELD_ALERTS = "correlator-held-alerts";
    /** {@code <inhibit group>|<fingerprint>} -> fingerprint: firing inhibit-rule sources (Inhibition). */
    public static final String INHIBITORS = "correlator-inhibitors";
    /** silence id -> Silence, a global table (in memory, small): every task sees every silence. */
    public static final String SILENCES = "correlator-silences";
    /**
     * product -> comma-separated ids of its open incidents, a global store fed from tocsin.incidents
     * (only when the policy has dependencies): every task sees every product's open incidents.
     */
    public static final String OPEN_INCIDENTS = "correlator-open-incidents-by-product";
    /** window id -> MaintenanceWindow, a global table: every task sees every window. */
    public static final String MAINTENANCE = "correlator-maintenance-windows";

    /** Separates the parts of composite keys; product names and ids never contain it. */
    public static final char SEPARATOR = '|';

    private CorrelatorStores() {}

    public static String alertKey(String product, String fingerprint) {
        return product + SEPARATOR + fingerprint;
    }

    public static String incidentTicketKey(String incidentId, String ticketId) {
        return incidentId + SEPARATOR + ticketId;
    }

    /** The smallest key after every key starting with {@code prefix + SEPARATOR}, for range scans. */
    public static String prefixEnd(String prefix) {
        return prefix + (char) (SEPARATOR + 1);
    }
}
