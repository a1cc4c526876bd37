package dev.tocsin.runtime.streams;

import dev.tocsin.runtime.config.ServiceConfig;
import dev.tocsin.runtime.errors.DeadLetterDeserializationHandler;
import dev.tocsin.runtime.errors.DeadLetterMetrics;
import dev.tocsin.runtime.errors.DeadLetterProcessingHandler;
import dev.tocsin.runtime.errors.DeadLetterProductionHandler;
import dev.tocsin.runtime.errors.TransientFailures;
import dev.tocsin.runtime.http.HealthCheck;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import dev.tocsin.runtime.metrics.StreamsProgress;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Kafka Streams topology for a service: exactly-once v2, the shared dead-letter
 * handlers, explicit internal naming enforced, metrics bound once RUNNING, readiness from the
 * Streams state, and a bounded graceful close. An exception that escapes processing shuts the
 * client down and calls {@code onFatal} (the service exits so its orchestrator restarts it)
 * rather than limping on with a dead stream thread; an infrastructure failure that may pass
 * ({@link TransientFailures}: the schema registry down) replaces the thread after a growing
 * back-off instead, so the aborted records are processed again once the registry answers.
 */
public final class StreamsRunner implements HealthCheck, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    private final KafkaStreams streams;
    private final Duration shutdownTimeout;
    private final AtomicBoolean metricsBound = new AtomicBoolean();
    private final RestartBackoff restartBackoff = new RestartBackoff();

    public StreamsRunner(
            Topology topology,
            Properties properties,
            ServiceMetrics metrics,
            Duration shutdownTimeout,
            Runnable onFatal) {
        this.streams = new KafkaStreams(topology, properties);
        StreamsProgress.register(metrics.registry(), streams);
        DeadLetterMetrics.of(metrics.registry(), String.valueOf(properties.get(DeadLetterMetrics.SERVICE_CONFIG)))
                .preRegister(DeadLetterMetrics.STREAMS_STAGES, sourceTopics(topology));
        this.shutdownTimeout = shutdownTimeout;
        streams.setUncaughtExceptionHandler(error -> {
            if (TransientFailures.isTransient(error)) {
                Duration wait = restartBackoff.next();
                LOG.warn(
                        "Stream thread failed on an infrastructure failure that may pass ({}); replacing it in {} ms",
                        TransientFailures.describe(error),
                        wait.toMillis());
                restartBackoff.sleep(wait);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            LOG.error("Unrecoverable error in Kafka Streams; shutting the client down", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((next, previous) -> {
            LOG.info("Kafka Streams state {} -> {}", previous, next);
            if (next == KafkaStreams.State.RUNNING && metricsBound.compareAndSet(false, true)) {
                metrics.bind(streams);
            }
            if (next == KafkaStreams.State.ERROR) {
                onFatal.run();
            }
        });
    }

    /**
     * The Streams properties every service uses. {@code KAFKA_*} settings are applied last, so an
     * operator can tune anything (e.g. {@code KAFKA_NUM_STANDBY_REPLICAS=1}).
     */
    public static Properties properties(ServiceConfig config, String deadLetterTopic, ServiceMetrics metrics) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                config.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG,
                true); // global tables dead-letter too (default from Kafka 5.0)
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        // snapshots and changelog values repeat the same field names and ids: lz4 shrinks them several-fold for little
        // CPU
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, config.rocksDbMemoryBytes());
        props.put(DeadLetterMetrics.REGISTRY_CONFIG, metrics.registry());
        props.put(DeadLetterMetrics.SERVICE_CONFIG, config.service());
        props.putAll(config.kafkaProperties());
        return props;
    }

    /** Every topic the topology reads, global stores' topics included. */
    static Set<String> sourceTopics(Topology topology) {
        Set<String> topics = new TreeSet<>();
        TopologyDescription description = topology.describe();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    topics.addAll(source.topicSet());
                }
            }
        }
        for (TopologyDescription.GlobalStore store : description.globalStores()) {
            topics.addAll(store.source().topicSet());
        }
        return topics;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public void start() {
        streams.start();
    }

    /**
     * Ready for a service that answers from its Kafka Streams state (interactive queries): only
     * while RUNNING, since during a rebalance or restore the stores may not be current.
     */
    @Override
    public Status check() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING
                ? Status.ready("kafka-streams RUNNING")
                : Status.notReady("kafka-streams " + state);
    }

    /**
     * Ready for a service whose requests do not read Kafka Streams state (ingest's HTTP path, the
     * page served from its replica): while processing goes on, a rebalance included, so a rebalance
     * does not take the service out of its load balancer; not once Streams stopped or failed.
     */
    public HealthCheck processing() {
        return () -> {
            KafkaStreams.State state = streams.state();
            return servesDuring(state)
                    ? Status.ready("kafka-streams " + state)
                    : Status.notReady("kafka-streams " + state);
        };
    }

    /** Whether a service independent of Streams state can serve while Streams is in {@code state}. */
    static boolean servesDuring(KafkaStreams.State state) {
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    @Override
    public void close() {
        LOG.info("Closing Kafka Streams (up to {})", shutdownTimeout);
        boolean clean = streams.close(CloseOptions.timeout(shutdownTimeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (!clean) {
            LOG.warn("Kafka Streams did not close within {}", shutdownTimeout);
        }
    }
}
