package dev.tocsin.ingest.connect;

import static dev.tocsin.ingest.support.RunningIngest.ALERTS_TOKEN;
import static dev.tocsin.ingest.support.RunningIngest.REPORTS_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.ingest.support.ConnectGuide;
import dev.tocsin.ingest.support.RunningIngest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Connect your sources" guide: every snippet it quotes is its file verbatim, and each snippet,
 * used as the guide says, is accepted by a running alert-ingest and lands in Kafka. (Alertmanager's
 * snippets are run by a real Alertmanager in RealAlertmanagerTest.)
 */
class ConnectGuideTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String PYTHON = "/usr/bin/python3";
    private static final String CURL = "/usr/bin/curl";
    private static final String GRAFANA_PASSWORD = "grafana-password";
    private static final String ZENDESK_PRODUCT_FIELD = "360001234567";
    private static RunningIngest ingest;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        ingest = RunningIngest.start(
                SharedTestStack.bootstrapServers(),
                SharedTestStack.registryUrl(),
                Map.of(
                        "TOCSIN_INGEST_ALERTS_BASIC_AUTH",
                        "grafana:" + GRAFANA_PASSWORD,
                        "TOCSIN_INGEST_ZENDESK_PRODUCT_FIELD_ID",
                        ZENDESK_PRODUCT_FIELD));
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    @Test
    void everySnippetTheGuideQuotesIsItsFileVerbatim() {
        Map<String, String> blocks = ConnectGuide.quotedBlocks();

        assertThat(blocks).isNotEmpty().hasSize((int) ConnectGuide.announcedQuotes());
        blocks.forEach((reference, block) -> assertThat(block).as(reference).isEqualTo(ConnectGuide.quoted(reference)));
    }

    @Test
    void everySnippetFileIsQuotedInTheGuide() {
        assertThat(ConnectGuide.quotedBlocks().keySet()).containsAll(ConnectGuide.snippetFiles());
    }

    @Test
    void grafanaContactPointWithBearerTokenIsAccepted() throws Exception {
        JsonNode settings = grafanaSettings("grafana-contact-point.yaml");
        String authorization = settings.path("authorization_scheme").asText() + " "
                + settings.path("authorization_credentials").asText().replace("${TOCSIN_ALERTS_TOKEN}", ALERTS_TOKEN);

        assertGrafanaNotificationAccepted(settings, authorization);
    }

    @Test
    void grafanaContactPointWithBasicAuthIsAccepted() throws Exception {
        JsonNode settings = grafanaSettings("grafana-contact-point-basic.yaml");
        String pair = settings.path("username").asText() + ":"
                + settings.path("password").asText().replace("${TOCSIN_GRAFANA_PASSWORD}", GRAFANA_PASSWORD);

        assertGrafanaNotificationAccepted(
                settings, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pagerDutyEventOfTheGuideIsAcceptedAndStoresNoRoutingKey() throws Exception {
        byte[] event = ConnectGuide.snippet("pagerduty-event.json").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response =
                ingest.post("/api/v1/alerts/pagerduty", ALERTS_TOKEN, "application/json", event, Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        MonitoringAlert alert = writtenAlert(response.body());
        assertThat(alert.getSource()).isEqualTo(AlertSource.PAGERDUTY);
        assertThat(alert.getProduct()).isEqualTo("chat");
        assertThat(alert.getFingerprint()).isEqualTo("chat-db/replication");
        assertThat(alert.toString()).doesNotContain("any-value-tocsin-ignores-it");
    }

    @Test
    void pagerDutyCurlOfTheGuideIsAccepted() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(CURL)), "curl not installed");
        ProcessBuilder send = new ProcessBuilder("bash", "pagerduty-send.sh")
                .directory(ConnectGuide.snippets().toFile())
                .redirectError(work.resolve("curl.err").toFile());
        send.environment().put("TOCSIN_URL", ingest.url());
        send.environment().put("TOCSIN_ALERTS_TOKEN", ALERTS_TOKEN);
        Process curl = send.start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(curl.exitValue())
                .as(out + Files.readString(work.resolve("curl.err")))
                .isZero();
        assertThat(writtenAlert(out).getProduct()).isEqualTo("chat");
    }

    @Test
    void zendeskEventWebhookSignedWithTheSigningSecretIsAccepted() throws Exception {
        JsonNode webhook =
                JSON.readTree(ConnectGuide.snippet("zendesk-webhook.json")).path("webhook");
        assertThat(webhook.path("authentication").path("type").asText()).isEqualTo("bearer_token");
        assertThat(webhook.path("subscriptions").get(0).asText()).isEqualTo("zen:event-type:ticket.created");
        byte[] event = RunningIngest.resource(
                "/fixtures/zendesk/zd-02-webhook-event-ticket-created-uppercase-enums-string-ids.json");

        HttpResponse<String> response =
                postSignedToZendeskRoute(webhook.path("endpoint").asText(), event);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(writtenReport("5158").getSource()).isEqualTo("zendesk");
    }

    @Test
    void zendeskTriggerBodyAsZendeskRendersItIsAcceptedWithItsProduct() throws Exception {
        JsonNode webhook =
                JSON.readTree(ConnectGuide.snippet("zendesk-webhook.json")).path("webhook");
        // what Zendesk puts in for each placeholder of the trigger's JSON body
        Map<String, String> rendered = Map.of(
                "{{ticket.id}}",
                "4711",
                "{{ticket.title}}",
                "Chat messages are not delivered",
                "{{ticket.priority}}",
                "High",
                "{{ticket.organization.name}}",
                "Acme GmbH",
                "{{ticket.requester.id}}",
                "8447388090494",
                "{{ticket.created_at_with_timestamp}}",
                "2026-11-30T10:12:07Z",
                "{{ticket.ticket_field_" + ZENDESK_PRODUCT_FIELD + "}}",
                "product_chat");
        String body = ConnectGuide.snippet("zendesk-trigger-body.json");
        for (Map.Entry<String, String> placeholder : rendered.entrySet()) {
            body = body.replace(placeholder.getKey(), placeholder.getValue());
        }
        assertThat(body)
                .as("every placeholder of the trigger body is known to this test")
                .doesNotContain("{{");

        HttpResponse<String> response =
                postSignedToZendeskRoute(webhook.path("endpoint").asText(), body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        CustomerReport report = writtenReport("4711");
        assertThat(report.getProduct()).isEqualTo("chat");
        assertThat(report.getOrganizationId()).isEqualTo("Acme GmbH");
    }

    @Test
    void rawProducerInJavaReachesTheAlertsTopic() throws Exception {
        String alertname = "JavaRawProducer" + UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = SharedTestStack.bootstrapServers();
        String topic = ingest.topics().ingestRaw().name();
        byte[] body = alertmanagerWebhook(alertname).getBytes(StandardCharsets.UTF_8);

        // snippet:raw-producer
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "acks", "all", "enable.idempotence", "true"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, body);
            // which normalizer reads it: alertmanager, grafana, pagerduty, generic-alert, zendesk or generic-report
            record.headers().add("format", "alertmanager".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
        // end-snippet

        assertArrivesOnAlerts(alertname);
    }

    @Test
    void rawProducerInPythonReachesTheAlertsTopic() throws Exception {
        requirePython();
        String alertname = "PythonRawProducer" + UUID.randomUUID().toString().substring(0, 8);
        Path body = work.resolve("webhook.json");
        Files.writeString(body, alertmanagerWebhook(alertname));

        Process python = new ProcessBuilder(
                        PYTHON,
                        ConnectGuide.snippets().resolve("raw-producer.py").toString(),
                        SharedTestStack.bootstrapServers(),
                        ingest.topics().ingestRaw().name(),
                        body.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("python.log").toFile())
                .start();
        assertThat(python.waitFor(90, TimeUnit.SECONDS)).isTrue();

        assertThat(python.exitValue())
                .as(Files.readString(work.resolve("python.log")))
                .isZero();
        assertArrivesOnAlerts(alertname);
    }

    private static JsonNode grafanaSettings(String file) throws Exception {
        JsonNode receiver = YAML.readTree(ConnectGuide.snippet(file))
                .path("contactPoints")
                .get(0)
                .path("receivers")
                .get(0);
        assertThat(receiver.path("type").asText()).isEqualTo("webhook");
        assertThat(receiver.path("disableResolveMessage").asBoolean(true))
                .as("resolved notifications are sent")
                .isFalse();
        return receiver.path("settings");
    }

    /** A real Grafana notification, its alerts labelled with a product, posted as the contact point says. */
    private static void assertGrafanaNotificationAccepted(JsonNode settings, String authorization) throws Exception {
        assertThat(settings.path("httpMethod").asText()).isEqualTo("POST");
        ObjectNode notification = (ObjectNode) JSON.readTree(
                RunningIngest.resource("/fixtures/grafana/gr-01-grafana-docs-unified-webhook-firing-2alerts.json"));
        notification.path("alerts").forEach(alert -> ((ObjectNode) alert.path("labels")).put("product", "chat"));

        HttpResponse<String> response = ingest.post(
                pathOf(settings.path("url").asText()),
                null,
                "application/json",
                JSON.writeValueAsBytes(notification),
                Map.of("Authorization", authorization));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(writtenAlert(response.body()).getSource()).isEqualTo(AlertSource.GRAFANA);
    }

    /** Signed as Zendesk signs: base64 HMAC-SHA256, keyed with the signing secret, of timestamp + body. */
    private static HttpResponse<String> postSignedToZendeskRoute(String endpoint, byte[] body) throws Exception {
        String timestamp = Instant.now().toString();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(RunningIngest.ZENDESK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(body));
        return ingest.post(
                pathOf(endpoint),
                REPORTS_TOKEN,
                "application/json",
                body,
                Map.of("X-Zendesk-Webhook-Signature", signature, "X-Zendesk-Webhook-Signature-Timestamp", timestamp));
    }

    /** The path of a snippet's URL, which must be on the guide's placeholder host. */
    private static String pathOf(String url) {
        assertThat(url).startsWith(ConnectGuide.INGEST_URL + "/");
        return URI.create(url).getPath();
    }

    private static MonitoringAlert writtenAlert(String accepted) throws Exception {
        String id = JSON.readTree(accepted).path("ids").get(0).asText();
        List<ConsumerRecord<String, MonitoringAlert>> written = ingest.readMatching(
                ingest.topics().alerts(), r -> r.value().getAlertId().equals(id), 1);
        assertThat(written)
                .as("alert " + id + " on " + ingest.topics().alerts().name())
                .hasSize(1);
        return written.get(0).value();
    }

    private static CustomerReport writtenReport(String ticketId) {
        List<ConsumerRecord<String, CustomerReport>> written = ingest.readMatching(
                ingest.topics().customerReports(), r -> r.value().getTicketId().equals(ticketId), 1);
        assertThat(written)
                .as("ticket " + ticketId + " on "
                        + ingest.topics().customerReports().name())
                .hasSize(1);
        return written.get(0).value();
    }

    private static void assertArrivesOnAlerts(String alertname) {
        List<ConsumerRecord<String, MonitoringAlert>> written = ingest.readMatching(
                ingest.topics().alerts(),
                r -> alertname.equals(r.value().getLabels().get("alertname")),
                1);
        assertThat(written)
                .as(alertname + " on " + ingest.topics().alerts().name())
                .hasSize(1);
        assertThat(written.get(0).key()).isEqualTo("chat");
        assertThat(written.get(0).value().getSource()).isEqualTo(AlertSource.ALERTMANAGER);
    }

    private static String alertmanagerWebhook(String alertname) {
        return """
                {"version":"4","status":"firing","receiver":"tocsin","groupKey":"{}:{alertname=\\"%s\\"}",
                 "alerts":[{"status":"firing","labels":{"alertname":"%s","product":"chat","severity":"critical"},
                  "annotations":{"summary":"Chat API probe failed"},"startsAt":"2026-11-30T10:00:00Z"}]}
                """.formatted(alertname, alertname);
    }

    private static void requirePython() throws Exception {
        boolean available = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import confluent_kafka")
                                .redirectErrorStream(true)
                                .start()
                                .waitFor()
                        == 0;
        if (!available && "true".equals(System.getenv("TOCSIN_REQUIRE_PEERS"))) {
            throw new AssertionError("python3-confluent-kafka is required (apt-get install python3-confluent-kafka)");
        }
        assumeTrue(available, "python3-confluent-kafka not installed");
    }
}
