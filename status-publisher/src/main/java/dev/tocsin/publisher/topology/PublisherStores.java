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
    /** product -> ComponentStatus name as last announced (and {@link #EVALUATED} -> ""): the page a batch is compared with. */
    public static final String ANNOUNCED = "publisher-announced-components";
    /** zero-padded sequence -> incident status event derived since the page was last evaluated, sent with that evaluation. */
    public static final String PENDING_EVENTS = "publisher-pending-events";
    /**
     * {@link #AS_OF} -> epoch millis the published page was last evaluated at; {@link #BATCH_AS_OF} -> the latest
     * input time of the changes not yet evaluated (present only while there are some).
     */
    public static final String CLOCK = "publisher-clock";
    /** fan-out key (status event id, maintenance reminder key) -> epoch millis it was sent: a replay never notifies twice. */
    public static final String SENT = "publisher-sent";
    /** reminder dedup key -> epoch millis it was sent (partitioned like tocsin.incident-events). */
    public static final String REMINDERS_SENT = "publisher-reminders-sent";
    /** product -> its open day of the uptime history (ComponentDay): what tocsin.component-daily gets next for it. One partition. */
    public static final String UPTIME_DAYS = "publisher-uptime-days";
    /** subscription id -> Subscription, a global table: every instance fans out to every subscription. */
    public static final String SUBSCRIPTIONS = "publisher-subscriptions";

    /** Key of {@link #CLOCK}: when the page was last evaluated. */
    public static final String AS_OF = "as-of";
    /** Key of {@link #CLOCK}: input time of the changes awaiting the next evaluation. */
    public static final String BATCH_AS_OF = "batch-as-of";
    /** Key of {@link #ANNOUNCED} present once a page was announced (so an empty page is told apart from none). */
    public static final String EVALUATED = "";

    private PublisherStores() {}
}
