package dev.tocsin.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueFormsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aMaintenanceFormBecomesTheWindowBodyWithUtcTimes() {
        QueueForms.Body body = QueueForms.maintenance(Map.of(
                "products",
                "chat, voice",
                "title",
                "Patching",
                "startsAt",
                "2026-12-02T01:00",
                "endsAt",
                "2026-12-02T03:00",
                "state",
                "")::get);
        assertThat(body.refusal()).isNull();
        assertThat(body.body())
                .containsEntry("products", List.of("chat", "voice"))
                .containsEntry("title", "Patching")
                .containsEntry("startsAt", "2026-12-02T01:00:00Z")
                .containsEntry("endsAt", "2026-12-02T03:00:00Z")
                .doesNotContainKey("state");
    }

    @Test
    void unreadableTimesAreRefusedBeforeSending() {
        assertThat(QueueForms.maintenance(Map.of("startsAt", "tomorrow", "endsAt", "later")::get)
                        .refusal())
                .contains("UTC");
    }

    @Test
    void aSilenceFormBecomesAnAlertmanagerSilenceByTheUserFromNow() {
        QueueForms.Body body = QueueForms.silence(
                Map.of("matchers", "alertname=\"Foo\", job=~\"chat-.*\"", "hours", "2", "comment", "deploy")::get,
                "alice",
                NOW);
        assertThat(body.refusal()).isNull();
        assertThat(body.body())
                .containsEntry("createdBy", "alice")
                .containsEntry("startsAt", "2026-12-01T10:00:00Z")
                .containsEntry("endsAt", "2026-12-01T12:00:00Z")
                .doesNotContainKey("id");
        assertThat(body.body().get("matchers"))
                .isEqualTo(List.of(
                        Map.of("name", "alertname", "value", "Foo", "isRegex", false, "isEqual", true),
                        Map.of("name", "job", "value", "chat-.*", "isRegex", true, "isEqual", true)));
    }

    @Test
    void badMatchersAreRefusedWithTheSharedParsersReason() {
        assertThat(QueueForms.silence(Map.of("matchers", "=nope", "hours", "1")::get, "alice", NOW)
                        .refusal())
                .startsWith("matchers:");
    }
}
