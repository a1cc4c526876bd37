package dev.tocsin.correlator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    private final BusinessCalendar weekdays =
            new BusinessCalendar(ZoneId.of("UTC"), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), new TreeSet<>());

    @Test
    void businessDaysSkipTheWeekend() {
        Instant thursday = Instant.parse("2026-03-05T09:00:00Z");

        assertThat(weekdays.plusBusinessDays(thursday, 1)).isEqualTo(Instant.parse("2026-03-06T09:00:00Z"));
        assertThat(weekdays.plusBusinessDays(thursday, 2)).isEqualTo(Instant.parse("2026-03-09T09:00:00Z"));
        assertThat(weekdays.plusBusinessDays(thursday, 5)).isEqualTo(Instant.parse("2026-03-12T09:00:00Z"));
        assertThat(weekdays.plusBusinessDays(thursday, 0)).isEqualTo(thursday);
    }

    @Test
    void aWeekendStartCountsFromTheNextWorkingDay() {
        Instant saturday = Instant.parse("2026-03-07T10:00:00Z");

        assertThat(weekdays.plusBusinessDays(saturday, 1)).isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
    }

    @Test
    void holidaysAreSkipped() {
        TreeSet<LocalDate> holidays = new TreeSet<>();
        holidays.add(LocalDate.parse("2026-12-25"));
        BusinessCalendar calendar =
                new BusinessCalendar(ZoneId.of("UTC"), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), holidays);

        // Thursday Dec 24 + 1 business day: Friday is a holiday -> Monday Dec 28
        assertThat(calendar.plusBusinessDays(Instant.parse("2026-12-24T12:00:00Z"), 1))
                .isEqualTo(Instant.parse("2026-12-28T12:00:00Z"));
        assertThat(calendar.isBusinessDay(LocalDate.parse("2026-12-25"))).isFalse();
    }

    @Test
    void daysAreCountedInTheCalendarsTimeZone() {
        BusinessCalendar tokyo = new BusinessCalendar(
                ZoneId.of("Asia/Tokyo"), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), new TreeSet<>());
        // Friday 20:00 UTC is already Saturday 05:00 in Tokyo: one business day later is Monday 05:00 Tokyo
        Instant fridayUtc = Instant.parse("2026-03-06T20:00:00Z");

        assertThat(tokyo.plusBusinessDays(fridayUtc, 1)).isEqualTo(Instant.parse("2026-03-08T20:00:00Z"));
        assertThat(weekdays.plusBusinessDays(fridayUtc, 1)).isEqualTo(Instant.parse("2026-03-09T20:00:00Z"));
    }

    @Test
    void localTimeIsKeptAcrossADaylightSavingSwitch() {
        BusinessCalendar berlin = new BusinessCalendar(
                ZoneId.of("Europe/Berlin"), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), new TreeSet<>());
        // Friday 2026-03-27 10:00 CET (+01) -> Monday 2026-03-30 10:00 CEST (+02)
        assertThat(berlin.plusBusinessDays(Instant.parse("2026-03-27T09:00:00Z"), 1))
                .isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
    }

    @Test
    void aCalendarNeedsAWorkingDay() {
        assertThatThrownBy(
                        () -> new BusinessCalendar(ZoneId.of("UTC"), EnumSet.noneOf(DayOfWeek.class), new TreeSet<>()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slaTargetsParseDurationsAndBusinessDays() {
        assertThat(SlaTarget.parse("PT15M")).isEqualTo(SlaTarget.of(Duration.ofMinutes(15)));
        assertThat(SlaTarget.parse("1 business day")).isEqualTo(SlaTarget.businessDays(1));
        assertThat(SlaTarget.parse("5 Business Days")).isEqualTo(SlaTarget.businessDays(5));
        assertThat(SlaTarget.parse("2bd").toString()).isEqualTo("2 business days");
        assertThatThrownBy(() -> SlaTarget.parse("soon")).hasMessageContaining("'soon'");
    }
}
