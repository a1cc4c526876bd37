package dev.tocsin.publisher.domain;

import static dev.tocsin.publisher.domain.TestData.CATALOG;
import static dev.tocsin.publisher.domain.TestData.T0;
import static dev.tocsin.publisher.domain.TestData.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Weekday;
import dev.tocsin.avro.WeeklyRecurrence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceRemindersTest {

    private final MaintenanceReminders reminders = new MaintenanceReminders(CATALOG, Duration.ofDays(1));

    @Test
    void oneOffWindowIsRemindedOnceTheLeadBegins() {
        Instant start = T0.plus(Duration.ofDays(3));
        MaintenanceWindow window =
                window("w1", MaintenanceState.SCHEDULED, start, start.plus(Duration.ofHours(2)), "chat");

        assertThat(reminders.due(
                        List.of(window), start.minus(Duration.ofDays(1)).minusSeconds(1)))
                .isEmpty();
        assertThat(reminders.due(List.of(window), start.minus(Duration.ofHours(23))))
                .containsExactly(window);
        assertThat(reminders.due(List.of(window), start)).isEmpty();
    }

    @Test
    void recurringWindowIsRemindedBeforeEachOccurrenceUnderItsOwnKey() {
        // T0 is Friday 2026-03-20; every Sunday 02:30 UTC for one hour
        MaintenanceWindow weekly = MaintenanceWindow.newBuilder(window(
                        "w1",
                        MaintenanceState.SCHEDULED,
                        T0.minus(Duration.ofDays(30)),
                        T0.plus(Duration.ofDays(365)),
                        "chat"))
                .setUpdatedAt(T0.minus(Duration.ofDays(30)))
                .setRecurrence(new WeeklyRecurrence(List.of(Weekday.SUNDAY), "02:30", 60, "UTC"))
                .build();
        Instant beforeThisSunday = Instant.parse("2026-03-21T12:00:00Z");
        Instant beforeNextSunday = Instant.parse("2026-03-28T12:00:00Z");

        assertThat(reminders.due(List.of(weekly), T0)).isEmpty();
        assertThat(reminders.due(List.of(weekly), beforeThisSunday)).containsExactly(weekly);
        assertThat(reminders.due(List.of(weekly), beforeNextSunday)).containsExactly(weekly);
        assertThat(MaintenanceReminders.reminderKey(weekly, beforeThisSunday))
                .isNotEqualTo(MaintenanceReminders.reminderKey(weekly, beforeNextSunday));
    }
}
