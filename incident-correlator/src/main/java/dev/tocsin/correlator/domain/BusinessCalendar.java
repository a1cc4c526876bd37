package dev.tocsin.correlator.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The business calendar SLA targets in business days are counted on: a time zone, the working
 * days of the week and holidays. Only whole days count; there are no business hours.
 *
 * <p>{@code n} business days after an instant is the n-th working day after that instant's local
 * date, at the same local time (a target that starts on a weekend therefore counts from the next
 * working day as its first day). A local time that a daylight-saving switch skips resolves
 * forward, as {@link ZonedDateTime} does.
 */
public record BusinessCalendar(ZoneId zone, Set<DayOfWeek> workingDays, SortedSet<LocalDate> holidays) {

    public BusinessCalendar {
        Objects.requireNonNull(zone, "zone");
        if (workingDays == null || workingDays.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs at least one working day");
        }
        workingDays = Set.copyOf(EnumSet.copyOf(workingDays));
        holidays = Collections.unmodifiableSortedSet(new TreeSet<>(holidays == null ? Set.of() : holidays));
    }

    /** Whether {@code date} is a working day and not a holiday. */
    public boolean isBusinessDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /** The instant {@code days} business days after {@code start} (see the class comment). */
    public Instant plusBusinessDays(Instant start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("business days must not be negative: " + days);
        }
        ZonedDateTime local = start.atZone(zone);
        LocalDate date = local.toLocalDate();
        int counted = 0;
        // holidays are finite and there is a working day every week, so this terminates
        while (counted < days) {
            date = date.plusDays(1);
            if (isBusinessDay(date)) {
                counted++;
            }
        }
        return ZonedDateTime.of(date, local.toLocalTime(), zone).toInstant();
    }
}
