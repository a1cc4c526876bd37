package dev.tocsin.embedded;

import dev.tocsin.embedded.kafka.SharedKafka;
import dev.tocsin.embedded.registry.EmbeddedSchemaRegistry;

/**
 * The broker and schema registry that tests of one JVM share: started on first use on free
 * ports, stopped at JVM exit. Tests isolate themselves by topic and subject names.
 */
public final class SharedTestStack {

    private static EmbeddedSchemaRegistry registry;

    private SharedTestStack() {}

    public static String bootstrapServers() {
        return SharedKafka.bootstrapServers();
    }

    public static synchronized String registryUrl() {
        if (registry == null) {
            registry = EmbeddedSchemaRegistry.builder()
                    .bootstrapServers(bootstrapServers())
                    .port(0)
                    .topic("_schemas")
                    .build();
            registry.start();
            Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "shared-registry-shutdown"));
        }
        return registry.url();
    }
}
