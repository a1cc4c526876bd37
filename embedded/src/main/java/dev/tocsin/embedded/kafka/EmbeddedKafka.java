package dev.tocsin.embedded.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (combined KRaft broker and controller) running in this JVM.
 *
 * <p>The data directory is formatted on first start and reused afterwards, so a restart of the
 * local stack keeps topics, offsets and the schema registry's {@code _schemas} topic. Internal
 * topic partition counts and buffers are sized down for a laptop: the defaults (50 partitions for
 * offsets and transactions, a 128 MiB cleaner buffer) cost seconds of start-up and memory for nothing.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String CLUSTER_ID_FILE = "cluster.id";
    /** Present while a broker runs on the data directory; found at start, it means the last one was killed. */
    private static final String RUNNING_FILE = "broker.running";
    /** Five times the fencing controller's session timeout: its expiry check runs several times a session. */
    private static final long STALE_REGISTRATION_FENCED_MS = 1_500;
    /**
     * Off for this single replica: with eligible leader replicas (KIP-966, on by default since
     * Kafka 4.1) a kill -9 counts as an unclean shutdown, the broker is dropped from the ISR and the
     * ELR of every partition, and its restart elects it back uncleanly (leaderRecoveryState
     * RECOVERING) while the transaction coordinator is loading: every partition, including
     * {@code __transaction_state}, loses and regains its leader during start-up. Unclean elections
     * are not supported with transactions (KAFKA-20716). With one replica ELR protects nothing.
     */
    static final String ELIGIBLE_LEADER_REPLICAS = "eligible.leader.replicas.version";

    private final Path dataDir;
    private final String host;
    private final int requestedPort;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;
    private int port;

    private EmbeddedKafka(Builder builder) {
        this.dataDir = builder.dataDir;
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.overrides = Map.copyOf(builder.overrides);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats the data directory if needed, starts the broker and waits until it answers. */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            return this;
        }
        long started = System.nanoTime();
        port = requestedPort == 0 ? freePort() : requestedPort;
        int controllerPort = freePort();
        KafkaConfig config = new KafkaConfig(brokerProperties(controllerPort), false);
        format(config);
        Path running = dataDir.resolve(RUNNING_FILE);
        if (Files.exists(running)) {
            fenceRegistrationOfKilledBroker();
        }
        writeRunningMark(running);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(60));
        disableEligibleLeaderReplicas();
        LOG.info(
                "Kafka broker ready at {} (data {}) in {} ms",
                bootstrapServers(),
                dataDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return this;
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        try {
            Files.deleteIfExists(dataDir.resolve(RUNNING_FILE));
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: the next start will take a few seconds more", dataDir.resolve(RUNNING_FILE));
        }
        LOG.info("Kafka broker at {} stopped", bootstrapServers());
    }

    private Properties brokerProperties(int controllerPort) {
        Properties props = KraftNodeProperties.combined(
                1, "1@" + host + ":" + controllerPort, host, port, controllerPort, logDir(), 1, 1);
        props.put("num.partitions", "1");
        props.put("num.io.threads", "4");
        props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        props.putAll(overrides);
        return props;
    }

    private Path logDir() {
        return dataDir.resolve("kafka-logs");
    }

    /**
     * After a kill -9 the metadata log still holds the killed broker's registration, unfenced. A
     * restarted broker would load it, lead every partition and load the transaction coordinator at
     * once, while its listeners stay closed until the controller fences the stale registration
     * (broker.session.timeout.ms later) and accepts the new one. In between, every partition is
     * without a leader, and Kafka 4.3.1's transaction marker channel treats a partition without a
     * leader endpoint as deleted: it skips the partition's COMMIT or ABORT marker and logs the
     * transaction as complete. The partition then holds that transaction open for good and
     * read_committed readers stop there. So a controller alone, with a short session timeout, fences
     * the stale registration first. The broker then starts with no partition led until it is
     * registered and its listeners are open, and the coordinator sends its markers only then.
     */
    private void fenceRegistrationOfKilledBroker() {
        long started = System.nanoTime();
        int controllerPort = freePort();
        Properties props = new Properties();
        props.put("process.roles", "controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        props.put("listeners", "CONTROLLER://" + host + ":" + controllerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir().toString());
        props.put("broker.heartbeat.interval.ms", "100");
        props.put("broker.session.timeout.ms", "300");
        KafkaRaftServer controller = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        controller.startup();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, host + ":" + controllerPort))) {
            // the controller fences a registration one session timeout (300 ms) after it became active
            admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS);
            Thread.sleep(STALE_REGISTRATION_FENCED_MS);
            LOG.info(
                    "Fenced the killed broker's registration in {} ms",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Could not fence the killed broker's registration: {}", e.getMessage());
        } finally {
            controller.shutdown();
            controller.awaitShutdown();
        }
    }

    private static void writeRunningMark(Path running) {
        try {
            Files.writeString(running, String.valueOf(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + running, e);
        }
    }

    /** Formats the log directory once; later starts find it formatted and keep the data. */
    private void format(KafkaConfig config) {
        try {
            Files.createDirectories(logDir());
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId())
                    .setIgnoreFormatted(true)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setFeatureLevel(ELIGIBLE_LEADER_REPLICAS, (short) 0)
                    .setHasDynamicQuorum(false);
            formatter.addDirectory(logDir().toString());
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot format Kafka data directory " + logDir() + ": " + e.getMessage(), e);
        }
    }

    private String clusterId() throws IOException {
        Path file = dataDir.resolve(CLUSTER_ID_FILE);
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id);
        return id;
    }

    private void awaitReady(Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException(
                    "Kafka broker did not become ready at " + bootstrapServers() + " within " + timeout, e);
        }
    }

    /** Data directories formatted before ELR was turned off at format time get it turned off here. */
    private void disableEligibleLeaderReplicas() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            FinalizedVersionRange elr = admin.describeFeatures()
                    .featureMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .finalizedFeatures()
                    .get(ELIGIBLE_LEADER_REPLICAS);
            if (elr != null && elr.maxVersionLevel() > 0) {
                admin.updateFeatures(
                                Map.of(
                                        ELIGIBLE_LEADER_REPLICAS,
                                        new FeatureUpdate((short) 0, FeatureUpdate.UpgradeType.SAFE_DOWNGRADE)),
                                new UpdateFeaturesOptions())
                        .all()
                        .get(30, TimeUnit.SECONDS);
                LOG.info("Turned eligible leader replicas off in {}", dataDir);
            }
        } catch (Exception e) {
            LOG.warn("Could not turn eligible leader replicas off: {}", e.getMessage());
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when something already listens on host:port, e.g. a broker from an earlier run. */
    public static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Settings of an {@link EmbeddedKafka}. */
    public static final class Builder {
        private Path dataDir = Path.of(".tocsin", "kafka");
        private String host = "127.0.0.1";
        private int port = 9092;
        private final Map<String, String> overrides = new HashMap<>();

        private Builder() {}

        /** Where logs and metadata live; reused across restarts. Default {@code ./.tocsin/kafka}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir.toAbsolutePath();
            return this;
        }

        /** Listener host, default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Client port, default 9092; 0 picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Any broker property, e.g. {@code auto.create.topics.enable=true}. */
        public Builder brokerProperty(String name, String value) {
            overrides.put(name, value);
            return this;
        }

        public EmbeddedKafka build() {
            return new EmbeddedKafka(this);
        }
    }
}
