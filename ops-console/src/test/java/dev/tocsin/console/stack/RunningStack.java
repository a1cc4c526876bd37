package dev.tocsin.console.stack;

import dev.tocsin.console.ConsoleService;
import dev.tocsin.correlator.CorrelatorService;
import dev.tocsin.embedded.kafka.EmbeddedKafka;
import dev.tocsin.embedded.registry.EmbeddedSchemaRegistry;
import dev.tocsin.ingest.IngestService;
import dev.tocsin.publisher.PublisherService;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.http.Credentials;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.runtime.lifecycle.Closer;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;

/**
 * The real pipeline in this JVM for the console's end-to-end tests: embedded KRaft broker and
 * schema registry, every topic and schema, alert-ingest, incident-correlator, status-publisher and
 * the console, on free ports, as {@code ./tocsin local} runs them (local mode, dev tokens).
 */
public final class RunningStack implements AutoCloseable {

    public static final String TOKEN = Credentials.LOCAL_DEV_TOKEN;

    private final Closer parts = new Closer();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public String ingestUrl;
    public String correlatorUrl;
    public String publisherUrl;
    public String consoleUrl;
    public int consoleManagementPort;

    public static RunningStack start(Path dataDir) {
        return Closer.startOrClose(new RunningStack(), stack -> stack.startParts(dataDir));
    }

    private void startParts(Path dataDir) {
        EmbeddedKafka kafka = parts.add(EmbeddedKafka.builder()
                .dataDir(dataDir.resolve("kafka"))
                .host("127.0.0.1")
                .port(0)
                .build()
                .start());
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .host("127.0.0.1")
                .port(0)
                .build();
        registry.start();
        parts.add(registry);
        AvroSerdes serdes = new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(registry.url())));
        Topics topics = Topics.create("tocsin.", serdes);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicProvisioner.createTopics(admin, topics, 2, (short) 1);
        }
        TopicProvisioner.registerSchemas(serdes.registry(), topics);

        Map<String, String> common = new HashMap<>();
        common.put("TOCSIN_ENV", "local");
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        common.put("TOCSIN_SCHEMA_REGISTRY_URL", registry.url());
        common.put("TOCSIN_HTTP_HOST", "127.0.0.1");
        common.put("TOCSIN_HTTP_PORT", "0");
        common.put("TOCSIN_INTERNAL_TOKEN", "console-test-instances");

        IngestService ingest = parts.add(
                IngestService.start(env(common, dataDir, "alert-ingest", "TOCSIN_INGEST_MANAGEMENT_PORT"), () -> {}));
        ingestUrl = "http://127.0.0.1:" + ingest.port();
        // a short correlation window: a later alert of another component opens a second incident to merge
        Path policy = dataDir.resolve("policy.yaml");
        try {
            java.nio.file.Files.writeString(policy, "correlation:\n  window: PT2S\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> correlatorEnv = new HashMap<>(common);
        correlatorEnv.put("TOCSIN_CORRELATOR_POLICY", policy.toString());
        CorrelatorService correlator = parts.add(CorrelatorService.start(
                env(correlatorEnv, dataDir, "incident-correlator", "TOCSIN_CORRELATOR_MANAGEMENT_PORT"), () -> {}));
        correlatorUrl = "http://127.0.0.1:" + correlator.port();
        Map<String, String> publisher = new HashMap<>(common);
        publisher.put("TOCSIN_PUBLISHER_COMPONENTS", "chat=Chat,voice=Voice");
        publisher.put("TOCSIN_PUBLISHER_CLOCK_INTERVAL", "1s");
        PublisherService page = parts.add(PublisherService.start(
                env(publisher, dataDir, "status-publisher", "TOCSIN_PUBLISHER_MANAGEMENT_PORT"), () -> {}));
        publisherUrl = "http://127.0.0.1:" + page.port();
        Map<String, String> console = new HashMap<>(common);
        console.put("TOCSIN_CONSOLE_CORRELATOR_URL", correlatorUrl);
        console.put("TOCSIN_CONSOLE_INGEST_URL", ingestUrl);
        console.put("TOCSIN_CONSOLE_STATUS_PAGE_URL", publisherUrl);
        console.put("TOCSIN_PUBLISHER_COMPONENTS", publisher.get("TOCSIN_PUBLISHER_COMPONENTS"));
        ConsoleService ops = parts.add(
                ConsoleService.start(env(console, dataDir, "ops-console", "TOCSIN_CONSOLE_MANAGEMENT_PORT"), () -> {}));
        consoleUrl = "http://127.0.0.1:" + ops.port();
        consoleManagementPort = ops.managementPort();
    }

    private static Environment env(Map<String, String> common, Path dataDir, String service, String managementPort) {
        Map<String, String> vars = new HashMap<>(common);
        vars.put(managementPort, "0");
        vars.put("TOCSIN_STATE_DIR", dataDir.resolve("state").resolve(service).toString());
        return new Environment(vars);
    }

    /** Posts one firing generic alert to alert-ingest (its fingerprint from the summary); returns the status. */
    public int postAlert(String product, String component, String summary) throws IOException, InterruptedException {
        return postAlert(product, component, summary, "");
    }

    /** {@link #postAlert} with one label {@code alertname} (what silences usually match). */
    public int postAlert(String product, String component, String summary, String alertname)
            throws IOException, InterruptedException {
        String body = "{\"source\":\"console-test\",\"fingerprint\":\"fp-" + Integer.toHexString(summary.hashCode())
                + "\",\"status\":\"firing\",\"product\":\"" + product + "\",\"component\":\""
                + component + "\",\"summary\":\"" + summary + "\""
                + (alertname.isEmpty() ? "" : ",\"labels\":{\"alertname\":\"" + alertname + "\"}") + "}";
        return http.send(
                        HttpRequest.newBuilder(URI.create(ingestUrl + "/api/v1/alerts"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** GETs {@code url} until the body satisfies {@code ready} or the time is up; returns the last body. */
    public String await(String url, Predicate<String> ready, Duration patience)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            body = response.body();
            if (ready.test(body)) {
                return body;
            }
            Thread.sleep(200);
        }
        return body;
    }

    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        parts.close();
    }
}
