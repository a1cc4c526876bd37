package dev.tocsin.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceHttpServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private ServiceMetrics metrics;
    private ServiceHttpServer server;

    @BeforeEach
    void start() {
        metrics = new ServiceMetrics("test-service");
        server = ServiceHttpServer.start("test-service", "127.0.0.1", 0, metrics,
                () -> ready.get() ? HealthCheck.Status.ready("ok") : HealthCheck.Status.notReady("kafka-streams REBALANCING"),
                app -> {
                    app.post("/invalid", ctx -> {
                        throw new ProblemException(Problem.invalid("1 field is invalid",
                                List.of(new Problem.FieldError("alerts[0].status", "must be firing or resolved"))));
                    });
                    app.get("/busy", ctx -> {
                        throw new ProblemException(Problem.of(503, "Service Unavailable", "Kafka is unreachable"),
                                Map.of("Retry-After", "5"));
                    });
                    app.get("/rebalancing", ctx -> {
                        throw new org.apache.kafka.streams.errors.InvalidStateStoreException(
                                "Cannot get state store s because the stream thread is PARTITIONS_ASSIGNED, not RUNNING");
                    });
                    app.get("/boom", ctx -> {
                        throw new IllegalStateException("secret internal detail");
                    });
                });
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void healthIsUpWhileTheProcessRuns() throws Exception {
        HttpResponse<String> response = get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void readinessFollowsTheServiceCheck() throws Exception {
        HttpResponse<String> notReady = get("/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(json(notReady).path("detail").asText()).isEqualTo("kafka-streams REBALANCING");

        ready.set(true);
        assertThat(get("/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsArePrometheusTextWithJvmMetricsTaggedByService() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("service=\"test-service\"");
    }

    @Test
    void handlerProblemBecomesProblemJsonNamingTheField() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/invalid"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(Problem.CONTENT_TYPE));
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
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(Problem.CONTENT_TYPE));
        assertThat(response.body()).doesNotContain("secret internal detail");
    }

    @Test
    void unknownRouteIs404Problem() throws Exception {
        HttpResponse<String> response = get("/nope");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("detail").asText()).contains("/nope");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return ServiceHttpServer.JSON.readTree(response.body());
    }
}
