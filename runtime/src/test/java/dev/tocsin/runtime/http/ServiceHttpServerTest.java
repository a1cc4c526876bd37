package dev.tocsin.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceHttpServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private final InstanceToken instances = InstanceToken.random();
    private ServiceMetrics metrics;
    private ServiceHttpServer server;

    @BeforeEach
    void start() {
        metrics = new ServiceMetrics("test-service");
        server = ServiceHttpServer.builder(
                        "test-service",
                        metrics,
                        () -> ready.get()
                                ? HealthCheck.Status.ready("ok")
                                : HealthCheck.Status.notReady("kafka-streams REBALANCING"))
                .listen("127.0.0.1", 0, 0)
                .internalFlagsOnlyFrom(instances)
                .routes(app -> {
                    app.get("/state", ctx -> ctx.result("local=" + ctx.queryParam("local")));
                    app.post("/invalid", ctx -> {
                        throw new ProblemException(Problem.invalid(
                                "1 field is invalid",
                                List.of(new Problem.FieldError("alerts[0].status", "must be firing or resolved"))));
                    });
                    app.get("/busy", ctx -> {
                        throw new ProblemException(
                                Problem.of(503, "Service Unavailable", "Kafka is unreachable"),
                                Map.of("Retry-After", "5"));
                    });
                    app.get("/rebalancing", ctx -> {
                        throw new org.apache.kafka.streams.errors.InvalidStateStoreException(
                                "Cannot get state store s because the stream thread is PARTITIONS_ASSIGNED, not RUNNING");
                    });
                    app.get("/boom", ctx -> {
                        throw new IllegalStateException("secret internal detail");
                    });
                })
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void healthIsUpWhileTheProcessRuns() throws Exception {
        HttpResponse<String> response = management("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void readinessFollowsTheServiceCheck() throws Exception {
        HttpResponse<String> notReady = management("/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(json(notReady).path("detail").asText()).isEqualTo("kafka-streams REBALANCING");

        ready.set(true);
        assertThat(management("/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsArePrometheusTextWithJvmMetricsTaggedByService() throws Exception {
        HttpResponse<String> response = management("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("service=\"test-service\"");
    }

    @Test
    void metricsHealthAndReadinessAreServedOnTheManagementPortOnlyNeverOnTheMainPort() throws Exception {
        assertThat(server.managementPort()).isNotEqualTo(server.port());
        for (String path : List.of("/metrics", "/health", "/ready")) {
            HttpResponse<String> onMain = get(path);
            assertThat(onMain.statusCode()).as(path).isEqualTo(404);
            assertThat(onMain.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith(Problem.CONTENT_TYPE));
        }
        assertThat(management("/state").statusCode()).isEqualTo(404);
    }

    @Test
    void anInternalFlagFromOutsideIs403Problem() throws Exception {
        HttpResponse<String> response = get("/state?local=true");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("detail").asText()).contains("'local'").contains("between instances");
        HttpResponse<String> wrongSecret = http.send(
                HttpRequest.newBuilder(uri("/state?local=true"))
                        .header(InstanceToken.HEADER, "guess")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongSecret.statusCode()).isEqualTo(403);
    }

    @Test
    void anInternalFlagFromAnotherInstanceIsHonoured() throws Exception {
        HttpResponse<String> response = http.send(
                instances
                        .sign(HttpRequest.newBuilder(uri("/state?local=true")))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("local=true");
        assertThat(get("/state").body()).isEqualTo("local=null");
    }

    @Test
    void handlerProblemBecomesProblemJsonNamingTheField() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/invalid"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith(Problem.CONTENT_TYPE));
        JsonNode body = json(response);
        assertThat(body.path("status").asInt()).isEqualTo(400);
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("alerts[0].status");
    }

    @Test
    void problemHeadersSuchAsRetryAfterAreSent() throws Exception {
        HttpResponse<String> response = get("/busy");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    }

    @Test
    void stateStoreNotQueryableDuringARebalanceIs503WithRetryAfter() throws Exception {
        HttpResponse<String> response = get("/rebalancing");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(response.body()).contains("retry shortly").doesNotContain("PARTITIONS_ASSIGNED");
    }

    @Test
    void unexpectedErrorIs500ProblemWithoutInternalDetail() throws Exception {
        HttpResponse<String> response = get("/boom");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith(Problem.CONTENT_TYPE));
        assertThat(response.body()).doesNotContain("secret internal detail");
    }

    @Test
    void unknownRouteIs404Problem() throws Exception {
        HttpResponse<String> response = get("/nope");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("detail").asText()).contains("/nope");
    }

    @Test
    void aHeaderBlockTooLargeForJettyIs431ProblemNotAnHtmlPage() throws Exception {
        String answer = raw("GET /state HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 431");
        assertThat(answer).containsIgnoringCase("Content-Type: " + Problem.CONTENT_TYPE);
        JsonNode problem = ServiceHttpServer.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(problem.path("status").asInt()).isEqualTo(431);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(answer).doesNotContain("<html");
    }

    @Test
    void aRequestLineJettyCannotParseIs400Problem() throws Exception {
        String answer = raw("GET /state HTTP/1.1 extra\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: " + Problem.CONTENT_TYPE);
        assertThat(answer).doesNotContain("<html");
    }

    /** Sends bytes no HTTP client library would send and returns the whole answer. */
    private String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> management(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.managementPort() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return ServiceHttpServer.JSON.readTree(response.body());
    }
}
