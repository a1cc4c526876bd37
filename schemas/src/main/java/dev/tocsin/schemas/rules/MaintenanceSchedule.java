package dev.tocsin.schemas.rules;

import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Weekday;
import dev.tocsin.avro.WeeklyRecurrence;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * THE maintenance rule: when a window's products are under maintenance, which occurrence that is, and
 * what state the window is effectively in. The correlator (suppressing alerts) and the publisher
 * (status page, Statuspage JSON) both ask this class, so they cannot disagree.
 *
 * <p><b>Occurrences.</b> A one-off window has one occurrence {@code [startsAt, endsAt)}. A recurring
 * window has one occurrence on each listed weekday (local date in its time zone) starting at the local
 * start time and lasting the duration in real elapsed time; only occurrences starting in
 * {@code [startsAt, endsAt)} belong to the series. Daylight saving time, deliberately:
 * <ul>
 *   <li>a start time in the spring-forward gap (02:30 in Europe/Berlin on the last Sunday of March)
 *       is moved forward by the length of the gap (03:30 CEST), java.time's rule, so the occurrence
 *       still happens that night and still lasts its full duration;</li>
 *   <li>a start time in the fall-back overlap (02:30 on the last Sunday of October happens twice)
 *       starts the occurrence once, at the earlier instant (02:30 CEST); the repeated hour is
 *       inside that occurrence, never a second start.</li>
 * </ul>
 *
 * <p><b>Coverage.</b> CANCELLED and COMPLETED windows never cover. Otherwise a window covers
 * {@code t} inside a scheduled occurrence. An operator-set IN_PROGRESS or VERIFYING <em>holds</em>
 * the occurrence it was set in (at {@code stateSince}, else {@code updatedAt}: the latest occurrence
 * started at the time of the change, if not yet past its
 * end plus the overrun limit; else the next one if it starts within the limit, which starts it early
 * from the change): that occurrence then covers until its scheduled end plus the overrun limit, or
 * until the operator completes it, whichever comes first. So a forgotten window cannot suppress
 * alerts, nor show maintenance, for longer than the limit ({@code maxOverrunMinutes} of the window,
 * {@link #DEFAULT_MAX_OVERRUN} when unset). Later occurrences of a recurring series run by schedule.
 *
 * <p><b>Effective state</b> at {@code t}: CANCELLED / COMPLETED as set; the operator's state inside
 * its hold; IN_PROGRESS inside any other covering occurrence; SCHEDULED while an occurrence is still
 * to come; COMPLETED when the series has no occurrence left.
 */
public final class MaintenanceSchedule {

    /** Overrun limit of a window that names none. */
    public static final Duration DEFAULT_MAX_OVERRUN = Duration.ofHours(4);
    /** Occurrences of a recurring window are shorter than this (one per weekday and week at most). */
    public static final Duration MAX_OCCURRENCE = Duration.ofDays(7);

    /** One occurrence of a window, {@code [start, end)}. */
    public record Occurrence(Instant start, Instant end) {
        public boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    /**
     * What an operator-set IN_PROGRESS / VERIFYING holds: {@code occurrence} (as scheduled) covers
     * {@code [from, until)} instead.
     */
    public record Hold(Occurrence occurrence, Instant from, Instant until) {
        public boolean contains(Instant t) {
            return !t.isBefore(from) && t.isBefore(until);
        }
    }

    private MaintenanceSchedule() {}

    /** Whether the window puts {@code product} under maintenance at {@code t}. */
    public static boolean covers(MaintenanceWindow window, String product, Instant t) {
        return window.getProducts().contains(product) && covers(window, t);
    }

    /** Whether the window puts its products under maintenance at {@code t}. */
    public static boolean covers(MaintenanceWindow window, Instant t) {
        if (isFinal(window.getState())) {
            return false;
        }
        return scheduledAt(window, t).isPresent()
                || hold(window).map(h -> h.contains(t)).orElse(false);
    }

    /** The state to show at {@code t} (see the class comment). */
    public static MaintenanceState effectiveState(MaintenanceWindow window, Instant t) {
        if (isFinal(window.getState())) {
            return window.getState();
        }
        if (hold(window).map(h -> h.contains(t)).orElse(false)) {
            return window.getState();
        }
        if (scheduledAt(window, t).isPresent()) {
            return MaintenanceState.IN_PROGRESS;
        }
        return nextAfter(window, t).isPresent() ? MaintenanceState.SCHEDULED : MaintenanceState.COMPLETED;
    }

    /**
     * The occurrence to show at {@code t}: the held or scheduled one covering {@code t}, else the next
     * one, else the last one; a recurring window without any occurrence shows its series bounds.
     */
    public static Occurrence shown(MaintenanceWindow window, Instant t) {
        Optional<Hold> hold = hold(window);
        if (!isFinal(window.getState()) && hold.isPresent() && hold.get().contains(t)) {
            return hold.get().occurrence();
        }
        return scheduledAt(window, t)
                .or(() -> nextAfter(window, t))
                .or(() -> latestStartedAtOrBefore(window, t))
                .orElseGet(() -> new Occurrence(window.getStartsAt(), window.getEndsAt()));
    }

    /** The scheduled occurrence running at {@code t} (ignoring the state). */
    public static Optional<Occurrence> scheduledAt(MaintenanceWindow window, Instant t) {
        return latestStartedAtOrBefore(window, t).filter(o -> o.contains(t));
    }

    /** The scheduled occurrence with the latest start at or before {@code t}, running or not. */
    public static Optional<Occurrence> latestStartedAtOrBefore(MaintenanceWindow window, Instant t) {
        WeeklyRecurrence recurrence = window.getRecurrence();
        if (recurrence == null) {
            return t.isBefore(window.getStartsAt())
                    ? Optional.empty()
                    : Optional.of(new Occurrence(window.getStartsAt(), window.getEndsAt()));
        }
        Instant bound = t.isBefore(window.getEndsAt()) ? t : window.getEndsAt().minusMillis(1);
        if (bound.isBefore(window.getStartsAt())) {
            return Optional.empty();
        }
        ZoneId zone = ZoneId.of(recurrence.getTimeZone());
        LocalTime time = LocalTime.parse(recurrence.getStartTime());
        LocalDate day = bound.atZone(zone).toLocalDate();
        // every weekday comes round within 7 days back, so the 8 local dates up to today suffice
        for (int back = 0; back <= 7; back++) {
            Instant start = startOn(recurrence, zone, time, day.minusDays(back));
            if (start == null || start.isAfter(bound)) {
                continue;
            }
            return start.isBefore(window.getStartsAt()) ? Optional.empty() : Optional.of(occurrence(recurrence, start));
        }
        return Optional.empty();
    }

    /** The first scheduled occurrence starting after {@code t}. */
    public static Optional<Occurrence> nextAfter(MaintenanceWindow window, Instant t) {
        WeeklyRecurrence recurrence = window.getRecurrence();
        if (recurrence == null) {
            return t.isBefore(window.getStartsAt())
                    ? Optional.of(new Occurrence(window.getStartsAt(), window.getEndsAt()))
                    : Optional.empty();
        }
        Instant from = t.isBefore(window.getStartsAt()) ? window.getStartsAt() : t;
        ZoneId zone = ZoneId.of(recurrence.getTimeZone());
        LocalTime time = LocalTime.parse(recurrence.getStartTime());
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int ahead = 0; ahead <= 8; ahead++) {
            Instant start = startOn(recurrence, zone, time, day.plusDays(ahead));
            if (start == null || !start.isAfter(t) || start.isBefore(window.getStartsAt())) {
                continue;
            }
            return start.isBefore(window.getEndsAt()) ? Optional.of(occurrence(recurrence, start)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The occurrence an operator-set IN_PROGRESS / VERIFYING holds, and for how long (see the class comment). */
    public static Optional<Hold> hold(MaintenanceWindow window) {
        MaintenanceState state = window.getState();
        if (state != MaintenanceState.IN_PROGRESS && state != MaintenanceState.VERIFYING) {
            return Optional.empty();
        }
        // when the operator set the state, not when the window was last edited: editing a running
        // window's text must not move its hold onto a later occurrence
        Instant setAt = window.getStateSince() != null ? window.getStateSince() : window.getUpdatedAt();
        Duration limit = maxOverrun(window);
        Optional<Occurrence> current = latestStartedAtOrBefore(window, setAt);
        if (current.isPresent() && setAt.isBefore(current.get().end().plus(limit))) {
            return Optional.of(new Hold(
                    current.get(), current.get().start(), current.get().end().plus(limit)));
        }
        Optional<Occurrence> next = nextAfter(window, setAt);
        if (next.isPresent() && !next.get().start().minus(limit).isAfter(setAt)) {
            return Optional.of(new Hold(next.get(), setAt, next.get().end().plus(limit)));
        }
        return Optional.empty();
    }

    /** How long an operator may hold an occurrence past its end. */
    public static Duration maxOverrun(MaintenanceWindow window) {
        Integer minutes = window.getMaxOverrunMinutes();
        return minutes == null ? DEFAULT_MAX_OVERRUN : Duration.ofMinutes(minutes);
    }

    /**
     * The moments near {@code t} (the last ones at or before it and the first ones after it) at which
     * the clock alone may change what {@link #effectiveState} or {@link #shown} answer.
     */
    public static List<Instant> changesAround(MaintenanceWindow window, Instant t) {
        List<Instant> moments = new ArrayList<>(6);
        latestStartedAtOrBefore(window, t).ifPresent(o -> {
            moments.add(o.start());
            moments.add(o.end());
        });
        nextAfter(window, t).ifPresent(o -> {
            moments.add(o.start());
            moments.add(o.end());
        });
        hold(window).ifPresent(h -> {
            moments.add(h.from());
            moments.add(h.until());
        });
        return moments;
    }

    private static boolean isFinal(MaintenanceState state) {
        return state == MaintenanceState.CANCELLED || state == MaintenanceState.COMPLETED;
    }

    /** The start of the occurrence on a local date, or null when the recurrence skips that day. */
    private static Instant startOn(WeeklyRecurrence recurrence, ZoneId zone, LocalTime time, LocalDate day) {
        if (!recurrence.getDays().contains(weekday(day.getDayOfWeek()))) {
            return null;
        }
        // ZonedDateTime.of moves a time in a gap forward by the gap and takes the earlier offset in an overlap
        return ZonedDateTime.of(day, time, zone).toInstant();
    }

    private static Occurrence occurrence(WeeklyRecurrence recurrence, Instant start) {
        return new Occurrence(start, start.plus(Duration.ofMinutes(recurrence.getDurationMinutes())));
    }

    private static Weekday weekday(DayOfWeek day) {
        return Weekday.valueOf(day.name());
    }
}
