package dev.tocsin.publisher.domain;

import static dev.tocsin.publisher.domain.TestData.CATALOG;
import static dev.tocsin.publisher.domain.TestData.T0;
import static dev.tocsin.publisher.domain.TestData.incident;
import static dev.tocsin.publisher.domain.TestData.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Audience;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SlaClock;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.StatusEventType;
import dev.tocsin.avro.WithheldNotification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WithheldNotificationsTest {

    private static final Duration NOTIFY_AGE = Duration.ofHours(24);
    private static final Instant NOW = T0.plus(Duration.ofDays(3));

    private static StatusEvent publishedI1() {
        List<StatusEvent> events = StatusChanges.between(
                state(T0, List.of(), List.of()),
                state(
                        T0.plusSeconds(60),
                        List.of(incident("i1").severity(Severity.SEV3).build()),
                        List.of()));
        return events.stream()
                .filter(e -> e.getType() == StatusEventType.INCIDENT_PUBLISHED)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aStaleChangeIsOneRecordWithItsReasonAgeAndNumberOfSubscriptionsKeyedByTheIncident() {
        StatusEvent event = publishedI1();

        WithheldNotification withheld = WithheldNotifications.staleChange(event, 3, NOTIFY_AGE, NOW);

        assertThat(withheld.getReason()).isEqualTo(WithheldNotifications.STALE);
        assertThat(withheld.getAudience()).isEqualTo(Audience.SUBSCRIBER);
        assertThat(withheld.getRecipients()).isEqualTo(3);
        assertThat(withheld.getSubscriptionId()).isNull();
        assertThat(withheld.getEventId()).isEqualTo(event.getEventId());
        assertThat(withheld.getDetail()).contains("min before it was announced").contains("notify age (1440 min");
        assertThat(WithheldNotifications.keyOf(withheld)).isEqualTo("i1");
    }

    @Test
    void theSameChangeWithheldAgainHasTheSameIdSoAReplayIsRecognisable() {
        StatusEvent event = publishedI1();

        assertThat(WithheldNotifications.staleChange(event, 1, NOTIFY_AGE, NOW).getWithheldId())
                .isEqualTo(WithheldNotifications.staleChange(event, 1, NOTIFY_AGE, NOW.plusSeconds(5))
                        .getWithheldId());
    }

    @Test
    void aStaleReminderNamesTheChannelButNeverTheAddress() {
        IncidentEvent due = IncidentEvent.newBuilder()
                .setEventId("ev-1")
                .setIncidentId("i1")
                .setProduct("chat")
                .setType(IncidentEventType.UPDATE_DUE)
                .setAt(T0)
                .setSlaClock(SlaClock.NEXT_UPDATE)
                .setDeadline(T0)
                .build();
        Notification reminder = new Notifications(CATALOG)
                .reminder(
                        due,
                        new Notifications.OperationsContact("noc", NotificationChannel.EMAIL, "noc@example.com", "en"))
                .orElseThrow();

        WithheldNotification withheld = WithheldNotifications.staleReminder(reminder, "ev-1", NOTIFY_AGE, NOW);

        assertThat(withheld.getAudience()).isEqualTo(Audience.OPERATIONS);
        assertThat(withheld.getChannel()).isEqualTo(NotificationChannel.EMAIL);
        assertThat(withheld.getRecipients()).isEqualTo(1);
        assertThat(withheld.getEventId()).isEqualTo("ev-1");
        assertThat(withheld.toString()).doesNotContain("noc@example.com");
    }
}
