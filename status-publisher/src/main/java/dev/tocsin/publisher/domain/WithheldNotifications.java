package dev.tocsin.publisher.domain;

import dev.tocsin.avro.Audience;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.WithheldNotification;
import java.time.Duration;
import java.time.Instant;

/**
 * The notifications an operator sees were not sent, and why (topic tocsin.notifications-withheld).
 *
 * <p>Only decisions an operator can act on are recorded: a <em>stale</em> change (older than the notify
 * age: a backlog or a restart caught up with it too late) notified nobody although subscribers matched.
 * A <em>duplicate</em> (a replay or retry of a change already fanned out) is the design working, so it
 * is only counted: recording it would repeat every notification of a replay. A stale status event is
 * one record with the number of subscriptions it would have reached, not one per subscription, so a
 * large replay stays bounded by the changes, not changes times subscribers. No record carries an address.
 */
public final class WithheldNotifications {

    /** The change is older than the notify age. Also the metric tag {@code tocsin_notifications_withheld{reason}}. */
    public static final String STALE = "stale";
    /** The change was fanned out before (a replay): counted, never recorded. */
    public static final String DUPLICATE = "duplicate";

    private WithheldNotifications() {}

    /** A status event older than the notify age that {@code recipients} subscriptions would have heard of. */
    public static WithheldNotification staleChange(
            StatusEvent event, int recipients, Duration notifyMaxAge, Instant now) {
        return WithheldNotification.newBuilder()
                .setWithheldId(Ids.stable("withheld", event.getEventId(), STALE))
                .setReason(STALE)
                .setDetail(staleDetail(event.getAt(), notifyMaxAge, now))
                .setAudience(Audience.SUBSCRIBER)
                .setSubscriptionId(null)
                .setChannel(null)
                .setRecipients(recipients)
                .setIncidentId(event.getIncidentId())
                .setMaintenanceId(event.getMaintenanceId())
                .setEventId(event.getEventId())
                .setChangedAt(event.getAt())
                .setAt(now)
                .build();
    }

    /** An operations reminder rendered for an incident event older than the notify age; the address is left out. */
    public static WithheldNotification staleReminder(
            Notification reminder, String incidentEventId, Duration notifyMaxAge, Instant now) {
        return WithheldNotification.newBuilder()
                .setWithheldId(Ids.stable("withheld", reminder.getDedupKey(), STALE))
                .setReason(STALE)
                .setDetail(staleDetail(reminder.getCreatedAt(), notifyMaxAge, now))
                .setAudience(reminder.getAudience())
                .setSubscriptionId(reminder.getSubscriptionId())
                .setChannel(reminder.getChannel())
                .setRecipients(1)
                .setIncidentId(reminder.getIncidentId())
                .setMaintenanceId(reminder.getMaintenanceId())
                .setEventId(incidentEventId)
                .setChangedAt(reminder.getCreatedAt())
                .setAt(now)
                .build();
    }

    /** The record's key: what it is about, like the status events. */
    public static String keyOf(WithheldNotification withheld) {
        if (withheld.getIncidentId() != null) {
            return withheld.getIncidentId();
        }
        return withheld.getMaintenanceId() != null ? withheld.getMaintenanceId() : withheld.getEventId();
    }

    private static String staleDetail(Instant changedAt, Duration notifyMaxAge, Instant now) {
        Duration age = Duration.between(changedAt, now);
        return "changed " + age.toMinutes() + " min before it was announced; changes older than the notify age ("
                + notifyMaxAge.toMinutes() + " min, TOCSIN_PUBLISHER_NOTIFY_MAX_AGE) notify nobody";
    }
}
