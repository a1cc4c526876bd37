package dev.tocsin.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.runtime.errors.DeadLetterMetrics;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterSeriesTest {

    @TempDir
    Path stateDir;

    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(
                "global-in",
                Consumed.with(Serdes.String(), Serdes.String()).withName("read-global"),
                Materialized.as("global-store"));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("read-in"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("write-out"));
        return builder.build();
    }

    @Test
    void sourceTopicsIncludeGlobalStoreTopicsButNoSinks() {
        assertThat(StreamsRunner.sourceTopics(topology())).containsExactly("global-in", "in");
    }

    @Test
    void deadLetterSeriesOfEveryStageAndInputTopicArePresentAtZeroBeforeAnyRecord() {
        try (ServiceMetrics metrics = new ServiceMetrics("test")) {
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letter-series-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            props.put(DeadLetterMetrics.SERVICE_CONFIG, "test");
            StreamsRunner runner = new StreamsRunner(topology(), props, metrics, Duration.ofSeconds(1), () -> {});
            try {
                String scrape = metrics.scrape();
                for (String stage : DeadLetterMetrics.STREAMS_STAGES) {
                    assertThat(scrape)
                            .contains("tocsin_dead_letters_total{service=\"test\",stage=\"" + stage
                                    + "\",topic=\"in\"} 0.0")
                            .contains("tocsin_dead_letters_total{service=\"test\",stage=\"" + stage
                                    + "\",topic=\"global-in\"} 0.0");
                }
                assertThat(scrape)
                        .doesNotContain("topic=\"out\"")
                        .contains("tocsin_streams_lag_records{service=\"test\"} 0.0")
                        .contains("tocsin_streams_running{service=\"test\"} 0.0");
            } finally {
                runner.close();
            }
        }
    }
}
