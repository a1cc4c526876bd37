package dev.tocsin.correlator.topology;

import dev.tocsin.correlator.domain.Correlator;
import dev.tocsin.correlator.domain.Policy;
import dev.tocsin.correlator.domain.Retention;
import dev.tocsin.runtime.config.CommonSettings;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.ServiceConfig;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import dev.tocsin.runtime.streams.StreamsRunner;
import dev.tocsin.schemas.registry.SchemaRegistry;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** The production correlator topology under a TopologyTestDriver, with the service's own Streams properties. */
public final class CorrelatorDriver implements AutoCloseable {

    /** The service's default {@code TOCSIN_CLOCK_SKEW_TOLERANCE}. */
    static final Duration CLOCK_SKEW_TOLERANCE =
            CommonSettings.CLOCK_SKEW_TOLERANCE.parser().apply(CommonSettings.CLOCK_SKEW_TOLERANCE.defaultValue());

    public final AvroSerdes serdes = new AvroSerdes(SchemaRegistry.connect("mock://correlator-driver"));
    public final Topics topics = Topics.create("tocsin.", serdes);
    public final Topology topology;
    public final TopologyTestDriver driver;
    public final ServiceMetrics metrics = new ServiceMetrics("correlator-test");

    public CorrelatorDriver(
            Policy policy, Path stateDir, Instant start, Duration clockInterval, Duration snapshotInterval) {
        this(policy, stateDir, start, clockInterval, snapshotInterval, Retention.defaults(), PruneSchedule.defaults());
    }

    CorrelatorDriver(
            Policy policy,
            Path stateDir,
            Instant start,
            Duration clockInterval,
            Duration snapshotInterval,
            Retention retention,
            PruneSchedule pruneSchedule) {
        ServiceConfig config = ServiceConfig.from(
                new Environment(Map.of("TOCSIN_STATE_DIR", stateDir.toString())), "incident-correlator", 0);
        Properties props = StreamsRunner.properties(config, topics.deadLetters().name(), metrics);
        topology = CorrelatorTopology.build(
                topics,
                serdes,
                new Correlator(policy),
                new CorrelatorMetrics(metrics.registry()),
                clockInterval,
                snapshotInterval,
                CLOCK_SKEW_TOLERANCE,
                retention,
                pruneSchedule);
        driver = new TopologyTestDriver(topology, props, start);
    }

    public <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(
                topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return driver.createOutputTopic(
                topic.name(),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    @Override
    public void close() {
        driver.close();
        metrics.close();
    }
}
