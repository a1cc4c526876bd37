package dev.tocsin.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Weekday;
import dev.tocsin.avro.WeeklyRecurrence;
import dev.tocsin.schemas.rules.MaintenanceSchedule.Occurrence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaintenanceScheduleTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant END = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration LIMIT = MaintenanceSchedule.DEFAULT_MAX_OVERRUN;

    /** Europe/Berlin, every Sunday 02:30 local for two hours, for the whole of 2026. */
    private static MaintenanceWindow berlinSundayNights() {
        return recurring(
                MaintenanceState.SCHEDULED,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"),
                Instant.parse("2025-12-01T00:00:00Z"),
                new WeeklyRecurrence(List.of(Weekday.SUNDAY), "02:30", 120, "Europe/Berlin"));
    }

    @ParameterizedTest(name = "{0}: occurrence {1} .. {2}")
    @CsvSource({
        // winter time: 02:30 CET = 01:30Z
        "2026-03-22T01:30:00Z, 2026-03-22T01:30:00Z, 2026-03-22T03:30:00Z",
        // spring forward: 02:30 does not exist, moved forward by the gap to 03:30 CEST = 01:30Z
        "2026-03-29T02:00:00Z, 2026-03-29T01:30:00Z, 2026-03-29T03:30:00Z",
        // summer time: 02:30 CEST = 00:30Z
        "2026-04-05T00:30:00Z, 2026-04-05T00:30:00Z, 2026-04-05T02:30:00Z",
        // fall back: the first 02:30 (CEST = 00:30Z) starts it, lasting two real hours
        "2026-10-25T00:30:00Z, 2026-10-25T00:30:00Z, 2026-10-25T02:30:00Z",
        // the repeated 02:30 (CET = 01:30Z) is inside that occurrence, not a second start
        "2026-10-25T01:30:00Z, 2026-10-25T00:30:00Z, 2026-10-25T02:30:00Z",
        // winter time again
        "2026-11-01T03:29:59Z, 2026-11-01T01:30:00Z, 2026-11-01T03:30:00Z",
    })
    void weeklyOccurrenceFollowsLocalTimeAcrossDaylightSavingChanges(Instant t, Instant start, Instant end) {
        MaintenanceWindow window = berlinSundayNights();
        assertThat(MaintenanceSchedule.scheduledAt(window, t)).contains(new Occurrence(start, end));
        assertThat(MaintenanceSchedule.covers(window, "chat", t)).isTrue();
    }

    @ParameterizedTest(name = "{0} is not covered")
    @CsvSource({
        "2026-03-22T01:29:59Z",
        "2026-03-22T03:30:00Z",
        "2026-03-28T01:30:00Z",
        // on the spring-forward night nothing runs at 00:30Z (would be 02:30 summer time)
        "2026-03-29T00:30:00Z",
        "2026-10-25T02:30:00Z",
        "2026-10-25T00:29:59Z",
        "2026-10-24T00:30:00Z",
    })
    void outsideEveryOccurrenceNothingIsCovered(Instant t) {
        assertThat(MaintenanceSchedule.covers(berlinSundayNights(), "chat", t)).isFalse();
        assertThat(MaintenanceSchedule.effectiveState(berlinSundayNights(), t)).isEqualTo(MaintenanceState.SCHEDULED);
    }

    @ParameterizedTest(name = "next after {0} starts {1}")
    @CsvSource({
        "2026-03-22T03:30:00Z, 2026-03-29T01:30:00Z",
        "2026-03-29T01:30:00Z, 2026-04-05T00:30:00Z",
        "2026-10-25T00:30:00Z, 2026-11-01T01:30:00Z",
        // before the series: its first Sunday
        "2025-06-01T00:00:00Z, 2026-01-04T01:30:00Z",
    })
    void nextOccurrenceIsTheFirstStartAfterT(Instant t, Instant next) {
        assertThat(MaintenanceSchedule.nextAfter(berlinSundayNights(), t))
                .map(Occurrence::start)
                .contains(next);
    }

    @Test
    void seriesBoundsLimitTheOccurrences() {
        MaintenanceWindow window = berlinSundayNights();
        assertThat(MaintenanceSchedule.nextAfter(window, Instant.parse("2026-12-27T03:00:00Z")))
                .isEmpty();
        assertThat(MaintenanceSchedule.effectiveState(window, Instant.parse("2026-12-27T03:30:00Z")))
                .isEqualTo(MaintenanceState.COMPLETED);
        assertThat(MaintenanceSchedule.covers(window, "chat", Instant.parse("2027-01-03T01:30:00Z")))
                .isFalse();
        assertThat(MaintenanceSchedule.latestStartedAtOrBefore(window, Instant.parse("2027-02-01T00:00:00Z")))
                .map(Occurrence::start)
                .contains(Instant.parse("2026-12-27T01:30:00Z"));
    }

    @Test
    void severalDaysAWeekEachStartAnOccurrence() {
        MaintenanceWindow window = recurring(
                MaintenanceState.SCHEDULED,
                START,
                START.plus(Duration.ofDays(30)),
                START,
                new WeeklyRecurrence(List.of(Weekday.TUESDAY, Weekday.FRIDAY), "22:00", 360, "UTC"));
        // 2026-03-03 is a Tuesday; the occurrence runs over midnight
        assertThat(MaintenanceSchedule.covers(window, "chat", Instant.parse("2026-03-04T03:59:00Z")))
                .isTrue();
        assertThat(MaintenanceSchedule.covers(window, "chat", Instant.parse("2026-03-04T04:00:00Z")))
                .isFalse();
        assertThat(MaintenanceSchedule.nextAfter(window, Instant.parse("2026-03-04T04:00:00Z")))
                .map(Occurrence::start)
                .contains(Instant.parse("2026-03-06T22:00:00Z"));
    }

    @ParameterizedTest(name = "{0} at {1}: covers={2}, shown as {3}")
    @CsvSource({
        // the schedule alone
        "SCHEDULED,   2026-03-01T09:59:59Z, false, SCHEDULED",
        "SCHEDULED,   2026-03-01T10:00:00Z, true,  IN_PROGRESS",
        "SCHEDULED,   2026-03-01T12:00:00Z, false, COMPLETED",
        // the operator's state holds the occurrence past its end, up to the overrun limit (4 h)
        "IN_PROGRESS, 2026-03-01T13:00:00Z, true,  IN_PROGRESS",
        "VERIFYING,   2026-03-01T15:59:59Z, true,  VERIFYING",
        "IN_PROGRESS, 2026-03-01T16:00:00Z, false, COMPLETED",
        "VERIFYING,   2026-03-02T10:00:00Z, false, COMPLETED",
        // final states never cover, not even inside the schedule
        "COMPLETED,   2026-03-01T11:00:00Z, false, COMPLETED",
        "CANCELLED,   2026-03-01T11:00:00Z, false, CANCELLED",
    })
    void oneOffWindowCoverageAndStateAreOneAnswer(
            MaintenanceState state, Instant t, boolean covers, MaintenanceState shown) {
        MaintenanceWindow window = oneOff(state, Instant.parse("2026-03-01T10:30:00Z"));
        assertThat(MaintenanceSchedule.covers(window, "chat", t)).isEqualTo(covers);
        assertThat(MaintenanceSchedule.effectiveState(window, t)).isEqualTo(shown);
    }

    @Test
    void operatorStartingEarlyWithinTheLimitStartsTheOccurrenceThen() {
        MaintenanceWindow early = oneOff(MaintenanceState.IN_PROGRESS, START.minus(Duration.ofHours(1)));
        assertThat(MaintenanceSchedule.covers(early, "chat", START.minus(Duration.ofMinutes(30))))
                .isTrue();
        assertThat(MaintenanceSchedule.covers(early, "chat", START.minus(Duration.ofMinutes(90))))
                .isFalse();

        MaintenanceWindow tooEarly =
                oneOff(MaintenanceState.IN_PROGRESS, START.minus(LIMIT).minusSeconds(1));
        assertThat(MaintenanceSchedule.covers(tooEarly, "chat", START.minusSeconds(1)))
                .isFalse();
        assertThat(MaintenanceSchedule.effectiveState(tooEarly, START.minusSeconds(1)))
                .isEqualTo(MaintenanceState.SCHEDULED);
        assertThat(MaintenanceSchedule.covers(tooEarly, "chat", START)).isTrue();
    }

    @Test
    void editingAForgottenWindowDoesNotExtendItsHold() {
        MaintenanceWindow edited = oneOff(MaintenanceState.IN_PROGRESS, END.plus(Duration.ofHours(10)));
        assertThat(MaintenanceSchedule.covers(edited, "chat", END.plus(Duration.ofHours(11))))
                .isFalse();
    }

    @Test
    void theHoldFollowsWhenTheStateWasSetNotTheLastEdit() {
        // set IN_PROGRESS during Sunday's occurrence, text edited on Saturday night before the next one
        MaintenanceWindow edited = MaintenanceWindow.newBuilder(berlinSundayNights())
                .setState(MaintenanceState.IN_PROGRESS)
                .setStateSince(Instant.parse("2026-03-22T02:00:00Z"))
                .setUpdatedAt(Instant.parse("2026-03-28T23:00:00Z"))
                .build();
        assertThat(MaintenanceSchedule.covers(edited, "chat", Instant.parse("2026-03-29T00:00:00Z")))
                .as("no early start of the next occurrence")
                .isFalse();
        assertThat(MaintenanceSchedule.hold(edited))
                .map(h -> h.occurrence().start())
                .contains(Instant.parse("2026-03-22T01:30:00Z"));
    }

    @Test
    void aWindowsOwnOverrunLimitReplacesTheDefault() {
        MaintenanceWindow window = MaintenanceWindow.newBuilder(oneOff(MaintenanceState.IN_PROGRESS, END))
                .setMaxOverrunMinutes(30)
                .build();
        assertThat(MaintenanceSchedule.covers(window, "chat", END.plus(Duration.ofMinutes(29))))
                .isTrue();
        assertThat(MaintenanceSchedule.covers(window, "chat", END.plus(Duration.ofMinutes(30))))
                .isFalse();
    }

    @Test
    void aHoldOnARecurringWindowExtendsOnlyTheOccurrenceItWasSetIn() {
        Instant setDuringMarch22 = Instant.parse("2026-03-22T02:00:00Z");
        MaintenanceWindow window = MaintenanceWindow.newBuilder(berlinSundayNights())
                .setState(MaintenanceState.IN_PROGRESS)
                .setUpdatedAt(setDuringMarch22)
                .build();
        assertThat(MaintenanceSchedule.covers(window, "chat", Instant.parse("2026-03-22T05:00:00Z")))
                .isTrue();
        assertThat(MaintenanceSchedule.covers(window, "chat", Instant.parse("2026-03-22T07:30:00Z")))
                .isFalse();
        assertThat(MaintenanceSchedule.effectiveState(window, Instant.parse("2026-03-22T07:30:00Z")))
                .isEqualTo(MaintenanceState.SCHEDULED);
        // next Sunday runs by its schedule only
        assertThat(MaintenanceSchedule.covers(window, "chat", Instant.parse("2026-03-29T03:30:00Z")))
                .isFalse();
        assertThat(MaintenanceSchedule.covers(window, "chat", Instant.parse("2026-03-29T03:29:00Z")))
                .isTrue();
    }

    @Test
    void shownOccurrenceIsTheCurrentElseTheNextElseTheLast() {
        MaintenanceWindow window = berlinSundayNights();
        Instant wednesday = Instant.parse("2026-03-25T12:00:00Z");
        assertThat(MaintenanceSchedule.shown(window, wednesday).start())
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(MaintenanceSchedule.shown(window, Instant.parse("2026-03-29T02:00:00Z"))
                        .start())
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(MaintenanceSchedule.shown(window, Instant.parse("2027-03-01T00:00:00Z"))
                        .start())
                .isEqualTo(Instant.parse("2026-12-27T01:30:00Z"));
    }

    @Test
    void onlyTheWindowsProductsAreCovered() {
        assertThat(MaintenanceSchedule.covers(oneOff(MaintenanceState.SCHEDULED, START), "voice", START))
                .isFalse();
    }

    @Test
    void changesAroundNameTheBoundariesOnBothSides() {
        Instant wednesday = Instant.parse("2026-03-25T12:00:00Z");
        assertThat(MaintenanceSchedule.changesAround(berlinSundayNights(), wednesday))
                .containsExactly(
                        Instant.parse("2026-03-22T01:30:00Z"), Instant.parse("2026-03-22T03:30:00Z"),
                        Instant.parse("2026-03-29T01:30:00Z"), Instant.parse("2026-03-29T03:30:00Z"));
    }

    static MaintenanceWindow oneOff(MaintenanceState state, Instant updatedAt) {
        return MaintenanceWindow.newBuilder()
                .setWindowId("w1")
                .setProducts(List.of("chat"))
                .setTitle("db upgrade")
                .setStartsAt(START)
                .setEndsAt(END)
                .setState(state)
                .setUpdatedAt(updatedAt)
                .build();
    }

    static MaintenanceWindow recurring(
            MaintenanceState state, Instant startsAt, Instant endsAt, Instant updatedAt, WeeklyRecurrence recurrence) {
        return MaintenanceWindow.newBuilder()
                .setWindowId("w2")
                .setProducts(List.of("chat"))
                .setTitle("nightly")
                .setStartsAt(startsAt)
                .setEndsAt(endsAt)
                .setState(state)
                .setUpdatedAt(updatedAt)
                .setRecurrence(recurrence)
                .build();
    }
}
