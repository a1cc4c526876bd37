package dev.tocsin.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.embedded.kafka.SharedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BasicAuthTest {

    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void start() {
        registry = EmbeddedSchemaRegistry.builder()
                .bootstrapServers(SharedKafka.bootstrapServers())
                .port(0)
                .topic(RegistryHttp.uniqueTopic())
                .basicAuth("user", "secret")
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static void assertUnauthorized(RegistryHttp.Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error_code\":40101,\"message\":\"Unauthorized\"}");
    }

    @Test
    void missingCredentialsAre401() {
        RegistryHttp anonymous = new RegistryHttp(registry.url());

        assertUnauthorized(anonymous.get("/subjects"));
        assertUnauthorized(anonymous.get("/"));
        assertUnauthorized(anonymous.get("/no/such/route"));
        assertUnauthorized(anonymous.post("/subjects/s/versions", RegistryHttp.schemaBody(TestSchemas.USER_V1)));
    }

    @Test
    void wrongCredentialsAre401() {
        assertUnauthorized(
                new RegistryHttp(registry.url()).withBasicAuth("user", "guess").get("/subjects"));
        assertUnauthorized(new RegistryHttp(registry.url())
                .withBasicAuth("other", "secret")
                .get("/subjects"));
        assertUnauthorized(new RegistryHttp(registry.url())
                .withBasicAuth("user", "secret2")
                .get("/subjects"));
    }

    @Test
    void wrongCredentialsChangeNothing() {
        new RegistryHttp(registry.url())
                .withBasicAuth("user", "guess")
                .post("/subjects/blocked/versions", RegistryHttp.schemaBody(TestSchemas.USER_V1));

        assertThat(new RegistryHttp(registry.url())
                        .withBasicAuth("user", "secret")
                        .get("/subjects")
                        .body())
                .doesNotContain("blocked");
    }

    @Test
    void rightCredentialsAreServed() {
        RegistryHttp http = new RegistryHttp(registry.url()).withBasicAuth("user", "secret");

        assertThat(http.post("/subjects/allowed/versions", RegistryHttp.schemaBody(TestSchemas.USER_V1))
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/subjects/allowed/versions").body()).isEqualTo("[1]");
    }

    @Test
    void headerParsingRejectsMalformedCredentials() {
        BasicAuth auth = new BasicAuth("user", "secret");

        assertThat(auth.accepts("Basic dXNlcjpzZWNyZXQ=")).isTrue();
        assertThat(auth.accepts("basic dXNlcjpzZWNyZXQ=")).isTrue();
        assertThat(auth.accepts(null)).isFalse();
        assertThat(auth.accepts("Bearer dXNlcjpzZWNyZXQ=")).isFalse();
        assertThat(auth.accepts("Basic !!!not-base64")).isFalse();
        assertThat(auth.toString()).doesNotContain("secret");
    }
}
