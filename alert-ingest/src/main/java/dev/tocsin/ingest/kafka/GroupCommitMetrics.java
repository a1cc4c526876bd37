package dev.tocsin.ingest.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What group commit does: transactions by outcome, requests and records per transaction, their latency, the queue. */
public final class GroupCommitMetrics {

    private final MeterRegistry registry;
    private final Counter committed;
    private final Counter failed;
    private final Counter refusedBusy;
    private final DistributionSummary requestsPerTransaction;
    private final DistributionSummary recordsPerTransaction;
    private final Timer transaction;
    private final Timer requestWait;

    public GroupCommitMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.committed = Counter.builder("tocsin.ingest.transactions")
                .description("Kafka transactions of the HTTP writer")
                .tag("outcome", "committed")
                .register(registry);
        this.failed = Counter.builder("tocsin.ingest.transactions")
                .description("Kafka transactions of the HTTP writer")
                .tag("outcome", "failed")
                .register(registry);
        this.refusedBusy = Counter.builder("tocsin.ingest.writer.refused")
                .description("Requests refused because the queue for Kafka transactions was full")
                .register(registry);
        this.requestsPerTransaction = DistributionSummary.builder("tocsin.ingest.transaction.requests")
                .description("HTTP requests sharing one Kafka transaction")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.recordsPerTransaction = DistributionSummary.builder("tocsin.ingest.transaction.records")
                .description("Records in one Kafka transaction")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.transaction = Timer.builder("tocsin.ingest.transaction")
                .description("Time from beginning a shared Kafka transaction to its acknowledged commit")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.requestWait = Timer.builder("tocsin.ingest.transaction.request.wait")
                .description("Time from queueing a request's records to the commit of the transaction holding them")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** Metrics nobody reads, e.g. in tests of the writer alone. */
    public static GroupCommitMetrics discarding() {
        return new GroupCommitMetrics(new SimpleMeterRegistry());
    }

    void queue(Supplier<Number> waiting) {
        Gauge.builder("tocsin.ingest.writer.queue", waiting)
                .description("Requests waiting for a Kafka transaction")
                .register(registry);
    }

    void transaction(boolean ok, int requests, int records, long nanos) {
        (ok ? committed : failed).increment();
        requestsPerTransaction.record(requests);
        recordsPerTransaction.record(records);
        transaction.record(nanos, TimeUnit.NANOSECONDS);
    }

    void requestCommitted(long nanosSinceQueued) {
        requestWait.record(nanosSinceQueued, TimeUnit.NANOSECONDS);
    }

    void refusedBusy() {
        refusedBusy.increment();
    }
}
