package dev.tocsin.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Audience;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.runtime.errors.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class UndeliveredTest {

    private static final Set<String> NOTIFICATION_TOPICS = Set.of("tocsin.notifications", "tocsin.webhook-retries");
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Notification NOTIFICATION = Notification.newBuilder()
            .setNotificationId("n1")
            .setDedupKey("d1")
            .setAudience(Audience.SUBSCRIBER)
            .setChannel(NotificationChannel.WEBHOOK)
            .setAddress("https://hooks.example/x")
            .setLocale("en")
            .setSubject("Chat degraded")
            .setBody("b")
            .setCreatedAt(AT)
            .build();

    private static RecordHeaders headers(String topic, String message) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetters.HEADER_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
        if (message != null) {
            headers.add(DeadLetters.HEADER_MESSAGE, message.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Test
    void aDeadLetteredNotificationIsUndeliveredWithTheReasonTheLetterStates() {
        assertThat(Undelivered.of(
                        headers("tocsin.webhook-retries", "HTTP 410 from hooks.example after 5 attempts"),
                        new byte[] {1},
                        AT,
                        NOTIFICATION_TOPICS,
                        bytes -> NOTIFICATION))
                .contains(new Undelivered(NOTIFICATION, "HTTP 410 from hooks.example after 5 attempts", AT));
        assertThat(Undelivered.of(
                                headers("tocsin.notifications", null),
                                new byte[] {1},
                                AT,
                                NOTIFICATION_TOPICS,
                                bytes -> NOTIFICATION)
                        .orElseThrow()
                        .reason())
                .contains("no reason recorded");
    }

    @Test
    void deadLettersOfOtherTopicsAreNotNotificationsAndAreNotDecoded() {
        assertThat(Undelivered.of(headers("tocsin.alerts", "bad"), new byte[] {1}, AT, NOTIFICATION_TOPICS, bytes -> {
                    throw new AssertionError("decoded");
                }))
                .isEmpty();
        assertThat(Undelivered.of(new RecordHeaders(), new byte[] {1}, AT, NOTIFICATION_TOPICS, bytes -> {
                    throw new AssertionError("decoded");
                }))
                .isEmpty();
    }
}
