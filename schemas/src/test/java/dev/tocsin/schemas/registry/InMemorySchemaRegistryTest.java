package dev.tocsin.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The registry contract in memory, plus what a {@code mock://} scope means. */
class InMemorySchemaRegistryTest extends SchemaRegistryContract {

    private static final String SCOPE = "in-memory-registry-test";

    @AfterAll
    static void dropScopes() {
        InMemorySchemaRegistry.dropScope(SCOPE);
        InMemorySchemaRegistry.dropScope("other-scope");
    }

    @Override
    SchemaRegistryConfig config() {
        return SchemaRegistryConfig.of("mock://" + SCOPE);
    }

    @Test
    void aMockUrlSelectsTheInMemoryRegistryAndAnHttpUrlTheClient() {
        assertThat(SchemaRegistry.connect("mock://" + SCOPE)).isInstanceOf(InMemorySchemaRegistry.class);
        assertThat(SchemaRegistry.connect("http://127.0.0.1:1")).isInstanceOf(SchemaRegistryClient.class);
    }

    @Test
    void registriesOfOneScopeShareTheirSchemasAndOtherScopesDoNot() {
        String subject = subject();
        int id = SchemaRegistry.connect("mock://" + SCOPE).register(subject, V1);

        assertThat(SchemaRegistry.connect("mock://" + SCOPE).schemaById(id)).isEqualTo(V1);
        assertThat(SchemaRegistry.connect("mock://other-scope").subjects()).doesNotContain(subject);
    }

    @Test
    void aDroppedScopeStartsEmpty() {
        String scope = "dropped-" + subject();
        SchemaRegistry.connect("mock://" + scope).register("s-value", V1);

        InMemorySchemaRegistry.dropScope(scope);

        assertThat(SchemaRegistry.connect("mock://" + scope).subjects()).isEmpty();
    }

    @Test
    void aMockUrlWithoutAScopeIsRejected() {
        assertThatThrownBy(() -> SchemaRegistry.connect("mock://"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mock://<scope>");
    }
}
