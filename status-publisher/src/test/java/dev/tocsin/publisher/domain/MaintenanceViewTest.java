package dev.tocsin.publisher.domain;

import static dev.tocsin.publisher.domain.TestData.CATALOG;
import static dev.tocsin.publisher.domain.TestData.T0;
import static dev.tocsin.publisher.domain.TestData.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Weekday;
import dev.tocsin.avro.WeeklyRecurrence;
import dev.tocsin.schemas.rules.MaintenanceSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceViewTest {

    private static final Instant START = T0.plus(Duration.ofDays(7));
    private static final Instant END = START.plus(Duration.ofHours(6));

    @Test
    void scheduledWindowStartsAndCompletesWithTheClock() {
        var w = window("w1", MaintenanceState.SCHEDULED, START, END, "chat");

        assertThat(MaintenanceSchedule.effectiveState(w, START.minusMillis(1))).isEqualTo(MaintenanceState.SCHEDULED);
        assertThat(MaintenanceSchedule.effectiveState(w, START)).isEqualTo(MaintenanceState.IN_PROGRESS);
        assertThat(MaintenanceSchedule.effectiveState(w, END)).isEqualTo(MaintenanceState.COMPLETED);
    }

    @Test
    void operatorStatesAreShownAsSetWhileTheyHoldTheOccurrence() {
        var verifying = MaintenanceWindow.newBuilder(window("w", MaintenanceState.VERIFYING, START, END, "chat"))
                .setUpdatedAt(START.plusSeconds(60))
                .build();
        assertThat(MaintenanceSchedule.effectiveState(verifying, END.plusSeconds(60)))
                .isEqualTo(MaintenanceState.VERIFYING);
        assertThat(MaintenanceSchedule.effectiveState(
                        window("w", MaintenanceState.CANCELLED, START, END, "chat"), START))
                .isEqualTo(MaintenanceState.CANCELLED);
    }

    @Test
    void pageShowsMaintenanceExactlyWhileTheCorrelatorSuppressesForAWindowLeftInProgressPastItsEnd() {
        // the operator started the window during its occurrence and forgot to complete it
        MaintenanceWindow forgotten = MaintenanceWindow.newBuilder(
                        window("w1", MaintenanceState.IN_PROGRESS, START, END, "chat"))
                .setUpdatedAt(START.plusSeconds(60))
                .build();
        Instant limit = END.plus(MaintenanceSchedule.DEFAULT_MAX_OVERRUN);

        for (Instant now : new Instant[] {START, END, limit.minusSeconds(1), limit, limit.plus(Duration.ofDays(3))}) {
            boolean correlatorSuppresses = MaintenanceSchedule.covers(forgotten, "chat", now);
            ComponentStatus shown = ComponentStatuses.compute(CATALOG, List.of(), List.of(forgotten), now)
                    .get("chat");
            PublicMaintenance view = MaintenanceView.view(forgotten, CATALOG, Messages.english(), now);
            assertThat(shown == ComponentStatus.UNDER_MAINTENANCE)
                    .as("component at %s", now)
                    .isEqualTo(correlatorSuppresses);
            assertThat(view.active()).as("maintenance listed active at %s", now).isEqualTo(correlatorSuppresses);
        }
        assertThat(MaintenanceSchedule.covers(forgotten, "chat", limit.minusSeconds(1)))
                .isTrue();
        assertThat(MaintenanceView.view(forgotten, CATALOG, Messages.english(), limit)
                        .state())
                .isEqualTo(MaintenanceState.COMPLETED);
    }

    @Test
    void recurringWindowShowsItsNextOccurrenceBetweenOccurrences() {
        // Sundays 02:30 Berlin time; T0 + 7 days is a weekday between two Sundays
        MaintenanceWindow weekly = MaintenanceWindow.newBuilder(window(
                        "w2",
                        MaintenanceState.SCHEDULED,
                        T0.minus(Duration.ofDays(60)),
                        T0.plus(Duration.ofDays(365)),
                        "chat"))
                .setRecurrence(new WeeklyRecurrence(List.of(Weekday.SUNDAY), "02:30", 120, "Europe/Berlin"))
                .build();
        Instant now = T0.plus(Duration.ofDays(7));
        MaintenanceSchedule.Occurrence next =
                MaintenanceSchedule.nextAfter(weekly, now).orElseThrow();

        PublicMaintenance view = MaintenanceView.view(weekly, CATALOG, Messages.english(), now);

        assertThat(view.upcoming()).isTrue();
        assertThat(view.scheduledFor()).isEqualTo(next.start());
        assertThat(view.scheduledUntil()).isEqualTo(next.end());
        assertThat(next.start().atZone(java.time.ZoneId.of("Europe/Berlin")).getDayOfWeek())
                .isEqualTo(java.time.DayOfWeek.SUNDAY);
        assertThat(MaintenanceView.view(weekly, CATALOG, Messages.english(), next.start())
                        .active())
                .isTrue();
    }

    @Test
    void noticeCarriesWindowComponentsDescriptionAndReason() {
        var w = window(
                "w1",
                MaintenanceState.SCHEDULED,
                Instant.parse("2026-03-20T22:00:00Z"),
                Instant.parse("2026-03-21T04:00:00Z"),
                "chat",
                "meet");

        PublicMaintenance view = MaintenanceView.view(w, CATALOG, Messages.english(), T0);

        assertThat(view.state()).isEqualTo(MaintenanceState.SCHEDULED);
        assertThat(view.upcoming()).isTrue();
        assertThat(view.body())
                .isEqualTo("Maintenance of Chat, Meet is scheduled from 2026-03-20 22:00 UTC to "
                        + "2026-03-21 04:00 UTC.\nShort read-only period.\nReason: Security patches.");
    }

    @Test
    void noticeIsLocalizedInGermanAndJapanese() {
        var w = window("w1", MaintenanceState.IN_PROGRESS, START, END, "chat", "meet");

        assertThat(MaintenanceView.view(w, CATALOG, Messages.forLanguage("de"), START)
                        .body())
                .startsWith("Die geplante Wartung von Chat, Meet läuft gerade.")
                .contains("Grund: Security patches.");
        assertThat(MaintenanceView.view(w, CATALOG, Messages.forLanguage("ja"), START)
                        .body())
                .startsWith("Chat、Meetの定期メンテナンスを実施中です。")
                .contains("理由：Security patches.");
    }
}
