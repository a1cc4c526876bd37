package dev.tocsin.publisher.domain;

import static dev.tocsin.publisher.domain.TestData.CATALOG;
import static dev.tocsin.publisher.domain.TestData.T0;
import static dev.tocsin.publisher.domain.TestData.incident;
import static dev.tocsin.publisher.domain.TestData.state;
import static dev.tocsin.publisher.domain.TestData.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.SlaDeadlines;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.StatusEventType;
import dev.tocsin.avro.SubscriptionScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SLA update cadence in public: the next update's deadline travels from the correlator's snapshot to page and notifications. */
class UpdateCadenceTest {

    private static final Instant DUE = Instant.parse("2026-03-20T14:00:00Z");

    private static Incident withDeadlines(PublicStatus status) {
        return incident("i1")
                .status(status)
                .raw()
                .setSla(SlaDeadlines.newBuilder()
                        .setFirstResponseDue(T0.plusSeconds(900))
                        .setNextUpdateDue(DUE)
                        .setRestoreDue(T0.plusSeconds(7200))
                        .build())
                .build();
    }

    @Test
    void publisherCopyKeepsTheNextUpdateDeadlineAndNoOtherSlaClock() {
        Incident copy = IncidentCopy.project(withDeadlines(PublicStatus.INVESTIGATING));

        assertThat(copy.getSla().getNextUpdateDue()).isEqualTo(DUE);
        assertThat(copy.getSla().getFirstResponseDue()).isNull();
        assertThat(copy.getSla().getRestoreDue()).isNull();
        assertThat(copy.getSla().getRcaDue()).isNull();
    }

    @Test
    void activePublicIncidentCarriesItsNextUpdateDeadlineAndAResolvedOneNone() {
        PublicIncident active = PublicIncidents.view(
                        withDeadlines(PublicStatus.IDENTIFIED), CATALOG, Messages.english())
                .orElseThrow();
        PublicIncident resolved = PublicIncidents.view(
                        withDeadlines(PublicStatus.RESOLVED), CATALOG, Messages.english())
                .orElseThrow();

        assertThat(active.nextUpdateDue()).isEqualTo(DUE);
        assertThat(active.updateOverdue(DUE.minusSeconds(1))).isFalse();
        assertThat(active.updateOverdue(DUE.plusSeconds(1))).isTrue();
        assertThat(resolved.nextUpdateDue()).isNull();
    }

    @Test
    void notificationOfAnActiveIncidentSaysWhenTheNextUpdateIsDueInTheSubscribersLanguage() {
        List<StatusEvent> events = StatusChanges.between(
                state(T0, List.of(), List.of()),
                state(T0.plusSeconds(60), List.of(withDeadlines(PublicStatus.INVESTIGATING)), List.of()));
        StatusEvent published = events.stream()
                .filter(e -> e.getType() == StatusEventType.INCIDENT_PUBLISHED)
                .findFirst()
                .orElseThrow();
        assertThat(published.getNextUpdateDue()).isEqualTo(DUE);

        List<Notification> out = new Notifications(CATALOG)
                .forEvent(
                        published,
                        List.of(
                                subscription("s-en", SubscriptionScope.ALL, null, "en"),
                                subscription("s-de", SubscriptionScope.ALL, null, "de"),
                                subscription("s-ja", SubscriptionScope.ALL, null, "ja")),
                        List.of());

        // in subscription id order: s-de, s-en, s-ja
        assertThat(out)
                .extracting(Notification::getBody)
                .satisfiesExactly(
                        de -> assertThat(de).endsWith("Nächste Aktualisierung bis 2026-03-20 14:00 UTC"),
                        en -> assertThat(en).endsWith("Next update by 2026-03-20 14:00 UTC"),
                        ja -> assertThat(ja).contains("次回の更新予定：").contains("2026-03-20 14:00"));
    }

    @Test
    void notificationOfAResolvedIncidentNamesNoNextUpdate() {
        Incident open = withDeadlines(PublicStatus.INVESTIGATING);
        Incident resolved = Incident.newBuilder(withDeadlines(PublicStatus.RESOLVED))
                .setResolvedAt(T0.plusSeconds(120))
                .setUpdatedAt(T0.plusSeconds(120))
                .build();
        StatusEvent event = StatusChanges.between(
                        state(T0, List.of(open), List.of()), state(T0.plusSeconds(120), List.of(resolved), List.of()))
                .stream()
                .filter(e -> e.getType() == StatusEventType.INCIDENT_RESOLVED)
                .findFirst()
                .orElseThrow();

        assertThat(event.getNextUpdateDue()).isNull();
        assertThat(new Notifications(CATALOG)
                        .forEvent(event, List.of(subscription("s", SubscriptionScope.ALL, null, "en")), List.of()))
                .singleElement()
                .satisfies(n -> assertThat(n.getBody()).doesNotContain("Next update"));
    }

    @Test
    void pageChangesWhenTheNextUpdateFallsDue() {
        Instant before = DUE.minus(Duration.ofMinutes(5));

        assertThat(LastModified.next(
                        List.of(withDeadlines(PublicStatus.INVESTIGATING)), List.of(), before, Duration.ofDays(14)))
                .isEqualTo(DUE);
    }
}
