package dev.tocsin.publisher.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.avro.Notification;
import java.time.Instant;

/**
 * The JSON body of a webhook: what the notification says, not where it goes. There is no field
 * for the address, so the webhook URL cannot leak into a body a receiver may log or forward.
 *
 * @param notificationId id of the notification
 * @param dedupKey       the same change for the same subscriber always has the same key
 * @param audience       {@code SUBSCRIBER} or {@code OPERATIONS}
 * @param subject        rendered subject
 * @param body           rendered body
 * @param locale         language it is rendered in
 * @param incidentId     incident referenced, or null
 * @param maintenanceId  maintenance referenced, or null
 * @param createdAt      when it was rendered
 */
public record WebhookPayload(
        String notificationId,
        String dedupKey,
        String audience,
        String subject,
        String body,
        String locale,
        String incidentId,
        String maintenanceId,
        Instant createdAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static WebhookPayload from(Notification notification) {
        return new WebhookPayload(
                notification.getNotificationId(),
                notification.getDedupKey(),
                notification.getAudience().name(),
                notification.getSubject(),
                notification.getBody(),
                notification.getLocale(),
                notification.getIncidentId(),
                notification.getMaintenanceId(),
                notification.getCreatedAt());
    }

    /**
     * UTF-8 JSON with snake_case fields in a fixed order; absent references are {@code null}
     * rather than missing, so receivers can rely on every field being there.
     */
    public byte[] toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("notification_id", notificationId);
        json.put("dedup_key", dedupKey);
        json.put("audience", audience);
        json.put("subject", subject);
        json.put("body", body);
        json.put("locale", locale);
        json.put("incident_id", incidentId);
        json.put("maintenance_id", maintenanceId);
        // Instant.toString is ISO-8601 in UTC, e.g. 2024-05-01T12:00:00Z
        json.put("created_at", createdAt == null ? null : createdAt.toString());
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of strings always serializes", e);
        }
    }
}
