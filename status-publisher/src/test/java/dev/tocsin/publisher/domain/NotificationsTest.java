package dev.tocsin.publisher.domain;

import static dev.tocsin.publisher.domain.TestData.CATALOG;
import static dev.tocsin.publisher.domain.TestData.T0;
import static dev.tocsin.publisher.domain.TestData.incident;
import static dev.tocsin.publisher.domain.TestData.state;
import static dev.tocsin.publisher.domain.TestData.subscription;
import static dev.tocsin.publisher.domain.TestData.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Audience;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SlaClock;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.Subscription;
import dev.tocsin.avro.SubscriptionScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationsTest {

    private static final Instant T1 = T0.plusSeconds(60);
    private final Notifications notifications = new Notifications(CATALOG);

    private final List<Subscription> subscriptions = List.of(
            subscription("s-incident", SubscriptionScope.INCIDENT, "i1", "en"),
            subscription("s-other-incident", SubscriptionScope.INCIDENT, "i9", "en"),
            subscription("s-product", SubscriptionScope.PRODUCT, "chat", "de"),
            subscription("s-other-product", SubscriptionScope.PRODUCT, "mail", "en"),
            subscription("s-all", SubscriptionScope.ALL, null, "ja"));

    private List<StatusEvent> publishI1() {
        return StatusChanges.between(
                state(T0, List.of(), List.of()),
                state(T1, List.of(incident("i1").severity(Severity.SEV3).build()), List.of()));
    }

    @Test
    void incidentProductAndAllSubscribersAreEachNotifiedExactlyOnce() {
        List<Notification> out = notifications.forEvents(publishI1(), subscriptions, List.of());

        assertThat(out)
                .extracting(Notification::getSubscriptionId)
                .containsExactlyInAnyOrder("s-incident", "s-product", "s-all");
        assertThat(out).allSatisfy(n -> {
            assertThat(n.getAudience()).isEqualTo(Audience.SUBSCRIBER);
            assertThat(n.getIncidentId()).isEqualTo("i1");
        });
    }

    @Test
    void componentStatusChangesAloneNotifyNobody() {
        StatusEvent componentChange = publishI1().get(0);

        assertThat(notifications.forEvent(componentChange, subscriptions, List.of()))
                .isEmpty();
    }

    @Test
    void notificationsAreRenderedInTheSubscribersLanguage() {
        List<Notification> out = notifications.forEvents(publishI1(), subscriptions, List.of());

        assertThat(out)
                .filteredOn(n -> n.getSubscriptionId().equals("s-incident"))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.getLocale()).isEqualTo("en");
                    assertThat(n.getSubject()).isEqualTo("New incident: Degraded performance of Chat");
                    assertThat(n.getBody())
                            .startsWith("We are investigating degraded performance of Chat.")
                            .contains("Status: Investigating");
                });
        assertThat(out)
                .filteredOn(n -> n.getSubscriptionId().equals("s-product"))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.getLocale()).isEqualTo("de");
                    assertThat(n.getSubject()).isEqualTo("Neuer Vorfall: Eingeschränkte Leistung von Chat");
                    assertThat(n.getBody()).startsWith("Wir untersuchen eine eingeschränkte Leistung von Chat.");
                });
        assertThat(out)
                .filteredOn(n -> n.getSubscriptionId().equals("s-all"))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.getLocale()).isEqualTo("ja");
                    assertThat(n.getSubject()).isEqualTo("新しいインシデント：Chatのパフォーマンス低下");
                    assertThat(n.getBody()).startsWith("Chatのパフォーマンス低下を調査しています。");
                });
    }

    @Test
    void dedupKeyIsStableAcrossReplays() {
        List<Notification> first = notifications.forEvents(publishI1(), subscriptions, List.of());
        List<Notification> replay = notifications.forEvents(publishI1(), subscriptions, List.of());

        assertThat(first)
                .extracting(Notification::getDedupKey)
                .containsExactlyElementsOf(
                        replay.stream().map(Notification::getDedupKey).toList())
                .doesNotHaveDuplicates();
        assertThat(first)
                .extracting(Notification::getNotificationId)
                .containsExactlyElementsOf(
                        replay.stream().map(Notification::getNotificationId).toList());
        assertThat(first.get(0).getDedupKey())
                .isEqualTo(publishI1().get(1).getEventId() + ":" + first.get(0).getSubscriptionId());
    }

    @Test
    void resolvingNotifiesTheSameSubscribersWithNewDedupKeys() {
        PublicState open =
                state(T1, List.of(incident("i1").severity(Severity.SEV3).build()), List.of());
        PublicState resolved = state(
                T1.plusSeconds(60),
                List.of(incident("i1")
                        .severity(Severity.SEV3)
                        .status(PublicStatus.RESOLVED)
                        .resolvedAt(T1.plusSeconds(60))
                        .updatedAt(T1.plusSeconds(60))
                        .build()),
                List.of());

        List<Notification> published = notifications.forEvents(publishI1(), subscriptions, List.of());
        List<Notification> done =
                notifications.forEvents(StatusChanges.between(open, resolved), subscriptions, List.of());

        assertThat(done)
                .extracting(Notification::getSubscriptionId)
                .containsExactlyInAnyOrder("s-incident", "s-product", "s-all");
        assertThat(done)
                .extracting(Notification::getDedupKey)
                .doesNotContainAnyElementsOf(
                        published.stream().map(Notification::getDedupKey).toList());
        assertThat(done)
                .filteredOn(n -> n.getLocale().equals("de"))
                .singleElement()
                .satisfies(n -> assertThat(n.getBody()).startsWith("Dieser Vorfall wurde behoben."));
    }

    @Test
    void maintenanceNoticeGoesToProductAndAllSubscribersWithWindowAndReason() {
        MaintenanceWindow w = window(
                "w1",
                MaintenanceState.SCHEDULED,
                Instant.parse("2026-03-27T22:00:00Z"),
                Instant.parse("2026-03-28T04:00:00Z"),
                "chat");
        List<StatusEvent> events =
                StatusChanges.between(state(T0, List.of(), List.of()), state(T0, List.of(), List.of(w)));

        List<Notification> out = notifications.forEvents(events, subscriptions, List.of(w));

        assertThat(out).extracting(Notification::getSubscriptionId).containsExactlyInAnyOrder("s-product", "s-all");
        assertThat(out)
                .filteredOn(n -> n.getLocale().equals("de"))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.getSubject()).isEqualTo("Geplante Wartung: Database upgrade");
                    assertThat(n.getBody())
                            .contains("2026-03-27 22:00 UTC", "Grund: Security patches.", "Zeitfenster:");
                    assertThat(n.getMaintenanceId()).isEqualTo("w1");
                });
    }

    @Test
    void updateDueAndSlaBreachedBecomeOperationsReminders() {
        var contact = new Notifications.OperationsContact("noc", NotificationChannel.EMAIL, "noc@example.com", "en");
        IncidentEvent due = IncidentEvent.newBuilder()
                .setEventId("ev-1")
                .setIncidentId("i1")
                .setProduct("chat")
                .setType(IncidentEventType.UPDATE_DUE)
                .setAt(T0)
                .setSlaClock(SlaClock.NEXT_UPDATE)
                .setDeadline(T0.plus(Duration.ofHours(1)))
                .build();
        IncidentEvent breached = IncidentEvent.newBuilder(due)
                .setEventId("ev-2")
                .setType(IncidentEventType.SLA_BREACHED)
                .setSlaClock(SlaClock.RESTORE)
                .build();
        IncidentEvent other = IncidentEvent.newBuilder(due)
                .setEventId("ev-3")
                .setType(IncidentEventType.ACKNOWLEDGED)
                .build();

        assertThat(notifications.reminder(due, contact)).hasValueSatisfying(n -> {
            assertThat(n.getAudience()).isEqualTo(Audience.OPERATIONS);
            assertThat(n.getDedupKey()).isEqualTo("ev-1:ops:noc");
            assertThat(n.getSubject()).isEqualTo("Status update due: incident i1");
            assertThat(n.getBody())
                    .isEqualTo("Incident i1 on Chat needs a public status update by 2026-03-20 11:00 UTC.");
        });
        assertThat(notifications.reminder(breached, contact))
                .hasValueSatisfying(
                        n -> assertThat(n.getBody())
                                .isEqualTo(
                                        "Incident i1 on Chat: the service restoration deadline passed at 2026-03-20 11:00 UTC."));
        assertThat(notifications.reminder(other, contact)).isEmpty();
        assertThat(notifications.reminder(due, contact).orElseThrow().getDedupKey())
                .isEqualTo(notifications.reminder(due, contact).orElseThrow().getDedupKey());
    }
}
