package dev.tocsin.ingest.http;

import dev.tocsin.ingest.domain.NormalizationEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What alert-ingest counts: requests, accepted records, rejections by reason, Kafka write latency,
 * and what the normalizers notice at every door (unclassified alerts and reports, ignored PagerDuty
 * follow-ups).
 */
public final class IngestMetrics implements NormalizationEvents {

    private final MeterRegistry registry;
    private final Timer kafkaWrite;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.kafkaWrite = Timer.builder("tocsin.ingest.kafka.write")
                .description("Time from handing a request's records to the writer to the commit holding them")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    public void request(String route, int status) {
        Counter.builder("tocsin.ingest.requests")
                .description("HTTP requests by route and status")
                .tag("route", route)
                .tag("status", String.valueOf(status))
                .register(registry)
                .increment();
    }

    public void accepted(String route, String topic, int records) {
        Counter.builder("tocsin.ingest.records.accepted")
                .description("Records written to Kafka")
                .tag("route", route)
                .tag("topic", topic)
                .register(registry)
                .increment(records);
    }

    public void rejected(String route, String reason) {
        Counter.builder("tocsin.ingest.rejections")
                .description("Rejected requests by route and reason")
                .tag("route", route)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** Request-body bytes currently admitted (parsed or waiting for Kafka), against the in-flight budget. */
    public void inFlightBytes(Supplier<Number> bytes) {
        Gauge.builder("tocsin.ingest.inflight.bytes", bytes)
                .description("Request-body bytes being handled at once")
                .baseUnit("bytes")
                .register(registry);
    }

    /** A raw record stamped further ahead of the wall clock than the tolerance, taken at wall clock plus it. */
    public void eventTimeClamped() {
        Counter.builder("tocsin.ingest.event.time.clamped")
                .description("Raw records stamped further ahead of the wall clock than TOCSIN_CLOCK_SKEW_TOLERANCE")
                .register(registry)
                .increment();
    }

    @Override
    public void unclassified(String sourceName) {
        Counter.builder("tocsin.ingest.unclassified")
                .description("Alerts and reports no product label and no routing rule classified, by source")
                .tag("source", sourceName)
                .register(registry)
                .increment();
    }

    @Override
    public void unknownDedupKey(String action) {
        Counter.builder("tocsin.ingest.pagerduty.unknown.dedup")
                .description(
                        "PagerDuty acknowledge/resolve events ignored because no trigger with their dedup_key is known")
                .tag("action", action)
                .register(registry)
                .increment();
    }

    public void kafkaWrite(Duration took) {
        kafkaWrite.record(took);
    }
}
