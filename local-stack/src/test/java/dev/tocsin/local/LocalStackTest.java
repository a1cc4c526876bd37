package dev.tocsin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.SettingDocs;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    @TempDir
    Path dataDir;

    private Environment env() {
        return EphemeralStack.environment(dataDir);
    }

    @Test
    void stackCreatesEveryTopicRegistersEverySchemaAndKeepsIdsAcrossARestart() throws Exception {
        Map<String, Integer> idsBefore = new HashMap<>();
        try (LocalStack stack = new LocalStack()) {
            stack.start(env());
            SchemaRegistryClient registry = new SchemaRegistryClient(SchemaRegistryConfig.of(stack.registryUrl()));
            assertThat(registry.subjects())
                    .containsExactlyInAnyOrder(
                            "tocsin.ingest.pagerduty-alerts-value",
                            "tocsin.alerts-value",
                            "tocsin.customer-reports-value",
                            "tocsin.incident-commands-value",
                            "tocsin.maintenance-windows-value",
                            "tocsin.silences-value",
                            "tocsin.subscriptions-value",
                            "tocsin.incidents-value",
                            "tocsin.incident-events-value",
                            "tocsin.ticket-updates-value",
                            "tocsin.status-events-value",
                            "tocsin.notifications-value",
                            "tocsin.notifications-withheld-value",
                            "tocsin.component-daily-value");
            for (String subject : registry.subjects()) {
                idsBefore.put(subject, registry.versions(subject).size());
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
                Map<String, TopicDescription> topics = admin.describeTopics(
                                Set.of("tocsin.alerts", "tocsin.incidents", "tocsin.dead-letters"))
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS);
                assertThat(topics.get("tocsin.alerts").partitions()).hasSize(2);
                ConfigResource incidents = new ConfigResource(ConfigResource.Type.TOPIC, "tocsin.incidents");
                assertThat(admin.describeConfigs(Set.of(incidents))
                                .all()
                                .get()
                                .get(incidents)
                                .get("cleanup.policy")
                                .value())
                        .isEqualTo("compact");
            }
        }
        assertThat(Files.isDirectory(dataDir.resolve("kafka"))).isTrue();

        try (LocalStack again = new LocalStack()) {
            again.start(env());
            SchemaRegistryClient registry = new SchemaRegistryClient(SchemaRegistryConfig.of(again.registryUrl()));
            for (String subject : registry.subjects()) {
                assertThat(registry.versions(subject))
                        .as(subject + " still one version after restart")
                        .hasSize(1);
            }
            assertThat(registry.subjects()).hasSameSizeAs(idsBefore.keySet());
        }
    }

    @Test
    void demoBurstBecomesADegradedComponentAndTheOperatorsPublishedStatusWinsOnTheStatusPage() throws Exception {
        try (LocalStack stack = new LocalStack()) {
            stack.start(env());
            DemoFeed feed = new DemoFeed(
                    stack.ingestUrl(),
                    stack.correlatorUrl(),
                    "local-dev-token",
                    "local-dev-token",
                    java.time.Duration.ofMinutes(10),
                    java.time.Clock.systemUTC());
            java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            assertThat(feed.post("/api/v1/alerts/alertmanager", "alertmanager-chat-firing.json", now, 1))
                    .isEqualTo(3);
            assertThat(feed.post("/api/v1/reports", "reports-chat-wave.json", now, 1))
                    .isEqualTo(5);

            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            long deadline = System.currentTimeMillis() + 60_000;
            String body = awaitBody(
                    http,
                    stack.correlatorUrl() + "/api/v1/incidents?product=chat",
                    b -> b.contains("\"product\":\"chat\""),
                    deadline,
                    500);
            assertThat(body).contains("\"product\":\"chat\"").contains("\"status\":\"INVESTIGATING\"");

            java.util.regex.Pattern chatDown = java.util.regex.Pattern.compile(
                    "\"name\":\"Chat\",\"status\":\"(degraded_performance|partial_outage|major_outage)\"");
            String components = awaitBody(
                    http,
                    stack.publisherUrl() + "/api/v2/components.json",
                    b -> chatDown.matcher(b).find(),
                    deadline,
                    200);
            assertThat(components)
                    .as("the demo's Chat alerts put Chat down on the status page")
                    .containsPattern(chatDown)
                    .contains("\"name\":\"Voice\",\"status\":\"operational\"");

            // an operator publishes it with their own component status, through ingest and the correlator
            java.util.regex.Matcher current = chatDown.matcher(components);
            assertThat(current.find()).isTrue();
            String wanted = current.group(1).equals("degraded_performance") ? "partial_outage" : "degraded_performance";
            String incidentId = dev.tocsin.runtime.http.ServiceHttpServer.JSON
                    .readTree(body)
                    .path("incidents")
                    .get(0)
                    .path("id")
                    .asText();
            java.net.http.HttpResponse<String> accepted = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                    stack.ingestUrl() + "/api/v1/incidents/" + incidentId + "/commands"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer local-dev-token")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "{\"type\":\"PUBLISH\",\"actor\":\"it-operator\"," + "\"componentStatus\":\""
                                            + wanted + "\"}"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String expectedName = dev.tocsin.publisher.domain.Messages.english()
                    .format("incident.name." + wanted.toUpperCase(java.util.Locale.ROOT), "Chat");
            String summary = awaitBody(
                    http,
                    stack.publisherUrl() + "/api/v2/summary.json",
                    b -> b.contains("\"name\":\"Chat\",\"status\":\"" + wanted + "\"") && b.contains(expectedName),
                    deadline + 30_000,
                    200);
            assertThat(summary)
                    .as("the operator's component status wins over the severity and the incident is public")
                    .contains("\"name\":\"Chat\",\"status\":\"" + wanted + "\"")
                    .contains("\"name\":\"" + expectedName + "\"");
        }
    }

    @Test
    void theQueryApiAcceptsThePrintedLocalDevTokenAndMetricsAreOnlyOnTheManagementPorts() throws Exception {
        try (LocalStack stack = new LocalStack()) {
            stack.start(env());
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String incidents = stack.correlatorUrl() + "/api/v1/incidents";
            long deadline = System.currentTimeMillis() + 60_000;
            while (get(http, stack.managementUrl(dev.tocsin.correlator.CorrelatorService.NAME) + "/ready", null)
                                    .statusCode()
                            != 200
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200); // its state stores answer once Streams runs
            }
            assertThat(get(http, incidents, "local-dev-token").statusCode()).isEqualTo(200);
            java.net.http.HttpResponse<String> anonymous = get(http, incidents, null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(get(http, incidents + "?local=true", "local-dev-token").statusCode())
                    .as("local=true is only for requests between instances")
                    .isEqualTo(403);

            for (String service : java.util.List.of(
                    dev.tocsin.ingest.IngestService.NAME,
                    dev.tocsin.correlator.CorrelatorService.NAME,
                    dev.tocsin.publisher.PublisherService.NAME)) {
                assertThat(get(http, stack.managementUrl(service) + "/metrics", null)
                                .body())
                        .as(service)
                        .contains("service=\"" + service + "\"");
                assertThat(get(http, stack.managementUrl(service) + "/ready", null)
                                .statusCode())
                        .as(service)
                        .isIn(200, 503);
            }
            for (String main : java.util.List.of(stack.ingestUrl(), stack.correlatorUrl(), stack.publisherUrl())) {
                assertThat(get(http, main + "/metrics", "local-dev-token").statusCode())
                        .as(main)
                        .isEqualTo(404);
            }
        }
    }

    private static java.net.http.HttpResponse<String> get(java.net.http.HttpClient http, String url, String token)
            throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code url} every {@code pauseMillis} until the body satisfies {@code done} or the deadline passes; "" for non-200. */
    private static String awaitBody(
            java.net.http.HttpClient http,
            String url,
            java.util.function.Predicate<String> done,
            long deadline,
            long pauseMillis)
            throws Exception {
        String body = "";
        while (!done.test(body) && System.currentTimeMillis() < deadline) {
            Thread.sleep(pauseMillis);
            java.net.http.HttpResponse<String> response = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                            .header("Authorization", "Bearer local-dev-token")
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            body = response.statusCode() == 200 ? response.body() : "";
        }
        return body;
    }

    @Test
    void takenPortIsRefusedWithAHintInsteadOfAStackTrace() throws Exception {
        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Environment env = new Environment(Map.of(
                    "TOCSIN_LOCAL_DATA_DIR",
                    dataDir.toString(),
                    "TOCSIN_LOCAL_KAFKA_PORT",
                    String.valueOf(taken.getLocalPort())));
            try (LocalStack stack = new LocalStack()) {
                assertThatThrownBy(() -> stack.start(env))
                        .hasMessageContaining(String.valueOf(taken.getLocalPort()))
                        .hasMessageContaining("TOCSIN_LOCAL_KAFKA_PORT");
            }
        }
    }

    @Test
    void everyLocalSettingIsDocumentedWithItsDefault() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
        assertThat(SettingDocs.missing(docs, LocalSettings.all())).isEmpty();
    }
}
