package dev.tocsin.publisher.topology;

/**
 * Names of the publisher's state stores, shared by the topology, the HTTP API and the tests
 * (a renamed store would silently start empty, so these never change).
 */
public final class PublisherStores {

    /** incident id -> the publisher's copy of the incident (no internal members; see IncidentCopy). One partition. */
    public static final String INCIDENTS = "publisher-incidents";
    /** window id -> MaintenanceWindow. One partition, next to the incidents. */
    public static final String MAINTENANCE = "publisher-maintenance";
    /** {@link #AS_OF} -> epoch millis the published page was last evaluated at. */
    public static final String CLOCK = "publisher-clock";
    /** fan-out key (status event id, maintenance reminder key) -> epoch millis it was sent: a replay never notifies twice. */
    public static final String SENT = "publisher-sent";
    /** reminder dedup key -> epoch millis it was sent (partitioned like tocsin.incident-events). */
    public static final String REMINDERS_SENT = "publisher-reminders-sent";
    /** subscription id -> Subscription, a global table: every instance fans out to every subscription. */
    public static final String SUBSCRIPTIONS = "publisher-subscriptions";

    /** The only key of {@link #CLOCK}. */
    public static final String AS_OF = "as-of";

    private PublisherStores() {
    }
}
