package dev.tocsin.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tocsin.embedded.kafka.SharedKafka;
import dev.tocsin.embedded.registry.EmbeddedSchemaRegistry;
import dev.tocsin.embedded.SharedTestStack;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

    private static final Schema V1 = SchemaBuilder.record("Probe").namespace("dev.tocsin.test").fields()
            .requiredString("id").endRecord();
    private static final Schema V2_OPTIONAL_FIELD = SchemaBuilder.record("Probe").namespace("dev.tocsin.test").fields()
            .requiredString("id").name("note").type().nullable().stringType().stringDefault(null).endRecord();
    private static final Schema V2_NEW_REQUIRED_FIELD = SchemaBuilder.record("Probe").namespace("dev.tocsin.test").fields()
            .requiredString("id").requiredLong("mustHave").endRecord();

    private HttpServer stub;

    @AfterEach
    void stopStub() {
        if (stub != null) {
            stub.stop(0);
        }
    }

    private static String subject() {
        return "client-test-" + UUID.randomUUID() + "-value";
    }

    @Test
    void registeringTheSameSchemaTwiceReturnsTheSameIdAndLookupFindsIt() {
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl()));
        String subject = subject();
        int id = client.register(subject, V1);

        SchemaRegistryClient fresh = new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl()));
        assertThat(fresh.register(subject, V1)).isEqualTo(id);
        assertThat(fresh.lookup(subject, V1)).isEqualTo(id);
        assertThat(fresh.schemaById(id)).isEqualTo(V1);
    }

    @Test
    void incompatibleChangeIsRejectedWith409NamingTheSubject() {
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl()));
        String subject = subject();
        client.register(subject, V1);

        assertThatThrownBy(() -> client.register(subject, V2_NEW_REQUIRED_FIELD))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).contains(subject).contains("HTTP 409");
                });
    }

    @Test
    void backwardCompatibleChangeGetsANewId() {
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl()));
        String subject = subject();
        int v1 = client.register(subject, V1);
        int v2 = client.register(subject, V2_OPTIONAL_FIELD);

        assertThat(v2).isNotEqualTo(v1);
        assertThat(client.versions(subject)).containsExactly(1, 2);
    }

    @Test
    void lookupOfUnregisteredSubjectFailsWith40401AndSaysToRegisterFirst() {
        SchemaRegistryClient client = new SchemaRegistryClient(
                SchemaRegistryConfig.of(SharedTestStack.registryUrl()).withAutoRegister(false));
        String subject = subject();

        assertThatThrownBy(() -> client.idFor(subject, V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40401);
                    assertThat(e.getMessage()).contains(subject).contains("auto-registration is off");
                });
    }

    @Test
    void withAutoRegistrationOffTheSchemasOfStreamsInternalTopicsAreStillRegistered() {
        SchemaRegistryClient client = new SchemaRegistryClient(
                SchemaRegistryConfig.of(SharedTestStack.registryUrl()).withAutoRegister(false));
        String app = "app-" + UUID.randomUUID();

        int changelog = client.idFor(app + "-correlator-incident-tracking-changelog-value", V1);
        int repartition = client.idFor(app + "-KSTREAM-REPARTITION-0000000003-repartition-key", V1);

        assertThat(client.lookup(app + "-correlator-incident-tracking-changelog-value", V1)).isEqualTo(changelog);
        assertThat(client.lookup(app + "-KSTREAM-REPARTITION-0000000003-repartition-key", V1)).isEqualTo(repartition);
        assertThatThrownBy(() -> client.idFor(app + "-changelog-notes-value", V1))
                .isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void unknownSchemaIdFailsNamingTheId() {
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl()));
        assertThatThrownBy(() -> client.schemaById(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("schema id 987654");
                });
    }

    @Test
    void badCredentialsFailWith401AndAClearMessageWithoutThePassword() {
        try (EmbeddedSchemaRegistry secured = EmbeddedSchemaRegistry.builder()
                .bootstrapServers(SharedKafka.bootstrapServers()).port(0)
                .topic("_schemas_auth_" + UUID.randomUUID()).basicAuth("ops", "right-secret").build()) {
            secured.start();
            SchemaRegistryClient wrong = new SchemaRegistryClient(
                    SchemaRegistryConfig.of(secured.url()).withBasicAuth("ops", "wrong-secret"));
            assertThatThrownBy(() -> wrong.register(subject(), V1))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(401);
                        assertThat(e.getMessage()).contains("credentials").doesNotContain("wrong-secret");
                    });

            SchemaRegistryClient right = new SchemaRegistryClient(
                    SchemaRegistryConfig.of(secured.url()).withBasicAuth("ops", "right-secret"));
            assertThat(right.register(subject(), V1)).isPositive();
        }
    }

    @Test
    void serverErrorsAreRetriedThenSucceed() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        startStub(exchange -> {
            int n = calls.incrementAndGet();
            if (n <= 2) {
                answer(exchange, 503, "{\"error_code\":50301,\"message\":\"busy\"}");
            } else {
                answer(exchange, 200, "{\"id\":7}");
            }
        });
        SchemaRegistryClient client = new SchemaRegistryClient(stubConfig().withRetries(3, Duration.ofMillis(10)));

        assertThat(client.register("s-value", V1)).isEqualTo(7);
        assertThat(calls).hasValue(3);
        assertThat(client.register("s-value", V1)).as("cached").isEqualTo(7);
        assertThat(calls).hasValue(3);
    }

    @Test
    void retriesAreBoundedAndTheLastStatusIsReported() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        startStub(exchange -> {
            calls.incrementAndGet();
            answer(exchange, 500, "{\"error_code\":50001,\"message\":\"store error\"}");
        });
        SchemaRegistryClient client = new SchemaRegistryClient(stubConfig().withRetries(2, Duration.ofMillis(5)));

        assertThatThrownBy(() -> client.register("s-value", V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.errorCode()).isEqualTo(50001);
                    assertThat(e.getMessage()).contains("s-value").contains("store error");
                });
        assertThat(calls).hasValue(3);
    }

    @Test
    void clientErrorsAreNotRetried() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        startStub(exchange -> {
            calls.incrementAndGet();
            answer(exchange, 422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
        });
        SchemaRegistryClient client = new SchemaRegistryClient(stubConfig().withRetries(5, Duration.ofMillis(5)));

        assertThatThrownBy(() -> client.register("s-value", V1)).isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("42201");
        assertThat(calls).hasValue(1);
    }

    @Test
    void unreachableRegistryFailsAfterRetriesNamingTheUrl() {
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryConfig.of("http://127.0.0.1:1")
                .withRetries(1, Duration.ofMillis(5)).withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1)));
        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.getMessage()).contains("127.0.0.1:1").contains("unreachable").contains("2 attempts");
                });
    }

    @Test
    void bearerTokenIsSentAsAuthorizationHeader() throws IOException {
        StringBuilder seen = new StringBuilder();
        startStub(exchange -> {
            seen.append(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, 200, "{\"id\":3}");
        });
        new SchemaRegistryClient(stubConfig().withBearerToken("t0k3n")).register("s-value", V1);
        assertThat(seen).hasToString("Bearer t0k3n");
    }

    @Test
    void configToStringNeverShowsSecrets() {
        String text = SchemaRegistryConfig.of("http://r").withBasicAuth("u", "p4ss").withBearerToken("t0k").toString();
        assertThat(text).doesNotContain("p4ss").doesNotContain("t0k").contains("basic(u)");
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void startStub(Handler handler) throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", handler::handle);
        stub.start();
    }

    private SchemaRegistryConfig stubConfig() {
        return SchemaRegistryConfig.of("http://127.0.0.1:" + stub.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
