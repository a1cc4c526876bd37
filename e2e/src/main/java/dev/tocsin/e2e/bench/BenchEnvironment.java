package dev.tocsin.e2e.bench;

import dev.tocsin.embedded.kafka.EmbeddedKafka;
import dev.tocsin.embedded.registry.EmbeddedSchemaRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The environment a benchmarked service runs with: the in-process broker and registry, loopback, a free port. */
final class BenchEnvironment {

    private BenchEnvironment() {}

    static Map<String, String> of(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("TOCSIN_ENV", "local");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("TOCSIN_SCHEMA_REGISTRY_URL", registry.url());
        env.put("TOCSIN_STATE_DIR", dir.resolve("state").toString());
        env.put("TOCSIN_HTTP_HOST", "127.0.0.1");
        env.put("TOCSIN_HTTP_PORT", "0");
        // each service reads its own; any free port, so benchmarks never collide with a running stack
        env.put("TOCSIN_INGEST_MANAGEMENT_PORT", "0");
        env.put("TOCSIN_CORRELATOR_MANAGEMENT_PORT", "0");
        env.put("TOCSIN_PUBLISHER_MANAGEMENT_PORT", "0");
        // any KAFKA_* of this process reaches the service, e.g. KAFKA_COMMIT_INTERVAL_MS=1000
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("KAFKA_") && !name.equals("KAFKA_BOOTSTRAP_SERVERS")) {
                env.put(name, value);
            }
        });
        return env;
    }
}
