package dev.tocsin.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import org.junit.jupiter.api.Test;

class ServiceMetricsTest {

    private static Meter.Id id(String name, String... tags) {
        return new Meter.Id(name, io.micrometer.core.instrument.Tags.of(tags), null, null, Meter.Type.GAUGE);
    }

    @Test
    void perPartitionMetersAreDroppedExceptTheLag() {
        assertThat(ServiceMetrics.isKept(id("kafka.consumer.fetch.manager.records.lag", "partition", "0")))
                .isTrue();
        assertThat(ServiceMetrics.isKept(id("kafka.consumer.fetch.manager.records.lag.avg", "partition", "0")))
                .isFalse();
        assertThat(ServiceMetrics.isKept(id("kafka.consumer.fetch.manager.records.lag.max", "partition", "0")))
                .isFalse();
        assertThat(ServiceMetrics.isKept(id("kafka.consumer.fetch.manager.records.lag.max")))
                .isTrue();
        assertThat(ServiceMetrics.isKept(id("kafka.admin.client.request.total")))
                .isFalse();
    }

    @Test
    void perOperationStoreMetersAreDroppedButStoreSizesKept() {
        assertThat(ServiceMetrics.isKept(id("kafka.stream.state.put.latency.avg")))
                .isFalse();
        assertThat(ServiceMetrics.isKept(id("kafka.stream.state.memtable.flush.time.max")))
                .isFalse();
        assertThat(ServiceMetrics.isKept(id("kafka.stream.state.estimate.num.keys")))
                .isTrue();
        assertThat(ServiceMetrics.isKept(id("kafka.stream.state.total.sst.files.size")))
                .isTrue();
    }

    @Test
    void perNodeMetersAreDroppedButThreadTaskAndLagMetersKept() {
        assertThat(ServiceMetrics.isKept(id("kafka.stream.processor.node.process.rate")))
                .isFalse();
        assertThat(ServiceMetrics.isKept(id("kafka.producer.node.request.latency.avg")))
                .isFalse();
        assertThat(ServiceMetrics.isKept(id("kafka.consumer.reauthentication.latency.avg")))
                .isFalse();
        assertThat(ServiceMetrics.isKept(id("kafka.consumer.fetch.manager.records.lead.min")))
                .isFalse();
        assertThat(ServiceMetrics.isKept(id("kafka.stream.thread.commit.latency.avg")))
                .isTrue();
        assertThat(ServiceMetrics.isKept(id("kafka.stream.task.dropped.records.total")))
                .isTrue();
        assertThat(ServiceMetrics.isKept(id("kafka.consumer.fetch.manager.records.lag")))
                .isTrue();
        assertThat(ServiceMetrics.isKept(id("tocsin.dead.letters"))).isTrue();
    }

    @Test
    void droppedMetersNeverReachTheScrape() {
        try (ServiceMetrics metrics = new ServiceMetrics("test")) {
            Gauge.builder("kafka.stream.state.put.rate", () -> 1.0).register(metrics.registry());
            Gauge.builder("kafka.stream.thread.commit.rate", () -> 2.0).register(metrics.registry());
            assertThat(metrics.scrape())
                    .contains("kafka_stream_thread_commit_rate")
                    .doesNotContain("kafka_stream_state_put_rate")
                    .contains("jvm_memory_used_bytes");
        }
    }
}
