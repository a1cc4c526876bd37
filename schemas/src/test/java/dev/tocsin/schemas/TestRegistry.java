package dev.tocsin.schemas;

import dev.tocsin.embedded.kafka.SharedKafka;
import dev.tocsin.embedded.registry.EmbeddedSchemaRegistry;

/** One embedded schema registry per test JVM, on the shared broker, stopped at JVM exit. */
public final class TestRegistry {

    private static EmbeddedSchemaRegistry registry;

    private TestRegistry() {
    }

    public static synchronized String url() {
        if (registry == null) {
            registry = EmbeddedSchemaRegistry.builder().bootstrapServers(SharedKafka.bootstrapServers())
                    .port(0).topic("_schemas_tests").build();
            registry.start();
            Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "test-registry-shutdown"));
        }
        return registry.url();
    }
}
