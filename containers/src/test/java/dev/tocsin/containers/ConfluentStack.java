package dev.tocsin.containers;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real {@code apache/kafka} broker and Confluent's own schema registry on one Docker network,
 * started on first use and shared by every test of the run (they isolate themselves by topic
 * prefix and subject), removed by Testcontainers' reaper when the JVM exits.
 * Inside the network the broker is {@value #KAFKA_INTERNAL} and the registry {@value #REGISTRY_INTERNAL}.
 */
final class ConfluentStack {

    static final String KAFKA_INTERNAL = "kafka:19092";
    static final String REGISTRY_INTERNAL = "http://schema-registry:8081";

    private static final Logger LOG = LoggerFactory.getLogger(ConfluentStack.class);
    private static ConfluentStack shared;

    private final Network network;
    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;

    private ConfluentStack() {
        network = Network.newNetwork();
        kafka = new KafkaContainer(DockerImageName.parse(ImageNames.resolve(ImageNames.KAFKA))
                        .asCompatibleSubstituteFor("apache/kafka"))
                .withNetwork(network)
                .withListener(KAFKA_INTERNAL)
                .withStartupTimeout(Duration.ofMinutes(3));
        registry = new GenericContainer<>(DockerImageName.parse(ImageNames.resolve(ImageNames.SCHEMA_REGISTRY)))
                .withNetwork(network)
                .withNetworkAliases("schema-registry")
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + KAFKA_INTERNAL)
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "1")
                .withExposedPorts(8081)
                .dependsOn(kafka)
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)))
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("cp-schema-registry"))
                        .withSeparateOutputStreams());
    }

    /** The run's stack, started on first call. */
    static synchronized ConfluentStack shared() {
        if (shared == null) {
            ConfluentStack stack = new ConfluentStack();
            stack.registry.start(); // starts the broker first (dependsOn)
            LOG.info(
                    "Kafka {} at {}, Confluent schema registry {} at {}",
                    stack.kafka.getDockerImageName(),
                    stack.bootstrapServers(),
                    stack.registry.getDockerImageName(),
                    stack.registryUrl());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "confluent-stack-stop"));
            shared = stack;
        }
        return shared;
    }

    /** The broker, as the test JVM reaches it. */
    String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    /** Confluent's registry, as the test JVM reaches it. */
    String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
    }

    /** The network other containers join to reach {@link #KAFKA_INTERNAL} and {@link #REGISTRY_INTERNAL}. */
    Network network() {
        return network;
    }

    private void stop() {
        registry.stop();
        kafka.stop();
        network.close();
    }
}
