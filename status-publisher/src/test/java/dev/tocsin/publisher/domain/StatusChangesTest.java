package dev.tocsin.publisher.domain;

import static dev.tocsin.publisher.domain.TestData.T0;
import static dev.tocsin.publisher.domain.TestData.incident;
import static dev.tocsin.publisher.domain.TestData.state;
import static dev.tocsin.publisher.domain.TestData.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.StatusEventType;
import dev.tocsin.avro.Weekday;
import dev.tocsin.avro.WeeklyRecurrence;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusChangesTest {

    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);

    @Test
    void publishingAnIncidentEmitsOneComponentChangeAndOnePublished() {
        PublicState before = state(T0, List.of(), List.of());
        PublicState after =
                state(T1, List.of(incident("i1").severity(Severity.SEV3).build()), List.of());

        List<StatusEvent> events = StatusChanges.between(before, after);

        assertThat(events)
                .extracting(
                        StatusEvent::getType,
                        StatusEvent::getComponent,
                        StatusEvent::getPreviousComponentStatus,
                        StatusEvent::getComponentStatus)
                .containsExactly(
                        tuple(
                                StatusEventType.COMPONENT_STATUS_CHANGED,
                                "chat",
                                ComponentStatus.OPERATIONAL,
                                ComponentStatus.DEGRADED_PERFORMANCE),
                        tuple(StatusEventType.INCIDENT_PUBLISHED, "chat", null, ComponentStatus.DEGRADED_PERFORMANCE));
        assertThat(events.get(1).getBody())
                .as("automatic text is rendered per subscriber")
                .isNull();
    }

    @Test
    void noEventForANoOp() {
        List<Incident> incidents =
                List.of(incident("i1").severity(Severity.SEV2).build());
        List<MaintenanceWindow> windows = List.of(window(
                "w1", MaintenanceState.SCHEDULED, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), "mail"));

        assertThat(StatusChanges.between(state(T0, incidents, windows), state(T1, incidents, windows)))
                .isEmpty();
    }

    @Test
    void singleCustomerIncidentEmitsNothing() {
        PublicState before = state(T0, List.of(), List.of());
        PublicState after = state(
                T1,
                List.of(incident("i1")
                        .severity(Severity.SEV1)
                        .scope(Scope.SINGLE_CUSTOMER)
                        .build()),
                List.of());

        assertThat(StatusChanges.between(before, after)).isEmpty();
    }

    @Test
    void severityChangeEmitsOneComponentChangeAndOneUpdate() {
        PublicState before =
                state(T0, List.of(incident("i1").severity(Severity.SEV3).build()), List.of());
        PublicState after = state(
                T1, List.of(incident("i1").severity(Severity.SEV1).updatedAt(T1).build()), List.of());

        assertThat(StatusChanges.between(before, after))
                .extracting(StatusEvent::getType, StatusEvent::getComponentStatus)
                .containsExactly(
                        tuple(StatusEventType.COMPONENT_STATUS_CHANGED, ComponentStatus.MAJOR_OUTAGE),
                        tuple(StatusEventType.INCIDENT_UPDATED, ComponentStatus.MAJOR_OUTAGE));
    }

    @Test
    void newPublicMessageEmitsOneUpdateAndNoComponentChange() {
        Incident first = incident("i1")
                .publicMessage(T0, IncidentEventType.PUBLISHED, "Looking into it.")
                .build();
        Incident second = incident("i1")
                .updatedAt(T1)
                .publicMessage(T0, IncidentEventType.PUBLISHED, "Looking into it.")
                .publicMessage(T1, IncidentEventType.UPDATE_POSTED, "Fix deployed.")
                .build();

        List<StatusEvent> events =
                StatusChanges.between(state(T0, List.of(first), List.of()), state(T1, List.of(second), List.of()));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(StatusEventType.INCIDENT_UPDATED);
            assertThat(e.getBody()).isEqualTo("Fix deployed.");
        });
    }

    @Test
    void resolvingEmitsOneResolvedAndComponentBackToOperational() {
        PublicState before =
                state(T0, List.of(incident("i1").severity(Severity.SEV2).build()), List.of());
        PublicState after = state(
                T1,
                List.of(incident("i1")
                        .severity(Severity.SEV2)
                        .status(PublicStatus.RESOLVED)
                        .resolvedAt(T1)
                        .updatedAt(T1)
                        .build()),
                List.of());

        assertThat(StatusChanges.between(before, after))
                .extracting(StatusEvent::getType, StatusEvent::getComponentStatus)
                .containsExactly(
                        tuple(StatusEventType.COMPONENT_STATUS_CHANGED, ComponentStatus.OPERATIONAL),
                        tuple(StatusEventType.INCIDENT_RESOLVED, ComponentStatus.OPERATIONAL));
    }

    @Test
    void maintenanceLifecycleEmitsOneEventPerStep() {
        Instant start = T0.plus(Duration.ofHours(1));
        Instant end = start.plus(Duration.ofHours(2));
        PublicState none = state(T0, List.of(), List.of());
        PublicState scheduled =
                state(T0, List.of(), List.of(window("w1", MaintenanceState.SCHEDULED, start, end, "meet")));
        PublicState started =
                state(start, List.of(), List.of(window("w1", MaintenanceState.SCHEDULED, start, end, "meet")));
        PublicState verifying = state(
                start.plusSeconds(60),
                List.of(),
                List.of(window("w1", MaintenanceState.VERIFYING, start, end, "meet")));
        PublicState completed = state(
                start.plusSeconds(120),
                List.of(),
                List.of(window("w1", MaintenanceState.COMPLETED, start, end, "meet")));

        assertThat(StatusChanges.between(none, scheduled))
                .extracting(StatusEvent::getType)
                .containsExactly(StatusEventType.MAINTENANCE_SCHEDULED);
        assertThat(StatusChanges.between(scheduled, started))
                .extracting(StatusEvent::getType)
                .containsExactly(StatusEventType.COMPONENT_STATUS_CHANGED, StatusEventType.MAINTENANCE_STARTED);
        assertThat(StatusChanges.between(started, verifying))
                .as("verifying is no new announcement")
                .isEmpty();
        assertThat(StatusChanges.between(verifying, completed))
                .extracting(StatusEvent::getType)
                .containsExactly(StatusEventType.COMPONENT_STATUS_CHANGED, StatusEventType.MAINTENANCE_COMPLETED);
    }

    @Test
    void eachOccurrenceOfARecurringWindowStartsAndCompletesWhileTheSeriesStaysScheduled() {
        // every day at T0 + 1 h (UTC) for one hour
        Instant first = T0.plus(Duration.ofHours(1));
        MaintenanceWindow daily = MaintenanceWindow.newBuilder(
                        window("w1", MaintenanceState.SCHEDULED, first, first.plus(Duration.ofDays(30)), "meet"))
                .setRecurrence(new WeeklyRecurrence(
                        List.of(Weekday.values()),
                        first.atZone(ZoneOffset.UTC).toLocalTime().toString(),
                        60,
                        "UTC"))
                .build();
        PublicState before = state(T0, List.of(), List.of(daily));
        PublicState during = state(first.plusSeconds(60), List.of(), List.of(daily));
        PublicState after = state(first.plus(Duration.ofMinutes(61)), List.of(), List.of(daily));
        PublicState nextDay = state(first.plus(Duration.ofDays(1)), List.of(), List.of(daily));

        assertThat(StatusChanges.between(before, during))
                .extracting(StatusEvent::getType)
                .contains(StatusEventType.MAINTENANCE_STARTED);
        List<StatusEvent> ended = StatusChanges.between(during, after);
        assertThat(ended)
                .filteredOn(e -> e.getMaintenanceId() != null)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getType()).isEqualTo(StatusEventType.MAINTENANCE_COMPLETED);
                    assertThat(e.getMaintenanceState()).isEqualTo(MaintenanceState.COMPLETED);
                });
        assertThat(after.maintenances())
                .singleElement()
                .satisfies(m -> assertThat(m.upcoming()).isTrue());
        List<StatusEvent> startedAgain = StatusChanges.between(after, nextDay);
        assertThat(startedAgain).extracting(StatusEvent::getType).contains(StatusEventType.MAINTENANCE_STARTED);
        assertThat(startedAgain)
                .extracting(StatusEvent::getEventId)
                .doesNotContainAnyElementsOf(StatusChanges.between(before, during).stream()
                        .map(StatusEvent::getEventId)
                        .toList());
    }

    @Test
    void cancellingAScheduledMaintenanceEmitsOneCancelled() {
        Instant start = T0.plus(Duration.ofDays(1));
        PublicState scheduled = state(
                T0,
                List.of(),
                List.of(window("w1", MaintenanceState.SCHEDULED, start, start.plusSeconds(3600), "meet")));
        PublicState cancelled = state(
                T1,
                List.of(),
                List.of(window("w1", MaintenanceState.CANCELLED, start, start.plusSeconds(3600), "meet")));

        assertThat(StatusChanges.between(scheduled, cancelled)).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(StatusEventType.MAINTENANCE_CANCELLED);
            assertThat(e.getAffectedComponents()).containsExactly("meet");
        });
    }

    @Test
    void eventIdsAreStableAcrossReplays() {
        PublicState before = state(T0, List.of(), List.of());
        PublicState after = state(T1, List.of(incident("i1").build()), List.of());

        assertThat(StatusChanges.between(before, after))
                .extracting(StatusEvent::getEventId)
                .isEqualTo(StatusChanges.between(before, after).stream()
                        .map(StatusEvent::getEventId)
                        .toList())
                .doesNotHaveDuplicates();
    }

    @Test
    void sameIncidentStepAtALaterTimeGetsANewEventId() {
        PublicState empty = state(T0, List.of(), List.of());
        Incident sev3 = incident("i1").severity(Severity.SEV3).build();
        Incident sev2 = incident("i1").severity(Severity.SEV2).updatedAt(T1).build();
        Incident sev3Again =
                incident("i1").severity(Severity.SEV3).updatedAt(T2).build();

        String firstUpdate = StatusChanges.between(
                        state(T0, List.of(sev3), List.of()), state(T1, List.of(sev2), List.of()))
                .get(1)
                .getEventId();
        String secondUpdate = StatusChanges.between(
                        state(T1, List.of(sev2), List.of()), state(T2, List.of(sev3Again), List.of()))
                .get(1)
                .getEventId();
        String published = StatusChanges.between(empty, state(T0, List.of(sev3), List.of()))
                .get(1)
                .getEventId();

        assertThat(List.of(published, firstUpdate, secondUpdate)).doesNotHaveDuplicates();
    }
}
