package dev.tocsin.publisher.topology;

import dev.tocsin.avro.Audience;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.StatusEventType;
import dev.tocsin.publisher.domain.PublicProducts;
import dev.tocsin.publisher.domain.WithheldNotifications;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the publisher announced and sent, and what it held back, on {@code /metrics}. The labelled
 * counters exist at zero from the start (their labels are closed sets), so {@code rate()} sees the
 * first increase.
 */
public final class PublisherMetrics {

    static final String CHANGE = "change";
    static final String REMINDER = "reminder";
    static final String SLA_REMINDER = "sla-reminder";
    static final String STALE = WithheldNotifications.STALE;
    static final String DUPLICATE = WithheldNotifications.DUPLICATE;
    static final String ALERT_TO_STATUS = "tocsin.publisher.alert.to.status";
    /** Histogram buckets of {@link #ALERT_TO_STATUS}: the pipeline's sub-second path up to a stuck page. */
    private static final List<Duration> LATENCY_BUCKETS = List.of(
            Duration.ofMillis(100),
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(5),
            Duration.ofMinutes(10));

    private final MeterRegistry registry;

    public PublisherMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (StatusEventType type : StatusEventType.values()) {
            statusEvents(type);
        }
        for (Audience audience : Audience.values()) {
            for (String kind : List.of(CHANGE, REMINDER, SLA_REMINDER)) {
                notifications(audience, kind);
            }
        }
        for (String reason : List.of(STALE, DUPLICATE)) {
            notificationsWithheld(reason);
        }
        for (String reason : List.of(PublicProducts.UNKNOWN_PRODUCT, PublicProducts.UNCLASSIFIED)) {
            incidentsWithheld(reason);
        }
        for (StatusEventType type : List.of(
                StatusEventType.COMPONENT_STATUS_CHANGED,
                StatusEventType.INCIDENT_PUBLISHED,
                StatusEventType.INCIDENT_UPDATED,
                StatusEventType.INCIDENT_RESOLVED)) {
            alertToStatus(type);
        }
    }

    /**
     * A status event went out at {@code wallClockMillis}, announcing a change caused by an input
     * ingested at {@code causedAt} (null when no input caused it: a clock, a maintenance window).
     * The difference is the pipeline's latency from ingest to the page, snapshot coalescing and
     * page batching included.
     */
    void statusEvent(StatusEvent event, Instant causedAt, long wallClockMillis) {
        statusEvents(event.getType()).increment();
        if (causedAt != null) {
            long took = Math.max(
                    0, wallClockMillis - causedAt.toEpochMilli()); // a fast producer clock is no negative latency
            alertToStatus(event.getType()).record(Duration.ofMillis(took));
        }
    }

    void notification(Audience audience, String kind) {
        notifications(audience, kind).increment();
    }

    /** A status event that notified nobody: {@code duplicate} (fanned out before) or {@code stale} (older than the notify age). */
    void withheld(String reason) {
        notificationsWithheld(reason).increment();
    }

    /** An incident snapshot kept off the page and from subscribers: {@code unknown-product} or {@code unclassified}. */
    void incidentWithheld(String reason) {
        incidentsWithheld(reason).increment();
    }

    /** A snapshot whose public projection equals the stored copy: nothing to store or evaluate. */
    void snapshotIgnored() {
        Counter.builder("tocsin_publisher_snapshots_ignored")
                .description("Incident snapshots whose public projection did not change")
                .register(registry)
                .increment();
    }

    /** A component's day of the uptime history written to tocsin.component-daily (a status change or a day's end). */
    void uptimeDayWritten() {
        Counter.builder("tocsin_publisher_uptime_days_written")
                .description("Daily uptime aggregates written to tocsin.component-daily")
                .register(registry)
                .increment();
    }

    /** One evaluation of the whole page (once per batch of changes, per maintenance change, per clock tick). */
    void pageEvaluated() {
        Counter.builder("tocsin_publisher_page_evaluations")
                .description("Evaluations of the whole page (component statuses, maintenance)")
                .register(registry)
                .increment();
    }

    private Counter statusEvents(StatusEventType type) {
        return Counter.builder("tocsin_status_events")
                .description("Public status changes announced on tocsin.status-events")
                .tag("type", type.name())
                .register(registry);
    }

    private Counter notifications(Audience audience, String kind) {
        return Counter.builder("tocsin_notifications")
                .description("Notifications written to tocsin.notifications")
                .tag("audience", audience.name())
                .tag("kind", kind)
                .register(registry);
    }

    private Counter notificationsWithheld(String reason) {
        return Counter.builder("tocsin_notifications_withheld")
                .description("Status events not fanned out to subscribers, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    private Counter incidentsWithheld(String reason) {
        return Counter.builder("tocsin_publisher_withheld_incidents")
                .description(
                        "Incident snapshots never made public because their product is no configured component, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    private Timer alertToStatus(StatusEventType type) {
        return Timer.builder(ALERT_TO_STATUS)
                .description(
                        "From the ingest time of the input that changed a public incident to the status event announcing "
                                + "the change (the incident's, or its component's)")
                .tag("type", type.name())
                .serviceLevelObjectives(LATENCY_BUCKETS.toArray(Duration[]::new))
                .register(registry);
    }
}
