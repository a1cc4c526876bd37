package dev.tocsin.publisher.domain;

import static dev.tocsin.avro.ComponentStatus.DEGRADED_PERFORMANCE;
import static dev.tocsin.avro.ComponentStatus.MAJOR_OUTAGE;
import static dev.tocsin.avro.ComponentStatus.OPERATIONAL;
import static dev.tocsin.avro.ComponentStatus.PARTIAL_OUTAGE;
import static dev.tocsin.avro.ComponentStatus.UNDER_MAINTENANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** Uptime figures for scripted component histories, written as the page writes them and read as the page reads them. */
class UptimeTest {

    private static Uptime.Day day(Uptime.ComponentUptime uptime, String date) {
        return uptime.days().stream()
                .filter(d -> d.date().equals(LocalDate.parse(date)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anOutageAcrossMidnightIsCountedOnBothDays() {
        Uptime.ComponentUptime chat = new UptimeHistory()
                .at("2026-03-10T00:00:00Z", "chat", OPERATIONAL)
                .at("2026-03-10T22:00:00Z", "chat", MAJOR_OUTAGE)
                .at("2026-03-11T02:00:00Z", "chat", OPERATIONAL)
                .asOf("2026-03-11T12:00:00Z", "chat");

        Uptime.Day first = day(chat, "2026-03-10");
        Uptime.Day second = day(chat, "2026-03-11");
        assertThat(first.worst()).isEqualTo(MAJOR_OUTAGE);
        assertThat(first.seconds()).containsEntry(OPERATIONAL, 22 * 3600L).containsEntry(MAJOR_OUTAGE, 2 * 3600L);
        assertThat(second.worst()).isEqualTo(MAJOR_OUTAGE);
        // today counts up to now: 2 h of outage, then 10 h operational so far
        assertThat(second.seconds()).containsEntry(MAJOR_OUTAGE, 2 * 3600L).containsEntry(OPERATIONAL, 10 * 3600L);
        // 4 h of major outage in 36 h observed
        assertThat(chat.percent()).isCloseTo(100.0 * (1 - 4.0 / 36), within(1e-9));
    }

    @Test
    void maintenanceIsABarOfItsOwnAndNotDowntime() {
        Uptime.ComponentUptime chat = new UptimeHistory()
                .at("2026-03-10T00:00:00Z", "chat", OPERATIONAL)
                .at("2026-03-10T02:00:00Z", "chat", UNDER_MAINTENANCE)
                .at("2026-03-10T06:00:00Z", "chat", OPERATIONAL)
                .asOf("2026-03-11T00:00:00Z", "chat");

        assertThat(day(chat, "2026-03-10").worst()).isEqualTo(UNDER_MAINTENANCE);
        assertThat(day(chat, "2026-03-10").seconds()).containsEntry(UNDER_MAINTENANCE, 4 * 3600L);
        assertThat(chat.percent()).isEqualTo(100.0);
    }

    @Test
    void anOutageDuringMaintenanceShowsTheOutage() {
        Uptime.ComponentUptime chat = new UptimeHistory()
                .at("2026-03-10T00:00:00Z", "chat", UNDER_MAINTENANCE)
                .at("2026-03-10T01:00:00Z", "chat", PARTIAL_OUTAGE)
                .at("2026-03-10T02:00:00Z", "chat", OPERATIONAL)
                .asOf("2026-03-11T00:00:00Z", "chat");

        assertThat(day(chat, "2026-03-10").worst()).isEqualTo(PARTIAL_OUTAGE);
    }

    @Test
    void partialOutageCountsThirtyPercentAndDegradedPerformanceNothing() {
        Uptime.ComponentUptime chat = new UptimeHistory()
                .at("2026-03-10T00:00:00Z", "chat", PARTIAL_OUTAGE)
                .at("2026-03-10T10:00:00Z", "chat", DEGRADED_PERFORMANCE)
                .at("2026-03-10T20:00:00Z", "chat", OPERATIONAL)
                .asOf("2026-03-11T00:00:00Z", "chat");

        assertThat(day(chat, "2026-03-10").worst()).isEqualTo(PARTIAL_OUTAGE);
        assertThat(chat.percent()).isCloseTo(100.0 * (1 - 0.3 * 10 / 24), within(1e-9));
    }

    @Test
    void monthsAreCalendarMonthsOfTheWindowSplitAtTheirMidnight() {
        Uptime.ComponentUptime chat = new UptimeHistory()
                .at("2026-02-27T00:00:00Z", "chat", OPERATIONAL)
                .at("2026-02-28T23:00:00Z", "chat", MAJOR_OUTAGE)
                .at("2026-03-01T01:00:00Z", "chat", OPERATIONAL)
                .asOf("2026-03-03T00:00:00Z", "chat");

        assertThat(chat.months())
                .extracting(Uptime.Month::month)
                .containsExactly(
                        YearMonth.of(2025, 12), YearMonth.of(2026, 1), YearMonth.of(2026, 2), YearMonth.of(2026, 3));
        // no aggregate before 27 Feb: December and January have no data, not 100 %
        assertThat(chat.months().get(0).percent()).isNull();
        assertThat(chat.months().get(1).percent()).isNull();
        // February: 1 h of 48 h observed; March: 1 h of 48 h (1 and 2 March), today has no time yet
        assertThat(chat.months().get(2).percent()).isCloseTo(100.0 * (1 - 1.0 / 48), within(1e-9));
        assertThat(chat.months().get(3).percent()).isCloseTo(100.0 * (1 - 1.0 / 48), within(1e-9));
    }

    @Test
    void componentWithoutHistoryHasNoDataRatherThanFullUptime() {
        Uptime.ComponentUptime mail = new UptimeHistory()
                .at("2026-03-10T00:00:00Z", "chat", OPERATIONAL)
                .asOf("2026-03-11T00:00:00Z", "mail");

        assertThat(mail.percent()).isNull();
        assertThat(mail.days()).hasSize(Uptime.WINDOW_DAYS).noneMatch(Uptime.Day::hasData);
        assertThat(mail.months()).allSatisfy(m -> assertThat(m.percent()).isNull());
    }

    @Test
    void daysBeforeTheFirstAggregateHaveNoDataAndAreLeftOutOfTheFigures() {
        Uptime.ComponentUptime chat = new UptimeHistory()
                .at("2026-03-10T12:00:00Z", "chat", OPERATIONAL)
                .asOf("2026-03-11T12:00:00Z", "chat");

        assertThat(day(chat, "2026-03-09").hasData()).isFalse();
        assertThat(day(chat, "2026-03-10").seconds()).containsEntry(OPERATIONAL, 12 * 3600L);
        assertThat(chat.percent()).isEqualTo(100.0);
    }

    @Test
    void theWindowIsNinetyDaysEndingToday() {
        Uptime.ComponentUptime chat = new UptimeHistory()
                .at("2026-03-10T00:00:00Z", "chat", OPERATIONAL)
                .asOf("2026-03-11T06:00:00Z", "chat");

        assertThat(chat.days()).hasSize(90);
        assertThat(chat.days().get(89).date()).isEqualTo(LocalDate.parse("2026-03-11"));
        assertThat(chat.days().get(0).date()).isEqualTo(LocalDate.parse("2025-12-12"));
    }

    @Test
    void daysWithoutAnEvaluationAreFilledInTheLastKnownStatusOneAggregateEach() {
        UptimeHistory history = new UptimeHistory()
                .at("2026-03-10T20:00:00Z", "chat", MAJOR_OUTAGE)
                // the publisher was down for three days: the outage went on as far as the page knows
                .at("2026-03-13T04:00:00Z", "chat", OPERATIONAL);

        assertThat(history.topic())
                .containsOnlyKeys("chat|2026-03-10", "chat|2026-03-11", "chat|2026-03-12", "chat|2026-03-13");
        assertThat(history.topic().get("chat|2026-03-11").getMajorOutageSeconds())
                .isEqualTo(86_400L);
        assertThat(history.topic().get("chat|2026-03-12").getCountedUntil())
                .isEqualTo(Instant.parse("2026-03-13T00:00:00Z"));
        assertThat(history.topic().get("chat|2026-03-13").getStatus()).isEqualTo(OPERATIONAL);
        assertThat(history.topic().get("chat|2026-03-13").getMajorOutageSeconds())
                .isEqualTo(4 * 3600L);
    }

    @Test
    void aQuietDayIsCarriedInItsStatusUntilTheDayIsClosed() {
        // evaluated last on the 10th; read on the 12th before the page closed the 11th
        Uptime.ComponentUptime chat = new UptimeHistory()
                .at("2026-03-10T00:00:00Z", "chat", DEGRADED_PERFORMANCE)
                .asOf("2026-03-12T06:00:00Z", "chat");

        assertThat(day(chat, "2026-03-11").worst()).isEqualTo(DEGRADED_PERFORMANCE);
        assertThat(day(chat, "2026-03-11").seconds()).containsEntry(DEGRADED_PERFORMANCE, 86_400L);
        assertThat(day(chat, "2026-03-12").seconds()).containsEntry(DEGRADED_PERFORMANCE, 6 * 3600L);
        assertThat(chat.percent()).isEqualTo(100.0);
    }

    @Test
    void anUnchangedStatusWritesNothingUntilTheDayEnds() {
        UptimeHistory history = new UptimeHistory()
                .at("2026-03-10T00:00:00Z", "chat", OPERATIONAL)
                .at("2026-03-10T08:00:00Z", "chat", OPERATIONAL)
                .at("2026-03-10T16:00:00Z", "chat", OPERATIONAL);

        assertThat(history.topic().get("chat|2026-03-10").getCountedUntil())
                .isEqualTo(Instant.parse("2026-03-10T00:00:00Z"));
    }

    @Test
    void theClockMovesTheFiguresInWholeFiveMinuteStepsSoEveryInstanceShowsTheSame() {
        assertThat(Uptime.refreshStep(Instant.parse("2026-03-10T10:04:59.999Z")))
                .isEqualTo(Instant.parse("2026-03-10T10:00:00Z"));
        assertThat(Uptime.refreshStep(Instant.parse("2026-03-10T10:05:00Z")))
                .isEqualTo(Instant.parse("2026-03-10T10:05:00Z"));
    }
}
