package dev.tocsin.publisher.topology;

import dev.tocsin.avro.Audience;
import dev.tocsin.avro.StatusEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** What the publisher announced and sent, and what it held back, on {@code /metrics}. */
public final class PublisherMetrics {

    private final MeterRegistry registry;

    public PublisherMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Metrics nobody scrapes, for tests. */
    public static PublisherMetrics discarded() {
        return new PublisherMetrics(new SimpleMeterRegistry());
    }

    void statusEvent(StatusEventType type) {
        Counter.builder("tocsin_status_events").description("Public status changes announced on tocsin.status-events")
                .tag("type", type.name()).register(registry).increment();
    }

    void notification(Audience audience, String kind) {
        Counter.builder("tocsin_notifications").description("Notifications written to tocsin.notifications")
                .tag("audience", audience.name()).tag("kind", kind).register(registry).increment();
    }

    /** A status event that notified nobody: {@code duplicate} (fanned out before) or {@code stale} (older than the notify age). */
    void withheld(String reason) {
        Counter.builder("tocsin_notifications_withheld").description("Status events not fanned out to subscribers, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    /** An incident snapshot kept off the page and from subscribers: {@code unknown-product} or {@code unclassified}. */
    void incidentWithheld(String reason) {
        Counter.builder("tocsin_publisher_withheld_incidents")
                .description("Incident snapshots never made public because their product is no configured component, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    /** A snapshot whose public projection equals the stored copy: nothing to store or evaluate. */
    void snapshotIgnored() {
        Counter.builder("tocsin_publisher_snapshots_ignored")
                .description("Incident snapshots whose public projection did not change").register(registry).increment();
    }

    /** One evaluation of the whole page (once per batch of changes, per maintenance change, per clock tick). */
    void pageEvaluated() {
        Counter.builder("tocsin_publisher_page_evaluations")
                .description("Evaluations of the whole page (component statuses, maintenance)").register(registry).increment();
    }
}
