package dev.tocsin.ingest.support;

import dev.tocsin.ingest.IngestService;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
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
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * An alert-ingest service started in the test JVM against a real broker and registry, on its own
 * topic prefix, with helpers to call it and to read what it wrote (read_committed).
 */
public final class RunningIngest implements AutoCloseable {

    public static final String ALERTS_TOKEN = "alerts-token";
    public static final String REPORTS_TOKEN = "reports-token";
    public static final String OPERATOR_TOKEN = "operator-token";
    public static final String ZENDESK_SECRET = "zendesk-secret";

    private final IngestService service;
    private final Topics topics;
    private final String bootstrap;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningIngest(IngestService service, Topics topics, String bootstrap) {
        this.service = service;
        this.topics = topics;
        this.bootstrap = bootstrap;
    }

    /** Starts ingest with production-like credentials plus {@code overrides}. */
    public static RunningIngest start(String bootstrap, String registryUrl, Map<String, String> overrides)
            throws Exception {
        String prefix = "ingest-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Topics topics =
                Topics.create(prefix, new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(registryUrl))));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            TopicProvisioner.createTopics(admin, topics, 1, (short) 1);
        }
        Map<String, String> vars = new HashMap<>();
        vars.put("TOCSIN_ENV", "production");
        vars.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        vars.put("TOCSIN_SCHEMA_REGISTRY_URL", registryUrl);
        vars.put("TOCSIN_TOPIC_PREFIX", prefix);
        vars.put("TOCSIN_APPLICATION_ID", prefix + "ingest");
        vars.put("TOCSIN_STATE_DIR", Files.createTempDirectory("ingest-state").toString());
        vars.put("TOCSIN_HTTP_HOST", "127.0.0.1");
        vars.put("TOCSIN_HTTP_PORT", "0");
        vars.put("TOCSIN_INGEST_MANAGEMENT_PORT", "0");
        vars.put("TOCSIN_INGEST_ALERTS_TOKENS", ALERTS_TOKEN);
        vars.put("TOCSIN_INGEST_REPORTS_TOKENS", REPORTS_TOKEN);
        vars.put("TOCSIN_INGEST_OPERATOR_TOKENS", OPERATOR_TOKEN);
        vars.put("TOCSIN_INGEST_ZENDESK_SIGNING_SECRET", ZENDESK_SECRET);
        vars.put("KAFKA_COMMIT_INTERVAL_MS", "100");
        vars.put("TOCSIN_INGEST_INSTANCE_ID", "it-0");
        vars.putAll(overrides);
        IngestService service = IngestService.start(new Environment(vars), () -> {});
        RunningIngest running = new RunningIngest(service, topics, bootstrap);
        running.awaitReady();
        return running;
    }

    public Topics topics() {
        return topics;
    }

    public String url() {
        return "http://127.0.0.1:" + service.port();
    }

    public HttpResponse<String> post(
            String path, String token, String contentType, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String token, String json) throws Exception {
        return post(path, token, "application/json", json.getBytes(), Map.of());
    }

    public HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET on the management port (/metrics, /health, /ready). */
    public HttpResponse<String> management(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.managementPort() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Reads committed records of {@code topic} until {@code expected} of them match, or 30 s passed; returns the matches. */
    public <V> List<ConsumerRecord<String, V>> readMatching(
            Topic<String, V> topic, java.util.function.Predicate<ConsumerRecord<String, V>> match, int expected) {
        List<ConsumerRecord<String, V>> matches = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        bootstrap,
                        "isolation.level",
                        "read_committed",
                        "group.id",
                        "reader-" + UUID.randomUUID(),
                        "auto.offset.reset",
                        "earliest"),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.currentTimeMillis() + 30_000;
            while (matches.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (match.test(r)) {
                        matches.add(r);
                    }
                });
            }
        }
        return matches;
    }

    /** Reads committed records of {@code topic} until {@code expected} arrived or 30 s passed. */
    public <V> List<ConsumerRecord<String, V>> read(Topic<String, V> topic, int expected) {
        return readMatching(topic, record -> true, expected);
    }

    private void awaitReady() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (management("/ready").statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("alert-ingest did not become ready");
    }

    public static byte[] resource(String path) throws Exception {
        return Files.readAllBytes(Path.of(RunningIngest.class.getResource(path).toURI()));
    }

    @Override
    public void close() {
        service.close();
    }
}
