package dev.tocsin.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tocsin.embedded.kafka.SharedKafka;
import dev.tocsin.embedded.registry.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What only the HTTP client does: credentials, retries, reachability. The contract is in {@link SchemaRegistryContract}. */
class SchemaRegistryClientTest {

    private static final Schema V1 = SchemaRegistryContract.V1;

    private HttpServer stub;

    @AfterEach
    void stopStub() {
        if (stub != null) {
            stub.stop(0);
        }
    }

    @Test
    void badCredentialsFailWith401AndAClearMessageWithoutThePassword() {
        try (EmbeddedSchemaRegistry secured = EmbeddedSchemaRegistry.builder()
                .bootstrapServers(SharedKafka.bootstrapServers())
                .port(0)
                .topic("_schemas_auth_" + UUID.randomUUID())
                .basicAuth("ops", "right-secret")
                .build()) {
            secured.start();
            SchemaRegistryClient wrong = new SchemaRegistryClient(
                    SchemaRegistryConfig.of(secured.url()).withBasicAuth("ops", "wrong-secret"));
            assertThatThrownBy(() -> wrong.register(SchemaRegistryContract.subject(), V1))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(401);
                        assertThat(e.getMessage()).contains("credentials").doesNotContain("wrong-secret");
                    });

            SchemaRegistryClient right = new SchemaRegistryClient(
                    SchemaRegistryConfig.of(secured.url()).withBasicAuth("ops", "right-secret"));
            assertThat(right.register(SchemaRegistryContract.subject(), V1)).isPositive();
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

        assertThatThrownBy(() -> client.register("s-value", V1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("42201");
        assertThat(calls).hasValue(1);
    }

    @Test
    void unreachableRegistryFailsAfterRetriesNamingTheUrl() {
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryConfig.of("http://127.0.0.1:1")
                .withRetries(1, Duration.ofMillis(5))
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1)));
        assertThatThrownBy(() -> client.schemaById(1)).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isZero();
            assertThat(e.getMessage())
                    .contains("127.0.0.1:1")
                    .contains("unreachable")
                    .contains("2 attempts");
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
        String text = SchemaRegistryConfig.of("http://r")
                .withBasicAuth("u", "p4ss")
                .withBearerToken("t0k")
                .toString();
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
