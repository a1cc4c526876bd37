package dev.tocsin.publisher.delivery;

import dev.tocsin.avro.Audience;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.NotificationChannel;
import java.time.Instant;
import java.util.UUID;

/** Builders for test notifications. */
final class TestNotifications {

    static final Instant CREATED_AT = Instant.parse("2024-05-01T12:00:00Z");

    private TestNotifications() {}

    /** A subscriber webhook notification about incident {@code inc-1}. */
    static Notification.Builder webhook(String url) {
        String id = "n-" + UUID.randomUUID();
        return Notification.newBuilder()
                .setNotificationId(id)
                .setDedupKey("evt-1:" + id)
                .setAudience(Audience.SUBSCRIBER)
                .setSubscriptionId("sub-1")
                .setChannel(NotificationChannel.WEBHOOK)
                .setAddress(url)
                .setLocale("en")
                .setSubject("Chat API degraded")
                .setBody("We are investigating elevated error rates.")
                .setIncidentId("inc-1")
                .setMaintenanceId(null)
                .setCreatedAt(CREATED_AT);
    }

    static Notification.Builder email(String address) {
        return webhook(address).setChannel(NotificationChannel.EMAIL);
    }
}
