package dev.tocsin.e2e.bench;

import dev.tocsin.embedded.kafka.EmbeddedKafka;
import dev.tocsin.embedded.registry.EmbeddedSchemaRegistry;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * What a single-service benchmark runs against: an in-process broker on a free port, the schema registry on it, an
 * admin client and every Tocsin topic created with the given partitions (replication 1). Closing stops them all.
 */
record BenchCluster(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, Admin admin, Topics topics, Path dir)
        implements AutoCloseable {

    static BenchCluster start(Path dir, int partitions) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.builder()
                .dataDir(dir.resolve("kafka"))
                .port(0)
                .build()
                .start();
        EmbeddedSchemaRegistry registry = null;
        Admin admin = null;
        try {
            registry = EmbeddedSchemaRegistry.builder()
                    .bootstrapServers(kafka.bootstrapServers())
                    .port(0)
                    .build()
                    .start();
            admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
            Topics topics = Topics.create(
                    "tocsin.", new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(registry.url()))));
            TopicProvisioner.createTopics(admin, topics, partitions, (short) 1);
            return new BenchCluster(kafka, registry, admin, topics, dir);
        } catch (Exception | Error e) {
            closeQuietly(admin);
            closeQuietly(registry);
            closeQuietly(kafka);
            throw e;
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The environment of a service benchmarked against this cluster (see {@link BenchEnvironment}). */
    Map<String, String> serviceEnvironment() {
        return BenchEnvironment.of(kafka, registry, dir);
    }

    @Override
    public void close() throws Exception {
        try (kafka;
                registry;
                admin) {
            // closed in reverse order: the admin client, the registry, then the broker
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already failing to start; the start failure is the one to report
        }
    }
}
