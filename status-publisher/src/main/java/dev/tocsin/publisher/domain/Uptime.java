package dev.tocsin.publisher.domain;

import dev.tocsin.avro.ComponentDay;
import dev.tocsin.avro.ComponentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The uptime history the page shows, from the daily aggregates of {@link DailyUptime}: the read side.
 *
 * <p>Rules:
 * <ul>
 *   <li>The window is the last {@value #WINDOW_DAYS} UTC days, today included. "Now" is the page's
 *       moment or the newest aggregate's {@code countedUntil}, whichever is later, so every instance
 *       shows the same figures for the same inputs.</li>
 *   <li>A day's seconds are its aggregate's, plus, for a component's newest aggregate, the time since
 *       its {@code countedUntil} (up to the end of the day or now) in its status; days after the newest
 *       aggregate continue in that status. A day before a component's first aggregate (or one whose
 *       aggregate expired) has no data: it is shown as such and left out of every figure.</li>
 *   <li>A day's bar is the worst status it had (outages above maintenance above operational, the page's
 *       own ranking {@link ComponentStatuses#rank}): maintenance is a bar of its own, never an outage.</li>
 *   <li>Uptime = 1 - downtime / observed time, where downtime is the time in major outage plus
 *       {@value #PARTIAL_OUTAGE_WEIGHT} of the time in partial outage (Statuspage's weighting), and degraded
 *       performance and maintenance are not downtime. Observed time is every second with data. Per
 *       calendar month (UTC) over the days of the window in that month, and over the whole window.
 *       No observed time gives no figure ("no data"), never 100%.</li>
 * </ul>
 */
public final class Uptime {

    public static final int WINDOW_DAYS = 90;
    /**
     * How often the figures move with the clock alone: the page is rendered as of the latest step
     * (the same on every instance), so today's open time is counted at most this late.
     */
    public static final Duration REFRESH = Duration.ofMinutes(5);
    /** Share of a partial outage counted as downtime. */
    public static final double PARTIAL_OUTAGE_WEIGHT = 0.3;

    /**
     * One day of one component.
     *
     * @param date    the UTC day
     * @param worst   the worst status of the day, or null when there is no data
     * @param seconds seconds per status (only statuses the day had)
     */
    public record Day(LocalDate date, ComponentStatus worst, Map<ComponentStatus, Long> seconds) {

        public Day {
            Map<ComponentStatus, Long> copy = new EnumMap<>(ComponentStatus.class);
            copy.putAll(seconds);
            seconds = Collections.unmodifiableMap(copy);
        }

        public boolean hasData() {
            return worst != null;
        }

        long observed() {
            return seconds.values().stream().mapToLong(Long::longValue).sum();
        }

        double downtime() {
            return seconds.getOrDefault(ComponentStatus.MAJOR_OUTAGE, 0L)
                    + PARTIAL_OUTAGE_WEIGHT * seconds.getOrDefault(ComponentStatus.PARTIAL_OUTAGE, 0L);
        }
    }

    /** Uptime of one calendar month (UTC) within the window; {@code percent} null when it has no data. */
    public record Month(YearMonth month, Double percent) {}

    /**
     * One component's history.
     *
     * @param days    the window's days, oldest first ({@value #WINDOW_DAYS} of them)
     * @param percent uptime over the window, or null when there is no data
     * @param months  the calendar months the window touches, oldest first
     */
    public record ComponentUptime(String component, List<Day> days, Double percent, List<Month> months) {

        public ComponentUptime {
            days = List.copyOf(days);
            months = List.copyOf(months);
        }
    }

    private Uptime() {}

    /** The latest refresh step at or before {@code now}: steps are whole multiples of {@link #REFRESH} since the epoch. */
    public static Instant refreshStep(Instant now) {
        long step = REFRESH.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), step) * step);
    }

    /** The moment the history is computed at: the page's, or the newest aggregate's if later. */
    public static Instant asOf(Collection<ComponentDay> aggregates, Instant pageAsOf) {
        Instant asOf = pageAsOf;
        for (ComponentDay day : aggregates) {
            if (day.getCountedUntil().isAfter(asOf)) {
                asOf = day.getCountedUntil();
            }
        }
        return asOf;
    }

    /** The history of each of {@code components} (in their order) from every aggregate known. */
    public static Map<String, ComponentUptime> of(
            Collection<String> components, Collection<ComponentDay> aggregates, Instant pageAsOf) {
        Instant now = asOf(aggregates, pageAsOf);
        Map<String, TreeMap<LocalDate, ComponentDay>> byComponent = new HashMap<>();
        for (ComponentDay day : aggregates) {
            byComponent
                    .computeIfAbsent(day.getComponent(), c -> new TreeMap<>())
                    .put(LocalDate.parse(day.getDay()), day);
        }
        Map<String, ComponentUptime> out = new LinkedHashMap<>();
        for (String component : components) {
            out.put(component, component(component, byComponent.getOrDefault(component, new TreeMap<>()), now));
        }
        return out;
    }

    private static ComponentUptime component(
            String component, TreeMap<LocalDate, ComponentDay> aggregates, Instant now) {
        LocalDate today = DailyUptime.dayOf(now);
        ComponentDay newest =
                aggregates.isEmpty() ? null : aggregates.lastEntry().getValue();
        List<Day> days = new ArrayList<>(WINDOW_DAYS);
        for (LocalDate date = today.minusDays(WINDOW_DAYS - 1); !date.isAfter(today); date = date.plusDays(1)) {
            days.add(day(date, aggregates.get(date), newest, now));
        }
        Map<YearMonth, List<Day>> byMonth = new TreeMap<>();
        days.forEach(d -> byMonth.computeIfAbsent(YearMonth.from(d.date()), m -> new ArrayList<>())
                .add(d));
        List<Month> months = byMonth.entrySet().stream()
                .map(e -> new Month(e.getKey(), percent(e.getValue())))
                .toList();
        return new ComponentUptime(component, days, percent(days), months);
    }

    private static Day day(LocalDate date, ComponentDay aggregate, ComponentDay newest, Instant now) {
        Map<ComponentStatus, Long> seconds = new EnumMap<>(ComponentStatus.class);
        ComponentStatus status;
        if (aggregate != null) {
            for (ComponentStatus s : ComponentStatus.values()) {
                long n = DailyUptime.seconds(aggregate, s);
                if (n > 0) {
                    seconds.put(s, n);
                }
            }
            status = aggregate.getStatus();
        } else if (newest != null && date.isAfter(LocalDate.parse(newest.getDay()))) {
            status = newest.getStatus();
        } else {
            return new Day(date, null, Map.of());
        }
        if (aggregate == null || aggregate == newest) {
            // the newest status lasts until now: count it up to the end of this day or now
            Instant from = later(DailyUptime.startOf(date), newest.getCountedUntil());
            Instant until = earlier(DailyUptime.startOf(date.plusDays(1)), now);
            long open = Math.max(0, Duration.between(from, until).toSeconds());
            if (open > 0) {
                seconds.merge(newest.getStatus(), open, Long::sum);
            }
        }
        ComponentStatus worst =
                seconds.keySet().stream().reduce(ComponentStatuses::worse).orElse(status);
        return new Day(date, worst, seconds);
    }

    /** Uptime in percent over days, or null when none of them has observed time. */
    static Double percent(List<Day> days) {
        long observed = 0;
        double downtime = 0;
        for (Day day : days) {
            if (day.hasData()) {
                observed += day.observed();
                downtime += day.downtime();
            }
        }
        return observed == 0 ? null : 100.0 * (1.0 - downtime / observed);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
