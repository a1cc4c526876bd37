package dev.tocsin.e2e.faults;

import dev.tocsin.embedded.kafka.ClusterNode;
import dev.tocsin.embedded.registry.EmbeddedSchemaRegistry;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The deployed shape, every part its own process: three combined KRaft nodes (replication factor 3,
 * {@code min.insync.replicas=2}), the schema registry, alert-ingest, incident-correlator and
 * status-publisher, configured through their environment variables as in production. Timeouts are
 * short so that faults heal within seconds: transactions of Streams time out after 10 s (the
 * exactly-once default), ingest's after 18 s, dead group members after 6 s.
 */
final class FaultStack implements AutoCloseable {

    static final int PARTITIONS = 3;
    /** Products per scenario: scenario {@code k}'s alerts name {@code s<k>-product-0 .. 3}, so each opens incidents of its own. */
    static final int PRODUCTS = 4;
    /** Scenarios whose products the status page lists as components (the allow-list of public products). */
    static final int SCENARIOS = 20;

    static final String TOKEN = "local-dev-token";

    private final Path dir;
    private final int[] clientPorts = new int[3];
    private final int[] controllerPorts = new int[3];
    private final int registryPort = freePort();
    private final int ingestPort = freePort();
    private final int correlatorPort = freePort();
    private final int publisherPort = freePort();
    private final List<ChildProcess> nodes = new ArrayList<>();
    private final ChildProcess registry;
    private final ChildProcess ingest;
    private final ChildProcess correlator;
    private final ChildProcess publisher;
    private final Map<ChildProcess, Integer> httpPorts = new HashMap<>();
    private final Map<ChildProcess, Integer> managementPorts = new HashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    FaultStack(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        StringJoiner voters = new StringJoiner(",");
        for (int n = 0; n < 3; n++) {
            clientPorts[n] = freePort();
            controllerPorts[n] = freePort();
            voters.add((n + 1) + "@127.0.0.1:" + controllerPorts[n]);
        }
        String clusterId = Uuid.randomUuid().toString();
        for (int n = 0; n < 3; n++) {
            nodes.add(new ChildProcess(
                    "kafka-" + (n + 1),
                    dir,
                    Map.of(),
                    ClusterNode.class.getName(),
                    String.valueOf(n + 1),
                    String.valueOf(clientPorts[n]),
                    String.valueOf(controllerPorts[n]),
                    voters.toString(),
                    dir.resolve("kafka-" + (n + 1)).toString(),
                    clusterId,
                    // a fenced or timed-out transaction is aborted within a second, not ten
                    "transaction.abort.timed.out.transaction.cleanup.interval.ms=1000",
                    // a killed node leaves the ISR within 3 s, so writes with acks=all go on
                    "broker.session.timeout.ms=3000",
                    "broker.heartbeat.interval.ms=500"));
        }
        registry = new ChildProcess(
                "schema-registry",
                dir,
                Map.of(),
                EmbeddedSchemaRegistry.class.getName(),
                bootstrapServers(),
                String.valueOf(registryPort));
        ingest = service("alert-ingest", "dev.tocsin.ingest.Main", ingestPort, Map.of());
        correlator = service("incident-correlator", "dev.tocsin.correlator.Main", correlatorPort, Map.of());
        publisher = service("status-publisher", "dev.tocsin.publisher.Main", publisherPort, Map.of());
    }

    /** A service process with the suite's settings, plus {@code extra} (which win). */
    ChildProcess service(String name, String mainClass, int port, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("TOCSIN_ENV", "local"); // accepts the local token on every API; otherwise production settings
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        env.put("KAFKA_REPLICATION_FACTOR", "3");
        env.put("KAFKA_SESSION_TIMEOUT_MS", "6000");
        env.put("KAFKA_HEARTBEAT_INTERVAL_MS", "1500");
        env.put("TOCSIN_SCHEMA_REGISTRY_URL", registryUrl());
        env.put("TOCSIN_HTTP_HOST", "127.0.0.1");
        env.put("TOCSIN_HTTP_PORT", String.valueOf(port));
        int managementPort = freePort(); // /ready and /metrics live on each service's management port
        for (String service : List.of("INGEST", "CORRELATOR", "PUBLISHER")) {
            env.put("TOCSIN_" + service + "_MANAGEMENT_PORT", String.valueOf(managementPort));
        }
        env.put("TOCSIN_STATE_DIR", stateDir(name).toString());
        env.put("TOCSIN_ROCKSDB_MEMORY_MB", "16");
        env.put("TOCSIN_INGEST_INSTANCE_ID", "faults-1");
        env.put("TOCSIN_INGEST_KAFKA_TIMEOUT", "3s");
        env.put("TOCSIN_INGEST_RATE_PER_SECOND", "100000");
        env.put("TOCSIN_INGEST_RATE_BURST", "100000");
        env.put("TOCSIN_CORRELATOR_CLOCK_INTERVAL", "2s");
        StringJoiner components = new StringJoiner(",");
        for (int k = 1; k <= SCENARIOS; k++) {
            for (int p = 0; p < PRODUCTS; p++) {
                components.add(productPrefix(k) + p + "=S" + k + " product " + p);
            }
        }
        env.put("TOCSIN_PUBLISHER_COMPONENTS", components.toString());
        env.put("TOCSIN_PUBLISHER_CLOCK_INTERVAL", "2s");
        env.putAll(extra);
        ChildProcess service = new ChildProcess(name, dir, env, mainClass);
        httpPorts.put(service, port);
        managementPorts.put(service, managementPort);
        return service;
    }

    /** Starts the cluster, creates and registers every topic, then the registry and the services. */
    void start() throws Exception {
        nodes.forEach(ChildProcess::start);
        awaitBrokers(3, Duration.ofSeconds(120));
        try (Admin admin = admin()) {
            // the registry would create its topic with one replica; the deployed shape has three
            admin.createTopics(List.of(new NewTopic("_schemas", 1, (short) 3)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
        registry.start();
        registry.awaitOutput("schema registry at", Duration.ofSeconds(90));
        provision(Topics.DEFAULT_PREFIX);
        for (ChildProcess service : List.of(ingest, correlator, publisher)) {
            service.start();
        }
        awaitReady(ingest, Duration.ofSeconds(120));
        awaitReady(correlator, Duration.ofSeconds(120));
        awaitReady(publisher, Duration.ofSeconds(120));
        subscribe(
                "faults-email",
                "{\"scope\":\"all\",\"channel\":\"email\",\"address\":\"oncall@example.com\",\"locale\":\"en\"}");
        subscribe(
                "faults-sms",
                "{\"scope\":\"all\",\"channel\":\"sms\",\"address\":\"+4915100000000\",\"locale\":\"de\"}");
    }

    /** Posts an operator command to an incident, once (the Idempotency-Key makes a retry a no-op); returns the status. */
    int command(String incidentId, String idempotencyKey, String body) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(
                                        URI.create(ingestUrl() + "/api/v1/incidents/" + incidentId + "/commands"))
                                .timeout(Duration.ofSeconds(20))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Idempotency-Key", idempotencyKey)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Subscribers to every change, so that each status event also makes notifications the checker can count. */
    private void subscribe(String id, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(ingestUrl() + "/api/v1/subscriptions/" + id))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TOKEN)
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "subscription " + id + " refused: " + response.statusCode() + " " + response.body());
        }
    }

    /** Names of scenario {@code k}'s products, less the number. */
    static String productPrefix(int scenario) {
        return "s" + scenario + "-product-";
    }

    /** Creates the topics under {@code prefix} (3 partitions, 3 replicas) and registers their value schemas. */
    void provision(String prefix) {
        Topics topics = topics(prefix);
        try (Admin admin = admin()) {
            TopicProvisioner.createTopics(admin, topics, PARTITIONS, (short) 3);
        }
        TopicProvisioner.registerSchemas(new SchemaRegistryClient(SchemaRegistryConfig.of(registryUrl())), topics);
    }

    Topics topics(String prefix) {
        return Topics.create(prefix, new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(registryUrl()))));
    }

    /** Restarts a service after a fault and waits until it is ready again. */
    void restart(ChildProcess service) throws Exception {
        service.start();
        awaitReady(service, Duration.ofSeconds(120));
    }

    void awaitReady(ChildProcess service, Duration timeout) throws InterruptedException {
        port(service);
        String url = "http://127.0.0.1:" + managementPorts.get(service) + "/ready";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                HttpResponse<Void> ready = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!service.alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(service.name() + " did not become ready; see " + service.log());
            }
            Thread.sleep(250);
        }
    }

    /** Waits until {@code count} brokers are registered (a restarted node is back). */
    void awaitBrokers(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Admin admin = admin()) {
                if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= count) {
                    return;
                }
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("fewer than " + count + " brokers after " + timeout);
            }
            Thread.sleep(500);
        }
    }

    private int port(ChildProcess service) {
        Integer port = httpPorts.get(service);
        if (port == null) {
            throw new IllegalArgumentException(service.name() + " serves no HTTP");
        }
        return port;
    }

    Admin admin() {
        return Admin.create(Map.of(
                "bootstrap.servers",
                bootstrapServers(),
                "request.timeout.ms",
                10_000,
                "default.api.timeout.ms",
                30_000));
    }

    String bootstrapServers() {
        StringJoiner out = new StringJoiner(",");
        for (int port : clientPorts) {
            out.add("127.0.0.1:" + port);
        }
        return out.toString();
    }

    String registryUrl() {
        return "http://127.0.0.1:" + registryPort;
    }

    String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    Path stateDir(String service) {
        return dir.resolve("state").resolve(service);
    }

    Path dir() {
        return dir;
    }

    ChildProcess node(int index) {
        return nodes.get(index);
    }

    ChildProcess registry() {
        return registry;
    }

    ChildProcess ingest() {
        return ingest;
    }

    ChildProcess correlator() {
        return correlator;
    }

    ChildProcess publisher() {
        return publisher;
    }

    /** kill -9 of everything: a run's data is thrown away, and a clean shutdown of eight JVMs costs half a minute. */
    @Override
    public void close() throws InterruptedException {
        for (ChildProcess process : List.of(publisher, correlator, ingest, registry)) {
            process.kill9();
        }
        for (ChildProcess node : nodes) {
            node.kill9();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
