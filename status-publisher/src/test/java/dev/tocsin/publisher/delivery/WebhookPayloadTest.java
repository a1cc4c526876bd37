package dev.tocsin.publisher.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.avro.Notification;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS = "https://hooks.example.com/T000/B000/" + Receiver.TOKEN;

    @Test
    void payloadHasTheDocumentedSnakeCaseFieldsInOrder() throws Exception {
        Notification notification = TestNotifications.webhook(ADDRESS)
                .setNotificationId("n-1")
                .setDedupKey("evt-1:sub-1")
                .build();

        JsonNode json = JSON.readTree(WebhookPayload.from(notification).toJson());

        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly(
                        "notification_id",
                        "dedup_key",
                        "audience",
                        "subject",
                        "body",
                        "locale",
                        "incident_id",
                        "maintenance_id",
                        "created_at");
        assertThat(json.path("notification_id").asText()).isEqualTo("n-1");
        assertThat(json.path("dedup_key").asText()).isEqualTo("evt-1:sub-1");
        assertThat(json.path("audience").asText()).isEqualTo("SUBSCRIBER");
        assertThat(json.path("subject").asText()).isEqualTo("Chat API degraded");
        assertThat(json.path("body").asText()).isEqualTo("We are investigating elevated error rates.");
        assertThat(json.path("locale").asText()).isEqualTo("en");
        assertThat(json.path("incident_id").asText()).isEqualTo("inc-1");
    }

    @Test
    void payloadNeverContainsTheAddress() {
        Notification notification = TestNotifications.webhook(ADDRESS).build();

        String body = new String(WebhookPayload.from(notification).toJson(), UTF_8);

        assertThat(body)
                .doesNotContain(ADDRESS)
                .doesNotContain("hooks.example.com")
                .doesNotContain(Receiver.TOKEN)
                .doesNotContain("address");
        assertThat(Arrays.stream(WebhookPayload.class.getRecordComponents()).map(RecordComponent::getName))
                .as("the payload type has no place for the address")
                .doesNotContain("address");
    }

    @Test
    void absentReferencesAreNullRatherThanMissing() throws Exception {
        Notification notification = TestNotifications.webhook(ADDRESS)
                .setIncidentId(null)
                .setMaintenanceId(null)
                .build();

        JsonNode json = JSON.readTree(WebhookPayload.from(notification).toJson());

        assertThat(json.has("incident_id")).isTrue();
        assertThat(json.get("incident_id").isNull()).isTrue();
        assertThat(json.get("maintenance_id").isNull()).isTrue();
    }

    @Test
    void createdAtIsIso8601InUtc() throws Exception {
        Notification notification = TestNotifications.webhook(ADDRESS)
                .setCreatedAt(java.time.Instant.parse("2024-05-01T12:34:56.789Z"))
                .build();

        JsonNode json = JSON.readTree(WebhookPayload.from(notification).toJson());

        assertThat(json.path("created_at").asText()).isEqualTo("2024-05-01T12:34:56.789Z");
    }

    @Test
    void textsKeepTheirNonAsciiCharactersInUtf8() throws Exception {
        Notification notification = TestNotifications.webhook(ADDRESS)
                .setLocale("ja")
                .setSubject("チャットAPIの障害")
                .setBody("Störung \"API\"\nline two")
                .build();

        JsonNode json =
                JSON.readTree(new String(WebhookPayload.from(notification).toJson(), UTF_8));

        assertThat(json.path("subject").asText()).isEqualTo("チャットAPIの障害");
        assertThat(json.path("body").asText()).isEqualTo("Störung \"API\"\nline two");
    }
}
