package dev.tocsin.runtime.streams;

import static dev.tocsin.runtime.streams.TopicStreams.consumed;
import static dev.tocsin.runtime.streams.TopicStreams.materializedAs;
import static dev.tocsin.runtime.streams.TopicStreams.produced;
import static dev.tocsin.runtime.streams.TopicStreams.repartitioned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.schemas.topics.Topic;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class TopicStreamsTest {

    private final Topic<String, Long> counts =
            new Topic<>("counts", Serdes.String(), Serdes.Long(), Optional.empty(), false);
    private final Topic<String, Long> totals =
            new Topic<>("totals", Serdes.String(), Serdes.Long(), Optional.empty(), false);

    @Test
    void readsWritesAndRepartitionsUseTheTopicsSerdesSoNoDefaultSerdeIsNeeded() {
        try (TopologyTestDriver driver =
                new TopologyTestDriver(countsRepartitionedToTotals(), withoutDefaultSerdes())) {
            TestInputTopic<String, Long> in = driver.createInputTopic(
                    counts.name(),
                    counts.keySerde().serializer(),
                    counts.valueSerde().serializer());
            TestOutputTopic<String, Long> out = driver.createOutputTopic(
                    totals.name(),
                    totals.keySerde().deserializer(),
                    totals.valueSerde().deserializer());
            in.pipeInput("chat", 3L);
            assertThat(out.readKeyValue()).isEqualTo(KeyValue.pair("chat", 3L));
        }
    }

    @Test
    void sourcesSinksAndRepartitionTopicsCarryTheGivenNames() {
        String described = countsRepartitionedToTotals().describe().toString();

        assertThat(described)
                .contains(
                        "Source: read-counts (topics: [counts])",
                        "Sink: write-totals (topic: totals)",
                        "counts-by-key-repartition");
    }

    @Test
    void aTopicMaterializedAsANamedStoreIsReadableByThatName() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(totals.name(), consumed(totals, "read-totals"), materializedAs(totals, "totals-store"));
        builder.globalTable(
                counts.name(),
                consumed(counts, "read-counts"),
                materializedAs(counts, Stores.inMemoryKeyValueStore("counts-store")));
        Topology topology = builder.build();

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, withoutDefaultSerdes())) {
            driver.createInputTopic(
                            totals.name(),
                            totals.keySerde().serializer(),
                            totals.valueSerde().serializer())
                    .pipeInput("chat", 7L);
            driver.createInputTopic(
                            counts.name(),
                            counts.keySerde().serializer(),
                            counts.valueSerde().serializer())
                    .pipeInput("chat", 2L);

            assertThat(driver.<String, Long>getKeyValueStore("totals-store").get("chat"))
                    .isEqualTo(7L);
            assertThat(driver.getKeyValueStore("totals-store").persistent()).isTrue();
            assertThat(driver.<String, Long>getKeyValueStore("counts-store").get("chat"))
                    .isEqualTo(2L);
            assertThat(driver.getKeyValueStore("counts-store").persistent()).isFalse();
        }
    }

    /** counts, through the repartition topic counts-by-key, to totals. */
    private Topology countsRepartitionedToTotals() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(counts.name(), consumed(counts, "read-counts"))
                .repartition(repartitioned(counts, "counts-by-key"))
                .to(totals.name(), produced(totals, "write-totals"));
        return builder.build();
    }

    private static Properties withoutDefaultSerdes() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topic-streams-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return props;
    }
}
