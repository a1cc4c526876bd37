package dev.tocsin.runtime.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Two gauges an operator pages on, registered when the Kafka Streams client is created so they
 * exist (at 0) before it runs: {@code tocsin_streams_lag_records}, the records this instance's
 * stream threads are behind on their input partitions (the main consumers' {@code records-lag},
 * summed; restore and global consumers excluded, they catch up before processing starts), and
 * {@code tocsin_streams_running} (1 while the client is RUNNING). Kafka's own per-client
 * {@code records-lag-max} stays on {@code /metrics} too; this is the one stable series per service.
 */
public final class StreamsProgress {

    public static final String LAG = "tocsin.streams.lag.records";
    public static final String RUNNING = "tocsin.streams.running";

    private StreamsProgress() {}

    public static void register(MeterRegistry registry, KafkaStreams streams) {
        Gauge.builder(LAG, streams, s -> inputLag(s.metrics()))
                .description("Records the stream threads of this instance are behind on their input partitions")
                .register(registry);
        Gauge.builder(RUNNING, streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 while Kafka Streams is RUNNING; 0 while it starts, rebalances, restores or has stopped")
                .register(registry);
    }

    /** The sum of the main consumers' per-partition {@code records-lag}; 0 with no partition assigned. */
    static double inputLag(Map<MetricName, ? extends Metric> metrics) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (name.name().equals("records-lag")
                    && name.group().equals("consumer-fetch-manager-metrics")
                    && name.tags().containsKey("partition")
                    && isStreamThreadConsumer(name.tags().get("client-id"))
                    && entry.getValue().metricValue() instanceof Number lag
                    && !Double.isNaN(lag.doubleValue())) {
                total += lag.doubleValue();
            }
        }
        return total;
    }

    /** A stream thread's main consumer is {@code <client>-StreamThread-<n>-consumer}; restore consumers end in {@code -restore-consumer}. */
    private static boolean isStreamThreadConsumer(String clientId) {
        return clientId != null
                && clientId.contains("-StreamThread-")
                && clientId.endsWith("-consumer")
                && !clientId.endsWith("-restore-consumer");
    }
}
