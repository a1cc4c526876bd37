package dev.tocsin.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.runtime.metrics.ServiceMetrics;
import io.javalin.security.RouteRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operator and support credentials on read routes: 401 without valid ones, 403 for a role the route does not admit. */
class RoleAccessTest {

    enum Reader implements RouteRole {
        OPERATOR,
        SUPPORT
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final InstanceToken instances = InstanceToken.random();
    private ServiceMetrics metrics;
    private ServiceHttpServer server;

    @BeforeEach
    void start() {
        metrics = new ServiceMetrics("role-test");
        RoleAccess access = new RoleAccess(
                Map.of(
                        Reader.OPERATOR, new Credentials(List.of("op-token"), List.of("oncall:s3cret")),
                        Reader.SUPPORT, new Credentials(List.of("support-token"), List.of())),
                instances);
        server = ServiceHttpServer.builder("role-test", metrics, () -> HealthCheck.Status.ready("ok"))
                .listen("127.0.0.1", 0, 0)
                .routes(app -> {
                    access.install(app);
                    app.get("/incidents", ctx -> ctx.result("incidents"), Reader.OPERATOR, Reader.SUPPORT);
                    app.get("/alerts", ctx -> ctx.result("alerts"), Reader.OPERATOR);
                    app.get("/open", ctx -> ctx.result("open"));
                })
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void aReadRouteWithoutCredentialsIs401ProblemWithAChallenge() throws Exception {
        HttpResponse<String> response = get("/incidents", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("Bearer"));
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith(Problem.CONTENT_TYPE));
    }

    @Test
    void anUnknownTokenIs401AndTheAnswerNamesNoSecret() throws Exception {
        HttpResponse<String> response = get("/incidents", "Bearer guess");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("op-token").doesNotContain("guess");
    }

    @Test
    void operatorAndSupportCredentialsBothRead() throws Exception {
        assertThat(get("/incidents", "Bearer op-token").body()).isEqualTo("incidents");
        assertThat(get("/incidents", "Bearer support-token").body()).isEqualTo("incidents");
        String basic = Base64.getEncoder().encodeToString("oncall:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(get("/incidents", "Basic " + basic).body()).isEqualTo("incidents");
    }

    @Test
    void validCredentialsOfARoleTheRouteDoesNotAdmitAre403() throws Exception {
        HttpResponse<String> response = get("/alerts", "Bearer support-token");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("operator credentials");
        assertThat(get("/alerts", "Bearer op-token").statusCode()).isEqualTo(200);
    }

    @Test
    void anotherInstanceNeedsNoUserCredentials() throws Exception {
        HttpResponse<String> response = http.send(
                instances.sign(HttpRequest.newBuilder(uri("/alerts"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aRouteWithoutRolesStaysOpen() throws Exception {
        assertThat(get("/open", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
