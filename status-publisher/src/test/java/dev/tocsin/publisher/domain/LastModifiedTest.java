package dev.tocsin.publisher.domain;

import static dev.tocsin.publisher.domain.TestData.T0;
import static dev.tocsin.publisher.domain.TestData.incident;
import static dev.tocsin.publisher.domain.TestData.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Weekday;
import dev.tocsin.avro.WeeklyRecurrence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LastModifiedTest {

    private static final Duration PAST = Duration.ofDays(14);
    private static final Instant FALLBACK = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void newestIncidentOrWindowChangeIsTheLastModification() {
        var incident = incident("i1").updatedAt(T0.plusSeconds(60)).build();
        var window = window(
                "w1", MaintenanceState.SCHEDULED, T0.plus(Duration.ofDays(3)), T0.plus(Duration.ofDays(4)), "chat");

        assertThat(LastModified.of(List.of(incident), List.of(window), T0.plusSeconds(600), PAST, FALLBACK))
                .isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void windowStartingOnItsOwnIsAChangeOnceTheClockPassesIt() {
        Instant start = T0.plusSeconds(300);
        var window = window("w1", MaintenanceState.SCHEDULED, start, start.plusSeconds(3600), "chat");

        assertThat(LastModified.of(List.of(), List.of(window), start.minusSeconds(1), PAST, FALLBACK))
                .isEqualTo(T0);
        assertThat(LastModified.of(List.of(), List.of(window), start.plusSeconds(1), PAST, FALLBACK))
                .isEqualTo(start);
    }

    @Test
    void resolvedIncidentLeavingThePastListIsAChange() {
        var resolved = incident("i1")
                .status(PublicStatus.RESOLVED)
                .resolvedAt(T0)
                .updatedAt(T0)
                .build();

        assertThat(LastModified.of(List.of(resolved), List.of(), T0.plus(Duration.ofDays(20)), PAST, FALLBACK))
                .isEqualTo(T0.plus(PAST));
    }

    @Test
    void emptyPageFallsBack() {
        assertThat(LastModified.of(List.of(), List.of(), T0, PAST, FALLBACK)).isEqualTo(FALLBACK);
    }

    @Test
    void nextClockChangeIsTheFirstWindowEdgeOrPastListExitAfterNow() {
        Instant start = T0.plusSeconds(300);
        var window = window("w1", MaintenanceState.SCHEDULED, start, start.plusSeconds(3600), "chat");
        var resolved = incident("i1")
                .status(PublicStatus.RESOLVED)
                .resolvedAt(T0)
                .updatedAt(T0)
                .build();

        assertThat(LastModified.next(List.of(resolved), List.of(window), T0, PAST))
                .isEqualTo(start);
        assertThat(LastModified.next(List.of(resolved), List.of(window), start, PAST))
                .isEqualTo(start.plusSeconds(3600));
        assertThat(LastModified.next(List.of(resolved), List.of(window), start.plusSeconds(3600), PAST))
                .isEqualTo(T0.plus(PAST));
        assertThat(LastModified.next(List.of(resolved), List.of(), T0.plus(PAST), PAST))
                .isNull();
    }

    @Test
    void recurringWindowChangesAtEachOccurrenceEdge() {
        // T0 is Friday 2026-03-20; every Sunday 02:30 UTC for one hour
        var weekly = MaintenanceWindow.newBuilder(window(
                        "w1",
                        MaintenanceState.SCHEDULED,
                        T0.minus(Duration.ofDays(30)),
                        T0.plus(Duration.ofDays(365)),
                        "chat"))
                .setRecurrence(new WeeklyRecurrence(List.of(Weekday.SUNDAY), "02:30", 60, "UTC"))
                .build();
        Instant lastEnd = Instant.parse("2026-03-15T03:30:00Z");
        Instant nextStart = Instant.parse("2026-03-22T02:30:00Z");

        assertThat(LastModified.of(List.of(), List.of(weekly), T0.plusSeconds(60), PAST, FALLBACK))
                .isEqualTo(T0);
        assertThat(LastModified.of(List.of(), List.of(weekly), lastEnd.plusSeconds(60), PAST, FALLBACK))
                .isEqualTo(lastEnd);
        assertThat(LastModified.next(List.of(), List.of(weekly), T0, PAST)).isEqualTo(nextStart);
        assertThat(LastModified.next(List.of(), List.of(weekly), nextStart, PAST))
                .isEqualTo(nextStart.plusSeconds(3600));
    }
}
