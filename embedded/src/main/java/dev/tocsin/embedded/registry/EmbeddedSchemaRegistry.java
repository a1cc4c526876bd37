package dev.tocsin.embedded.registry;

import io.javalin.Javalin;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry that speaks the Confluent Schema Registry REST API v1 (Avro only) and keeps
 * its schemas in a compacted Kafka topic, laid out like Confluent's {@code _schemas}. For the
 * local stack and tests, where Confluent's registry is not available; production points clients
 * at a real registry instead.
 *
 * <pre>{@code
 * try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
 *         .bootstrapServers(kafka.bootstrapServers())
 *         .port(0)
 *         .build()) {
 *     registry.start();
 *     String url = registry.url();
 * }
 * }</pre>
 *
 * <p>It assumes it is the only writer of its topic: run one instance per topic at a time.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final String bootstrapServers;
    private final String host;
    private final int port;
    private final String topic;
    private final BasicAuth auth;

    private RegistryLog log;
    private Javalin http;
    private String url;

    private EmbeddedSchemaRegistry(Builder builder) {
        this.bootstrapServers = builder.bootstrapServers;
        this.host = builder.host;
        this.port = builder.port;
        this.topic = builder.topic;
        this.auth = builder.user == null ? null : new BasicAuth(builder.user, builder.password);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The registry as its own process (the fault-injection suite's shape):
     * {@code EmbeddedSchemaRegistry BOOTSTRAP_SERVERS PORT}. Prints {@code schema registry at URL} once
     * it serves; SIGTERM stops it.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedSchemaRegistry BOOTSTRAP_SERVERS PORT");
            System.exit(64);
        }
        EmbeddedSchemaRegistry registry = builder()
                .bootstrapServers(args[0])
                .port(Integer.parseInt(args[1]))
                .build();
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            registry.close();
                            stopped.countDown();
                        },
                        "schema-registry-shutdown"));
        registry.start();
        System.out.println("schema registry at " + registry.url());
        stopped.await();
    }

    /**
     * Creates the topic if missing (compacted, 1 partition, replication 1), reads it to its end to
     * rebuild the state, then starts serving HTTP.
     *
     * @return this registry
     * @throws IllegalStateException when already started, or Kafka or the port is unavailable
     */
    public synchronized EmbeddedSchemaRegistry start() {
        if (log != null) {
            throw new IllegalStateException("Schema registry already started");
        }
        try {
            log = KafkaRegistryLog.open(bootstrapServers, topic);
            RegistryService service = new RegistryService(log);
            http = Javalin.create(config -> {
                config.showJavalinBanner = false;
                config.jetty.defaultHost = host;
                config.jetty.defaultPort = port;
            });
            new RegistryRoutes(service, auth).install(http);
            http.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + http.port();
        LOG.info("Schema registry listening on {} (topic {}, basic auth {})", url, topic, auth == null ? "off" : "on");
        return this;
    }

    /**
     * The base URL clients use, with the port actually bound, e.g. {@code http://127.0.0.1:8081}.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized String url() {
        if (url == null) {
            throw new IllegalStateException("Schema registry not started");
        }
        return url;
    }

    /** Stops serving HTTP and closes the Kafka clients. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (http != null) {
            http.stop();
            http = null;
        }
        if (log != null) {
            log.close();
            log = null;
        }
        url = null;
    }

    /** Settings for an {@link EmbeddedSchemaRegistry}; only the bootstrap servers are required. */
    public static final class Builder {

        private String bootstrapServers;
        private String host = "127.0.0.1";
        private int port = 8081;
        private String topic = "_schemas";
        private String user;
        private String password;

        private Builder() {}

        /** The Kafka cluster that keeps the schemas. Required. */
        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            return this;
        }

        /** The address to listen on; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to listen on; default 8081, 0 for any free port (see {@link EmbeddedSchemaRegistry#url()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The topic that keeps the schemas; default {@code _schemas}. */
        public Builder topic(String topic) {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("topic must not be blank");
            }
            this.topic = topic;
            return this;
        }

        /** Requires these HTTP Basic credentials on every request (401 otherwise). */
        public Builder basicAuth(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        public EmbeddedSchemaRegistry build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalStateException("bootstrapServers is required");
            }
            return new EmbeddedSchemaRegistry(this);
        }
    }
}
