package dev.tocsin.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class StreamsProgressTest {

    private final Map<MetricName, Metric> metrics = new HashMap<>();

    private void lag(String clientId, int partition, double value) {
        MetricName name = new MetricName(
                "records-lag",
                "consumer-fetch-manager-metrics",
                "",
                Map.of("client-id", clientId, "topic", "tocsin.alerts", "partition", String.valueOf(partition)));
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }

    @Test
    void inputLagSumsTheStreamThreadsPartitionsAndIgnoresRestoreAndGlobalConsumers() {
        lag("app-1-StreamThread-1-consumer", 0, 10);
        lag("app-1-StreamThread-2-consumer", 1, 5);
        lag("app-1-StreamThread-1-consumer", 2, Double.NaN); // assigned, position not known yet
        lag("app-1-StreamThread-1-restore-consumer", 0, 1000);
        lag("app-1-global-consumer", 0, 1000);

        assertThat(StreamsProgress.inputLag(metrics)).isEqualTo(15);
    }

    @Test
    void noAssignedPartitionIsNoLag() {
        assertThat(StreamsProgress.inputLag(metrics)).isZero();
    }
}
