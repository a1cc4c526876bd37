package dev.tocsin.publisher.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Webhook delivery meters, as Prometheus shows them:
 * {@code tocsin_webhook_deliveries_total{outcome=delivered|dead_lettered}},
 * {@code tocsin_webhook_attempts_total} (HTTP requests made),
 * {@code tocsin_webhook_delivery_duration_seconds{outcome}} (first attempt to final outcome,
 * backoff included), {@code tocsin_webhook_in_flight} (notifications taken on, not yet finished)
 * and {@code tocsin_webhook_open_circuits} (hosts whose circuit is open or half-open). Dead
 * letters are also counted with every other service's in {@code tocsin_dead_letters_total}.
 */
final class WebhookMetrics {

    static final String DELIVERIES = "tocsin.webhook.deliveries";
    static final String ATTEMPTS = "tocsin.webhook.attempts";
    static final String DURATION = "tocsin.webhook.delivery.duration";
    static final String IN_FLIGHT = "tocsin.webhook.in.flight";
    static final String OPEN_CIRCUITS = "tocsin.webhook.open.circuits";
    static final String DELIVERED = "delivered";
    static final String DEAD_LETTERED = "dead_lettered";
    static final String RETRIES = "tocsin.webhook.retries";

    private final Counter delivered;
    private final Counter deadLettered;
    private final Counter attempts;
    private final Counter retries;
    private final Timer deliveredDuration;
    private final Timer deadLetteredDuration;

    WebhookMetrics(MeterRegistry registry, Supplier<Number> inFlight, Supplier<Number> openCircuits) {
        this(registry, "webhook", inFlight, openCircuits);
    }

    /**
     * The meters of one channel's dispatcher, named {@code tocsin.<channel>.*}: {@code webhook}
     * for webhooks, {@code email} for e-mail ({@code tocsin_email_deliveries_total}, ...).
     */
    WebhookMetrics(MeterRegistry registry, String channel, Supplier<Number> inFlight, Supplier<Number> openCircuits) {
        String prefix = "tocsin." + channel + ".";
        delivered = deliveries(registry, prefix, DELIVERED);
        deadLettered = deliveries(registry, prefix, DEAD_LETTERED);
        attempts = Counter.builder(prefix + "attempts")
                .description("Delivery attempts made (requests, SMTP sends), retries included")
                .register(registry);
        retries = Counter.builder(prefix + "retries")
                .description("Notifications handed to the retry topic for a later attempt")
                .register(registry);
        deliveredDuration = duration(registry, prefix, DELIVERED);
        deadLetteredDuration = duration(registry, prefix, DEAD_LETTERED);
        Gauge.builder(prefix + "in.flight", inFlight)
                .description("Notifications taken on and not yet finished")
                .register(registry);
        Gauge.builder(prefix + "open.circuits", openCircuits)
                .description("Receiving hosts whose circuit is open or half-open")
                .register(registry);
    }

    /** One HTTP request went out; called from the delivery threads. */
    void requested() {
        attempts.increment();
    }

    /** An attempt failed retryably and its retry is on the retry topic. */
    void retried() {
        retries.increment();
    }

    void delivered(Duration took) {
        delivered.increment();
        deliveredDuration.record(took);
    }

    void deadLettered(Duration took) {
        deadLettered.increment();
        deadLetteredDuration.record(took);
    }

    private static Counter deliveries(MeterRegistry registry, String prefix, String outcome) {
        return Counter.builder(prefix + "deliveries")
                .description("Notifications by final outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Timer duration(MeterRegistry registry, String prefix, String outcome) {
        return Timer.builder(prefix + "delivery.duration")
                .description(
                        "Time of the final attempt (its request and queueing; earlier attempts and backoffs are not included)")
                .tag("outcome", outcome)
                .register(registry);
    }
}
