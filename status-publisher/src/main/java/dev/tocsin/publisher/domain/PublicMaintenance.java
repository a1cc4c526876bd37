package dev.tocsin.publisher.domain;

import dev.tocsin.avro.MaintenanceState;
import java.time.Instant;
import java.util.List;

/**
 * The public view of a maintenance window.
 *
 * @param windowId      our window id
 * @param name          public title
 * @param state         effective state at the time of the view
 * @param products      affected products (= components)
 * @param description   public description, or null
 * @param reason        why it happens, or null
 * @param scheduledFor  scheduled start
 * @param scheduledUntil scheduled end
 * @param body          localized notice: what, when, description and reason
 * @param updatedAt     when the window last changed
 * @param recurrence    localized "every Sunday at 02:30 (Europe/Berlin)" of a recurring window, else null;
 *                      scheduledFor / scheduledUntil are then its current or next occurrence
 */
public record PublicMaintenance(
        String windowId,
        String name,
        MaintenanceState state,
        List<String> products,
        String description,
        String reason,
        Instant scheduledFor,
        Instant scheduledUntil,
        String body,
        Instant updatedAt,
        String recurrence) {

    public PublicMaintenance {
        products = List.copyOf(products);
    }

    /** Scheduled and not yet started. */
    public boolean upcoming() {
        return state == MaintenanceState.SCHEDULED;
    }

    /** In progress or being verified. */
    public boolean active() {
        return state == MaintenanceState.IN_PROGRESS || state == MaintenanceState.VERIFYING;
    }
}
