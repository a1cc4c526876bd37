package dev.tocsin.publisher.zendesk;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Zendesk write-back meters, as Prometheus shows them:
 * {@code tocsin_publisher_zendesk_updates_total{outcome=applied|already_applied|not_zendesk|dead_lettered}}
 * (ticket updates by final outcome), {@code tocsin_publisher_zendesk_requests_total{method,status}}
 * (HTTP requests, status 0 = no answer), {@code tocsin_publisher_zendesk_rate_limited_total} (429
 * answers waited out), {@code tocsin_publisher_zendesk_problem_tickets_created_total} and
 * {@code tocsin_publisher_zendesk_update_duration_seconds} (one update, retries and waits included).
 * Dead letters are also counted with every other service's in {@code tocsin_dead_letters_total}.
 */
final class ZendeskMetrics {

    static final String UPDATES = "tocsin.publisher.zendesk.updates";
    static final String REQUESTS = "tocsin.publisher.zendesk.requests";
    static final String RATE_LIMITED = "tocsin.publisher.zendesk.rate.limited";
    static final String PROBLEMS_CREATED = "tocsin.publisher.zendesk.problem.tickets.created";
    static final String DURATION = "tocsin.publisher.zendesk.update.duration";

    static final String APPLIED = "applied";
    static final String ALREADY_APPLIED = "already_applied";
    static final String NOT_ZENDESK = "not_zendesk";
    static final String DEAD_LETTERED = "dead_lettered";

    private final MeterRegistry registry;
    private final Counter rateLimited;
    private final Counter problemsCreated;
    private final Timer duration;

    ZendeskMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String outcome : new String[] {APPLIED, ALREADY_APPLIED, NOT_ZENDESK, DEAD_LETTERED}) {
            updates(outcome);
        }
        rateLimited = Counter.builder(RATE_LIMITED)
                .description("Zendesk 429 answers waited out (Retry-After)")
                .register(registry);
        problemsCreated = Counter.builder(PROBLEMS_CREATED)
                .description("Zendesk problem tickets created, one per incident")
                .register(registry);
        duration = Timer.builder(DURATION)
                .description("Time to apply one ticket update, retries and waits included")
                .register(registry);
    }

    void finished(String outcome, Duration took) {
        updates(outcome).increment();
        duration.record(took);
    }

    void requested(String method, int status) {
        Counter.builder(REQUESTS)
                .description("Zendesk API requests by method and HTTP status (0: no answer)")
                .tag("method", method)
                .tag("status", String.valueOf(status))
                .register(registry)
                .increment();
    }

    void rateLimited() {
        rateLimited.increment();
    }

    void problemCreated() {
        problemsCreated.increment();
    }

    private Counter updates(String outcome) {
        return Counter.builder(UPDATES)
                .description("Ticket updates by final outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
