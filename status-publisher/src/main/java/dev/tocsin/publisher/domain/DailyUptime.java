package dev.tocsin.publisher.domain;

import dev.tocsin.avro.ComponentDay;
import dev.tocsin.avro.ComponentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts a component's status history into one {@link ComponentDay} per UTC day: the write side of
 * the uptime history.
 *
 * <p>A component's open day holds the seconds counted so far and the status it is in since
 * {@code countedUntil}. Nothing is counted while the status stays the same: the time in a status is
 * added when the status changes ({@link #advance}), and when a day ends the open day is closed at
 * midnight (its {@code countedUntil} is the end of the day) and the next day opens in the same
 * status. Days passed without an evaluation (the publisher was down) are filled in the status last
 * known. So a day's record is written at most once per status change plus once at its end.
 */
public final class DailyUptime {

    private DailyUptime() {}

    /** The compacted topic's key of one component's day. */
    public static String key(String component, LocalDate day) {
        return component + "|" + day;
    }

    public static String key(ComponentDay day) {
        return key(day.getComponent(), LocalDate.parse(day.getDay()));
    }

    /** A component seen for the first time: its day opens at {@code at} in {@code status}, nothing counted before. */
    public static ComponentDay open(String component, ComponentStatus status, Instant at) {
        return empty(component, dayOf(at), status, at);
    }

    /** Whether {@code open} must be advanced at {@code now}: the status changed, or its day is over. */
    public static boolean changes(ComponentDay open, ComponentStatus status, Instant now) {
        return open.getStatus() != status || !dayOf(now).toString().equals(open.getDay());
    }

    /**
     * The open day advanced to {@code now}, where the component is in {@code status} from then on: the
     * time since {@code countedUntil} is counted in the old status, split at midnights. Returns every
     * day record that changed, oldest first: closed days, then the day open at {@code now} (last).
     */
    public static List<ComponentDay> advance(ComponentDay open, Instant now, ComponentStatus status) {
        List<ComponentDay> changed = new ArrayList<>();
        ComponentDay current = open;
        Instant until = now.isBefore(open.getCountedUntil()) ? open.getCountedUntil() : now;
        while (!endOf(current).isAfter(until)) {
            ComponentDay closed = count(current, endOf(current));
            changed.add(closed);
            LocalDate next = LocalDate.parse(closed.getDay()).plusDays(1);
            current = empty(closed.getComponent(), next, closed.getStatus(), startOf(next));
        }
        ComponentDay latest = count(current, until);
        latest.setStatus(status);
        changed.add(latest);
        return changed;
    }

    /** The day with the time from its {@code countedUntil} to {@code until} (within the day) added to its status. */
    private static ComponentDay count(ComponentDay day, Instant until) {
        long seconds =
                Math.max(0, Duration.between(day.getCountedUntil(), until).toSeconds());
        ComponentDay out = ComponentDay.newBuilder(day).setCountedUntil(until).build();
        add(out, day.getStatus(), seconds);
        return out;
    }

    static void add(ComponentDay day, ComponentStatus status, long seconds) {
        switch (status) {
            case OPERATIONAL -> day.setOperationalSeconds(day.getOperationalSeconds() + seconds);
            case DEGRADED_PERFORMANCE ->
                day.setDegradedPerformanceSeconds(day.getDegradedPerformanceSeconds() + seconds);
            case PARTIAL_OUTAGE -> day.setPartialOutageSeconds(day.getPartialOutageSeconds() + seconds);
            case MAJOR_OUTAGE -> day.setMajorOutageSeconds(day.getMajorOutageSeconds() + seconds);
            case UNDER_MAINTENANCE -> day.setUnderMaintenanceSeconds(day.getUnderMaintenanceSeconds() + seconds);
        }
    }

    /** Seconds counted in one status. */
    public static long seconds(ComponentDay day, ComponentStatus status) {
        return switch (status) {
            case OPERATIONAL -> day.getOperationalSeconds();
            case DEGRADED_PERFORMANCE -> day.getDegradedPerformanceSeconds();
            case PARTIAL_OUTAGE -> day.getPartialOutageSeconds();
            case MAJOR_OUTAGE -> day.getMajorOutageSeconds();
            case UNDER_MAINTENANCE -> day.getUnderMaintenanceSeconds();
        };
    }

    private static ComponentDay empty(String component, LocalDate day, ComponentStatus status, Instant countedUntil) {
        return ComponentDay.newBuilder()
                .setComponent(component)
                .setDay(day.toString())
                .setStatus(status)
                .setCountedUntil(countedUntil)
                .build();
    }

    public static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static Instant endOf(ComponentDay day) {
        return startOf(LocalDate.parse(day.getDay()).plusDays(1));
    }
}
