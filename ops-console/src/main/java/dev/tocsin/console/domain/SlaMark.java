package dev.tocsin.console.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * One SLA deadline as the console shows it: a level (for the colour) and the same fact in words,
 * so the status never depends on colour alone.
 *
 * @param level NONE (the clock does not run), ON_TRACK, DUE_SOON (within the due-soon margin) or BREACHED
 * @param text  e.g. "due in 12 min", "breached 5 min ago", "—"
 */
public record SlaMark(Level level, String text) {

    public enum Level {
        NONE,
        ON_TRACK,
        DUE_SOON,
        BREACHED
    }

    /** Where {@code deadline} stands at {@code now}; within {@code dueSoon} of it is DUE_SOON. */
    public static SlaMark of(Instant deadline, Instant now, Duration dueSoon) {
        if (deadline == null) {
            return new SlaMark(Level.NONE, "—");
        }
        Duration left = Duration.between(now, deadline);
        if (left.isNegative() || left.isZero()) {
            return new SlaMark(Level.BREACHED, "breached " + words(left.negated()) + " ago");
        }
        return new SlaMark(left.compareTo(dueSoon) <= 0 ? Level.DUE_SOON : Level.ON_TRACK, "due in " + words(left));
    }

    /** The CSS class of the level (colours in console.css). */
    public String cssClass() {
        return "sla-" + level.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Rounded for a glance: seconds under a minute, minutes under two hours, hours under two days, then days. */
    static String words(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = d.toMinutes();
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = d.toHours();
        if (hours < 48) {
            return hours + " h";
        }
        return d.toDays() + " d";
    }
}
