package dev.tocsin.e2e.bench;

import dev.tocsin.embedded.kafka.EmbeddedKafka;
import dev.tocsin.embedded.registry.EmbeddedSchemaRegistry;
import dev.tocsin.ingest.IngestService;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.runtime.lifecycle.Closer;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * alert-ingest alone: the in-process broker and registry, every topic, and alert-ingest with its
 * rate limit out of the way; nothing consumes what it writes. The local stack cannot start ingest
 * without the other services, so the storm benchmark runs this as its own process
 * ({@code main}: serve on the given port until killed).
 */
final class StandaloneIngest implements AutoCloseable {

    /** Requests/s and burst per credential, far above what one machine can send. */
    static final String UNLIMITED_RATE = "1000000";

    private final Closer running = new Closer();
    private final IngestService ingest;

    StandaloneIngest(Path dir, int port, int managementPort) {
        EmbeddedKafka kafka = EmbeddedKafka.builder()
                .dataDir(dir.resolve("kafka"))
                .port(0)
                .build()
                .start();
        running.add(kafka);
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .port(0)
                .build()
                .start();
        running.add(registry);
        Topics topics = Topics.create(
                "tocsin.", new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(registry.url()))));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicProvisioner.createTopics(admin, topics, 3, (short) 1);
        }
        Map<String, String> env = BenchEnvironment.of(kafka, registry, dir);
        env.put("TOCSIN_HTTP_PORT", String.valueOf(port));
        env.put("TOCSIN_INGEST_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("TOCSIN_INGEST_RATE_PER_SECOND", UNLIMITED_RATE);
        env.put("TOCSIN_INGEST_RATE_BURST", UNLIMITED_RATE);
        // any TOCSIN_INGEST_* of this process reaches the service, e.g. TOCSIN_INGEST_WRITERS=1
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("TOCSIN_INGEST_")) {
                env.put(name, value);
            }
        });
        ingest = IngestService.start(new Environment(env), () -> {});
        running.add(ingest);
    }

    /** Base URL of alert-ingest, e.g. http://127.0.0.1:8080. */
    String url() {
        return "http://127.0.0.1:" + ingest.port();
    }

    /** Base URL of its /metrics, /health and /ready. */
    String managementUrl() {
        return "http://127.0.0.1:" + ingest.managementPort();
    }

    @Override
    public void close() {
        running.close();
    }

    /** usage: StandaloneIngest [port=0] [managementPort=0]; prints "READY url" once it accepts alerts, stops on SIGTERM. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int managementPort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        StandaloneIngest alone =
                new StandaloneIngest(Files.createTempDirectory("tocsin-ingest-alone"), port, managementPort);
        Runtime.getRuntime().addShutdownHook(new Thread(alone::close, "ingest-alone-shutdown"));
        System.out.println("READY " + alone.url());
        Thread.currentThread().join();
    }
}
