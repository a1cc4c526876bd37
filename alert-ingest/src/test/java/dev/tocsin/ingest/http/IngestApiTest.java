package dev.tocsin.ingest.http;

import static dev.tocsin.ingest.support.RunningIngest.ALERTS_TOKEN;
import static dev.tocsin.ingest.support.RunningIngest.OPERATOR_TOKEN;
import static dev.tocsin.ingest.support.RunningIngest.REPORTS_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Subscription;
import dev.tocsin.avro.Weekday;
import dev.tocsin.avro.WeeklyRecurrence;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.ingest.support.RunningIngest;
import dev.tocsin.schemas.rules.WebhookSecrets;
import dev.tocsin.schemas.topics.IncidentIds;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** alert-ingest over HTTP against a real broker and registry. */
class IngestApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;
    private static final String WEBHOOK_MASTER = "webhook-master-key";
    private static RunningIngest ingest;

    @BeforeAll
    static void start() throws Exception {
        Path routing = Files.createTempFile("routing", ".yaml");
        Files.writeString(routing, """
                routes:
                  - matchers: ['job=~"chat-.*"']
                    product: chat
                """);
        routing.toFile().deleteOnExit();
        ingest = RunningIngest.start(
                SharedTestStack.bootstrapServers(),
                SharedTestStack.registryUrl(),
                Map.of(
                        "TOCSIN_INGEST_MAX_BODY_BYTES",
                        String.valueOf(MAX_BODY),
                        "TOCSIN_INGEST_ROUTING_FILE",
                        routing.toString(),
                        "TOCSIN_INGEST_WEBHOOK_SIGNING_MASTER",
                        WEBHOOK_MASTER));
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    private static final String CHAT_ALERTS = """
            {"version":"4","status":"firing","receiver":"tocsin","groupKey":"{}:{alertname=\\"ChatLatency\\"}",
             "alerts":[
              {"status":"firing","labels":{"alertname":"ChatLatency","product":"chat","region":"eu-1","severity":"critical"},
               "annotations":{"summary":"p99 latency 3s"},"startsAt":"2026-11-21T10:00:00.123456789+01:00",
               "endsAt":"0001-01-01T00:00:00Z","fingerprint":"aaaa000000000001"},
              {"status":"resolved","labels":{"alertname":"ChatErrors","product":"chat","severity":"warning"},
               "annotations":{"summary":"5xx rate 3%"},"startsAt":"2026-11-21T09:00:00Z",
               "endsAt":"2026-11-21T09:30:00Z","fingerprint":"aaaa000000000002"}]}
            """;

    @Test
    void acceptedAlertsAreInKafkaKeyedByProductBeforeThe202() throws Exception {
        HttpResponse<String> response = ingest.postJson("/api/v1/alerts/alertmanager", ALERTS_TOKEN, CHAT_ALERTS);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("accepted").asInt()).isEqualTo(2);
        List<String> ids = List.of(
                body.path("ids").get(0).asText(), body.path("ids").get(1).asText());

        List<ConsumerRecord<String, MonitoringAlert>> written = ingest.readMatching(
                ingest.topics().alerts(), r -> ids.contains(r.value().getAlertId()), 2);
        assertThat(written).extracting(ConsumerRecord::key).containsExactly("chat", "chat");
        assertThat(written).extracting(r -> r.value().getAlertId()).containsExactlyElementsOf(ids);
        MonitoringAlert firing = written.get(0).value();
        assertThat(firing.getFingerprint()).isEqualTo("aaaa000000000001");
        assertThat(firing.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(firing.getStartsAt()).isEqualTo(Instant.parse("2026-11-21T09:00:00.123456789Z"));
        assertThat(firing.getEndsAt()).isNull();
        assertThat(written.get(1).value().getStatus()).isEqualTo(AlertStatus.RESOLVED);
    }

    @Test
    void pagerDutyResolveNamingOnlyTheDedupKeyLandsOnTheTriggersProduct() throws Exception {
        String trigger = """
                {"routing_key":"r0000000000000000000000000000000","event_action":"trigger","dedup_key":"pd-talk-1",
                 "payload":{"summary":"IVR queue depth 700","source":"ivr-1","severity":"error","custom_details":{"product":"talk"}}}
                """;
        String resolve =
                "{\"routing_key\":\"r0000000000000000000000000000000\",\"event_action\":\"resolve\",\"dedup_key\":\"pd-talk-1\"}";
        String unknown =
                "{\"routing_key\":\"r0000000000000000000000000000000\",\"event_action\":\"resolve\",\"dedup_key\":\"never-seen\"}";

        assertThat(ingest.postJson("/api/v1/alerts/pagerduty", ALERTS_TOKEN, trigger)
                        .statusCode())
                .isEqualTo(202);
        HttpResponse<String> resolved = ingest.postJson("/api/v1/alerts/pagerduty", ALERTS_TOKEN, resolve);
        HttpResponse<String> orphan = ingest.postJson("/api/v1/alerts/pagerduty", ALERTS_TOKEN, unknown);

        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(202);
        assertThat(orphan.statusCode()).as("ignored, as PagerDuty does").isEqualTo(202);
        assertThat(JSON.readTree(orphan.body()).path("accepted").asInt()).isZero();
        assertThat(JSON.readTree(orphan.body()).path("ignored").asText())
                .contains("dedup_key")
                .contains("ignored");
        assertThat(ingest.management("/metrics").body())
                .containsPattern("tocsin_ingest_pagerduty_unknown_dedup_total\\{[^}]*action=\"resolve\"");
        List<ConsumerRecord<String, MonitoringAlert>> talk = ingest.readMatching(
                ingest.topics().alerts(), r -> r.value().getFingerprint().equals("pd-talk-1"), 2);
        assertThat(talk).extracting(ConsumerRecord::key).containsExactly("talk", "talk");
        assertThat(talk)
                .extracting(r -> r.value().getStatus())
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(ingest.readMatching(
                        ingest.topics().pagerDutyAlerts(), r -> r.key().equals("pd-talk-1"), 2))
                .extracting(r -> r.value().getStatus())
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    }

    @Test
    void alertsWithoutProductLabelAreRoutedByTheRulesFileElseUnclassifiedAndCounted() throws Exception {
        String alerts = """
                {"status":"firing","alerts":[
                  {"labels":{"alertname":"Routed","job":"chat-api"},"annotations":{"summary":"routed"}},
                  {"labels":{"alertname":"Nobody","job":"backup"},"annotations":{"summary":"unclassified"}}]}
                """;
        HttpResponse<String> response = ingest.postJson("/api/v1/alerts/alertmanager", ALERTS_TOKEN, alerts);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(ingest.readMatching(
                        ingest.topics().alerts(),
                        r -> "Routed".equals(r.value().getAlertName())
                                || "Nobody".equals(r.value().getAlertName()),
                        2))
                .extracting(r -> r.value().getAlertName() + "@" + r.key())
                .containsExactly("Routed@chat", "Nobody@unclassified");
        assertThat(ingest.management("/metrics").body())
                .containsPattern("tocsin_ingest_unclassified_total\\{[^}]*source=\"alertmanager\"");
    }

    @Test
    void aProductNameWithBlanksYieldsIncidentIdsTheCommandRouteAccepts() throws Exception {
        HttpResponse<String> response = ingest.postJson(
                "/api/v1/alerts",
                ALERTS_TOKEN,
                "{\"status\":\"firing\",\"product\":\"Contact Center\",\"summary\":\"queue stuck\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String alertId = JSON.readTree(response.body()).path("ids").get(0).asText();
        String product = ingest.readMatching(
                        ingest.topics().alerts(), r -> r.value().getAlertId().equals(alertId), 1)
                .get(0)
                .value()
                .getProduct();

        HttpResponse<String> command = ingest.postJson(
                "/api/v1/incidents/" + IncidentIds.of(product, "seed") + "/commands",
                OPERATOR_TOKEN,
                "{\"type\":\"ACKNOWLEDGE\",\"actor\":\"alice\"}");

        assertThat(product).isEqualTo("contact-center");
        assertThat(command.statusCode()).as(command.body()).isEqualTo(202);
    }

    @Test
    void missingRequiredFieldIs422NamingTheFieldAndNothingIsWritten() throws Exception {
        String batch = """
                [{"status":"firing","product":"voice","summary":"ok alert"},
                 {"status":"sizzling","product":"voice"}]
                """;
        HttpResponse<String> response = ingest.postJson("/api/v1/alerts", ALERTS_TOKEN, batch);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("errors").toString()).contains("[1].status").contains("[1].summary");
        // a sentinel written after the rejected batch: once it is visible, anything of the batch would be too
        assertThat(ingest.postJson(
                                "/api/v1/alerts",
                                ALERTS_TOKEN,
                                "{\"status\":\"firing\",\"product\":\"sentinel\",\"summary\":\"after\"}")
                        .statusCode())
                .isEqualTo(202);
        List<ConsumerRecord<String, MonitoringAlert>> seen = ingest.readMatching(
                ingest.topics().alerts(),
                r -> r.key().equals("voice") || r.key().equals("sentinel"),
                1);
        assertThat(seen).extracting(ConsumerRecord::key).containsExactly("sentinel");
    }

    @Test
    void invalidJsonIs400SayingWhere() throws Exception {
        HttpResponse<String> response = ingest.postJson("/api/v1/alerts", ALERTS_TOKEN, "{\"status\": firing}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("detail").asText()).contains("line 1");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> response =
                ingest.post("/api/v1/alerts", ALERTS_TOKEN, "text/plain", "{}".getBytes(), Map.of());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(response.body()).path("detail").asText()).contains("application/json");
    }

    @Test
    void bodyOverTheSizeLimitIs413() throws Exception {
        byte[] big = ("{\"pad\":\"" + "x".repeat(MAX_BODY) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = ingest.post("/api/v1/alerts", ALERTS_TOKEN, "application/json", big, Map.of());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void missingOrWrongCredentialsAre401WithoutDetail() throws Exception {
        HttpResponse<String> none = ingest.postJson("/api/v1/alerts", null, "{}");
        HttpResponse<String> wrong = ingest.postJson("/api/v1/alerts", "guess", "{}");
        HttpResponse<String> otherGroup = ingest.postJson("/api/v1/alerts", REPORTS_TOKEN, "{}");

        assertThat(List.of(none, wrong, otherGroup)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(r.body()).doesNotContain("token").doesNotContain(ALERTS_TOKEN);
        });
    }

    @Test
    void zendeskWebhookNeedsAFreshValidSignature() throws Exception {
        byte[] body = RunningIngest.resource(
                "/fixtures/zendesk/zd-02-webhook-event-ticket-created-uppercase-enums-string-ids.json");
        ZendeskSignature signer =
                new ZendeskSignature(RunningIngest.ZENDESK_SECRET, Duration.ofMinutes(5), Clock.systemUTC());
        String now = Instant.now().toString();
        String old = Instant.now().minus(Duration.ofMinutes(6)).toString();

        HttpResponse<String> unsigned =
                ingest.post("/api/v1/reports/zendesk", REPORTS_TOKEN, "application/json", body, Map.of());
        HttpResponse<String> forged = ingest.post(
                "/api/v1/reports/zendesk",
                REPORTS_TOKEN,
                "application/json",
                body,
                Map.of(
                        ZendeskSignature.SIGNATURE_HEADER,
                        signer.sign(now, "other".getBytes()),
                        ZendeskSignature.TIMESTAMP_HEADER,
                        now));
        HttpResponse<String> replayed = ingest.post(
                "/api/v1/reports/zendesk",
                REPORTS_TOKEN,
                "application/json",
                body,
                Map.of(
                        ZendeskSignature.SIGNATURE_HEADER,
                        signer.sign(old, body),
                        ZendeskSignature.TIMESTAMP_HEADER,
                        old));
        HttpResponse<String> signed = ingest.post(
                "/api/v1/reports/zendesk",
                REPORTS_TOKEN,
                "application/json",
                body,
                Map.of(
                        ZendeskSignature.SIGNATURE_HEADER,
                        signer.sign(now, body),
                        ZendeskSignature.TIMESTAMP_HEADER,
                        now));

        assertThat(List.of(unsigned, forged, replayed)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).doesNotContain("mismatch").doesNotContain("minutes");
        });
        assertThat(signed.statusCode()).as(signed.body()).isIn(202, 422);
    }

    @Test
    void genericReportsAreWrittenKeyedByProduct() throws Exception {
        String reports = """
                [{"ticketId":"T-100","organizationId":"org-1","subject":"Chat slow","product":"chat","channel":"phone","priority":"urgent"},
                 {"ticketId":"T-101","organizationId":"org-2","subject":"Something odd"}]
                """;
        HttpResponse<String> response = ingest.postJson("/api/v1/reports", REPORTS_TOKEN, reports);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        List<ConsumerRecord<String, CustomerReport>> written = ingest.readMatching(
                ingest.topics().customerReports(), r -> r.value().getTicketId().startsWith("T-10"), 2);
        assertThat(written)
                .extracting(r -> r.value().getTicketId() + "@" + r.key())
                .containsExactly("T-100@chat", "T-101@unclassified");
    }

    @Test
    void commandIsKeyedByTheProductInTheIncidentId() throws Exception {
        HttpResponse<String> response = ingest.postJson(
                "/api/v1/incidents/chat-0a1b2c3d/commands",
                OPERATOR_TOKEN,
                "{\"type\":\"ACKNOWLEDGE\",\"actor\":\"alice\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        List<ConsumerRecord<String, IncidentCommand>> written = ingest.readMatching(
                ingest.topics().incidentCommands(),
                r -> r.value().getIncidentId().equals("chat-0a1b2c3d"),
                1);
        assertThat(written).hasSize(1);
        assertThat(written.get(0).key()).isEqualTo("chat");
        assertThat(written.get(0).value().getType()).isEqualTo(CommandType.ACKNOWLEDGE);
        assertThat(written.get(0).value().getIncidentId()).isEqualTo("chat-0a1b2c3d");
    }

    @Test
    void aCommandRetriedWithTheSameIdempotencyKeyIsWrittenWithTheSameCommandId() throws Exception {
        String path = "/api/v1/incidents/chat-0b1c2d3e/commands";
        byte[] body = "{\"type\":\"POST_UPDATE\",\"actor\":\"alice\",\"message\":\"Fix rolling out\"}"
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> first =
                ingest.post(path, OPERATOR_TOKEN, "application/json", body, Map.of("Idempotency-Key", "upd-42"));
        HttpResponse<String> retry =
                ingest.post(path, OPERATOR_TOKEN, "application/json", body, Map.of("Idempotency-Key", "upd-42"));
        HttpResponse<String> other =
                ingest.post(path, OPERATOR_TOKEN, "application/json", body, Map.of("Idempotency-Key", "upd-43"));
        assertThat(List.of(first.statusCode(), retry.statusCode(), other.statusCode()))
                .containsOnly(202);

        String commandId = JSON.readTree(first.body()).path("commandId").asText();
        assertThat(JSON.readTree(retry.body()).path("commandId").asText()).isEqualTo(commandId);
        assertThat(JSON.readTree(other.body()).path("commandId").asText()).isNotEqualTo(commandId);
        List<ConsumerRecord<String, IncidentCommand>> written = ingest.readMatching(
                ingest.topics().incidentCommands(),
                r -> r.value().getIncidentId().equals("chat-0b1c2d3e"),
                3);
        assertThat(written)
                .extracting(r -> r.value().getCommandId())
                .containsExactly(
                        commandId,
                        commandId,
                        JSON.readTree(other.body()).path("commandId").asText());
    }

    @Test
    void anIdempotencyKeyOver255CharactersIs422NamingTheHeader() throws Exception {
        HttpResponse<String> response = ingest.post(
                "/api/v1/incidents/chat-0c1d2e3f/commands",
                OPERATOR_TOKEN,
                "application/json",
                "{\"type\":\"ACKNOWLEDGE\",\"actor\":\"alice\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("Idempotency-Key", "k".repeat(256)));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("\"field\":\"Idempotency-Key\"");
    }

    @Test
    void commandForAMalformedIncidentIdIs422() throws Exception {
        HttpResponse<String> response = ingest.postJson(
                "/api/v1/incidents/INC-42/commands", OPERATOR_TOKEN, "{\"type\":\"ACKNOWLEDGE\",\"actor\":\"alice\"}");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("\"field\":\"id\"");
    }

    @Test
    void deletingAMaintenanceWindowCancelsItKeepingItsDetailsWithProductsInCatalogNames() throws Exception {
        String window = """
                {"products":["VoIP"],"startsAt":"2026-12-18T22:00:00+01:00","endsAt":"2026-12-19T04:00:00+01:00",
                 "title":"Voice platform upgrade","description":"Media servers are upgraded.","reason":"Security patches"}
                """;
        assertThat(ingest.send("PUT", "/api/v1/maintenance/mw-1", OPERATOR_TOKEN, window)
                        .statusCode())
                .isEqualTo(202);
        ingest.read(ingest.topics().maintenanceWindows(), 1);
        Thread.sleep(500); // the global store follows the topic

        assertThat(ingest.send("DELETE", "/api/v1/maintenance/mw-1", OPERATOR_TOKEN, null)
                        .statusCode())
                .isEqualTo(202);

        List<ConsumerRecord<String, MaintenanceWindow>> versions =
                ingest.read(ingest.topics().maintenanceWindows(), 2);
        MaintenanceWindow cancelled = versions.get(versions.size() - 1).value();
        assertThat(cancelled.getState()).isEqualTo(MaintenanceState.CANCELLED);
        assertThat(cancelled.getProducts()).containsExactly("voice");
        assertThat(cancelled.getTitle()).isEqualTo("Voice platform upgrade");
    }

    @Test
    void deletingAWindowRightAfterItsPutWaitsForTheLaggingTableAndCancelsItWithItsProducts() throws Exception {
        String window = """
                {"products":["chat"],"startsAt":"2026-12-18T22:00:00Z","endsAt":"2026-12-19T04:00:00Z","title":"Patching"}
                """;
        assertThat(ingest.send("PUT", "/api/v1/maintenance/mw-fast", OPERATOR_TOKEN, window)
                        .statusCode())
                .isEqualTo(202);
        // no pause: the global maintenance table has most likely not caught up with the topic yet

        assertThat(ingest.send("DELETE", "/api/v1/maintenance/mw-fast", OPERATOR_TOKEN, null)
                        .statusCode())
                .isEqualTo(202);

        List<ConsumerRecord<String, MaintenanceWindow>> versions = ingest.readMatching(
                ingest.topics().maintenanceWindows(), r -> r.key().equals("mw-fast"), 2);
        MaintenanceWindow cancelled = versions.get(versions.size() - 1).value();
        assertThat(cancelled.getState()).isEqualTo(MaintenanceState.CANCELLED);
        assertThat(cancelled.getProducts())
                .as("followers learn which products the cancellation frees")
                .containsExactly("chat");
    }

    @Test
    void deletingAnUnknownMaintenanceWindowIs404AndWritesNoProductlessCancellation() throws Exception {
        HttpResponse<String> response =
                ingest.send("DELETE", "/api/v1/maintenance/mw-never-written", OPERATOR_TOKEN, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("unknown-maintenance-window"); // refused before anything is written
    }

    @Test
    void recurringMaintenanceWindowIsAcceptedAndABadRecurrenceIs422NamingEachField() throws Exception {
        String weekly = """
                {"products":["chat"],"startsAt":"2026-01-01T00:00:00Z","endsAt":"2027-01-01T00:00:00Z","title":"Nightly patching",
                 "recurrence":{"days":["sunday","SUN"],"startTime":"02:30","duration":"PT2H","timeZone":"Europe/Berlin"},
                 "maxOverrun":"PT1H"}
                """;
        assertThat(ingest.send("PUT", "/api/v1/maintenance/mw-weekly", OPERATOR_TOKEN, weekly)
                        .statusCode())
                .isEqualTo(202);
        MaintenanceWindow written =
                ingest.read(ingest.topics().maintenanceWindows(), 1).get(0).value();
        assertThat(written.getRecurrence())
                .isEqualTo(new WeeklyRecurrence(List.of(Weekday.SUNDAY), "02:30", 120, "Europe/Berlin"));
        assertThat(written.getMaxOverrunMinutes()).isEqualTo(60);

        String bad = """
                {"products":["chat"],"startsAt":"2026-01-01T00:00:00Z","endsAt":"2027-01-01T00:00:00Z","title":"Nightly patching",
                 "recurrence":{"days":["caturday"],"startTime":"25:00","duration":"P7D","timeZone":"Mars/Olympus"}}
                """;
        HttpResponse<String> response = ingest.send("PUT", "/api/v1/maintenance/mw-bad", OPERATOR_TOKEN, bad);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).path("errors").findValuesAsText("field"))
                .containsExactly(
                        "recurrence.days[0]", "recurrence.startTime", "recurrence.duration", "recurrence.timeZone");
    }

    @Test
    void illegalMaintenanceStateTransitionIs422NamingFromAndTo() throws Exception {
        String completed = """
                {"products":["chat"],"startsAt":"2026-12-18T22:00:00Z","endsAt":"2026-12-19T04:00:00Z",
                 "title":"Done","state":"completed"}
                """;
        assertThat(ingest.send("PUT", "/api/v1/maintenance/mw-done", OPERATOR_TOKEN, completed)
                        .statusCode())
                .isEqualTo(202);
        ingest.read(ingest.topics().maintenanceWindows(), 1);
        Thread.sleep(500); // the global store follows the topic

        HttpResponse<String> reopen = ingest.send(
                "PUT", "/api/v1/maintenance/mw-done", OPERATOR_TOKEN, completed.replace("completed", "in_progress"));
        assertThat(reopen.statusCode()).isEqualTo(422);
        assertThat(reopen.body()).contains("\"field\":\"state\"").contains("from COMPLETED to IN_PROGRESS");
        HttpResponse<String> cancel = ingest.send("DELETE", "/api/v1/maintenance/mw-done", OPERATOR_TOKEN, null);
        assertThat(cancel.statusCode()).isEqualTo(422);
        assertThat(cancel.body()).contains("from COMPLETED to CANCELLED");
    }

    @Test
    void deletingASubscriptionWritesATombstone() throws Exception {
        String subscription =
                "{\"scope\":\"PRODUCT\",\"target\":\"chat\",\"channel\":\"EMAIL\",\"address\":\"ops@example.com\",\"locale\":\"de\"}";
        assertThat(ingest.send("PUT", "/api/v1/subscriptions/sub-1", OPERATOR_TOKEN, subscription)
                        .statusCode())
                .isEqualTo(202);
        assertThat(ingest.send("DELETE", "/api/v1/subscriptions/sub-1", OPERATOR_TOKEN, null)
                        .statusCode())
                .isEqualTo(202);

        List<ConsumerRecord<String, Subscription>> versions =
                ingest.read(ingest.topics().subscriptions(), 2);
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).value().getLocale()).isEqualTo("de");
        assertThat(versions.get(1).value()).isNull();
    }

    @Test
    void aWebhookSubscriptionIsToldItsOwnSigningSecretOnceAndNothingSecretIsStored() throws Exception {
        String webhook = "{\"scope\":\"ALL\",\"channel\":\"WEBHOOK\",\"address\":\"https://hooks.example.com/t\"}";
        String email = "{\"scope\":\"ALL\",\"channel\":\"EMAIL\",\"address\":\"ops@example.com\"}";

        JsonNode toA = JSON.readTree(ingest.send("PUT", "/api/v1/subscriptions/hook-a", OPERATOR_TOKEN, webhook)
                .body());
        JsonNode toB = JSON.readTree(ingest.send("PUT", "/api/v1/subscriptions/hook-b", OPERATOR_TOKEN, webhook)
                .body());
        JsonNode toMail = JSON.readTree(ingest.send("PUT", "/api/v1/subscriptions/mail-c", OPERATOR_TOKEN, email)
                .body());

        assertThat(toA.path("signing_secret").asText()).isEqualTo(WebhookSecrets.derive(WEBHOOK_MASTER, "hook-a"));
        assertThat(toB.path("signing_secret").asText())
                .isEqualTo(WebhookSecrets.derive(WEBHOOK_MASTER, "hook-b"))
                .isNotEqualTo(toA.path("signing_secret").asText());
        assertThat(toMail.has("signing_secret")).as("only webhooks are signed").isFalse();
        List<ConsumerRecord<String, Subscription>> stored =
                ingest.read(ingest.topics().subscriptions(), 3);
        assertThat(stored)
                .extracting(r -> String.valueOf(r.value()))
                .noneMatch(text -> text.contains(toA.path("signing_secret").asText()) || text.contains(WEBHOOK_MASTER));
    }

    @Test
    void metricsCountRequestsAcceptedRecordsAndRejections() throws Exception {
        ingest.postJson(
                "/api/v1/alerts", ALERTS_TOKEN, "{\"status\":\"firing\",\"product\":\"talk\",\"summary\":\"x\"}");
        ingest.postJson("/api/v1/alerts", "nope", "{}");
        String metrics = ingest.management("/metrics").body();
        assertThat(metrics)
                .contains("tocsin_ingest_records_accepted_total")
                .contains("tocsin_ingest_rejections_total")
                .contains("reason=\"unauthorized\"")
                .contains("tocsin_ingest_kafka_write_seconds");
    }

    static Stream<Path> fixtures() throws Exception {
        Path root = Path.of(IngestApiTest.class.getResource("/fixtures").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyRealFixtureIsAcceptedOrRejectedWithAProblemNeverA5xx(Path fixture) throws Exception {
        String source = fixture.getParent().getFileName().toString();
        byte[] body = Files.readAllBytes(fixture);
        String route = switch (source) {
            case "alertmanager" -> "/api/v1/alerts/alertmanager";
            case "grafana" -> "/api/v1/alerts/grafana";
            case "pagerduty" -> "/api/v1/alerts/pagerduty";
            case "zendesk" -> "/api/v1/reports/zendesk";
            default -> "/api/v1/alerts";
        };
        Map<String, String> headers = Map.of();
        String token = ALERTS_TOKEN;
        if (source.equals("zendesk")) {
            String now = Instant.now().toString();
            ZendeskSignature signer =
                    new ZendeskSignature(RunningIngest.ZENDESK_SECRET, Duration.ofMinutes(5), Clock.systemUTC());
            headers = Map.of(
                    ZendeskSignature.SIGNATURE_HEADER, signer.sign(now, body), ZendeskSignature.TIMESTAMP_HEADER, now);
            token = REPORTS_TOKEN;
        }
        HttpResponse<String> response = ingest.post(route, token, "application/json", body, headers);

        assertThat(response.statusCode()).as(response.body()).isIn(202, 400, 422);
        boolean carriesAnAlert = List.of("alertmanager", "grafana", "pagerduty").contains(source)
                && !fixture.getFileName().toString().startsWith("pd-05"); // a change event: no alert
        if (carriesAnAlert) {
            assertThat(response.statusCode())
                    .as("never drop an alert: " + response.body())
                    .isEqualTo(202);
        }
        if (response.statusCode() != 202) {
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("detail").asText()).isNotBlank();
        }
    }
}
