package dev.tocsin.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.embedded.kafka.SharedKafka;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RegistryLifecycleTest {

    @Test
    void bootstrapServersAreRequired() {
        assertThatThrownBy(() -> EmbeddedSchemaRegistry.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> EmbeddedSchemaRegistry.builder().port(70_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void urlIsOnlyKnownWhileRunning() {
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
                .bootstrapServers(SharedKafka.bootstrapServers())
                .port(0)
                .topic(RegistryHttp.uniqueTopic())
                .build();

        assertThatThrownBy(registry::url).isInstanceOf(IllegalStateException.class);
        registry.start();
        assertThat(registry.url()).startsWith("http://127.0.0.1:");
        assertThatThrownBy(registry::start).isInstanceOf(IllegalStateException.class);
        registry.close();
        registry.close();
        assertThatThrownBy(registry::url).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void portInUseFailsTheStart() {
        try (EmbeddedSchemaRegistry first = RegistryHttp.startRegistry()) {
            int taken = URI.create(first.url()).getPort();
            EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.builder()
                    .bootstrapServers(SharedKafka.bootstrapServers())
                    .port(taken)
                    .topic(RegistryHttp.uniqueTopic())
                    .build();

            assertThatThrownBy(second::start).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(second::url).isInstanceOf(IllegalStateException.class);
            assertThat(new RegistryHttp(first.url()).get("/").status()).isEqualTo(200);
        }
    }
}
