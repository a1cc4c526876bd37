package dev.tocsin.publisher.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * How long to wait before a retry: the initial delay, doubled for each further retry, never more
 * than the maximum. A receiver's {@code Retry-After} lengthens the wait, also only up to the
 * maximum, so one slow receiver cannot hold the dispatcher indefinitely.
 *
 * <p>No jitter: one dispatcher delivers one notification at a time, so its retries cannot fall
 * into step with each other, and tests see exact delays.
 *
 * @param initial wait before the first retry
 * @param max     longest wait
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= max, got " + initial + " and " + max);
        }
    }

    /** The wait before retry number {@code retry} (1 for the second attempt). */
    public Duration beforeRetry(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be at least 1, was " + retry);
        }
        Duration delay = initial;
        for (int i = 1; i < retry && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return min(delay, max);
    }

    /** The wait before retry number {@code retry} when the receiver asked for {@code retryAfter}. */
    public Duration beforeRetry(int retry, Optional<Duration> retryAfter) {
        Duration delay = beforeRetry(retry);
        return retryAfter
                .filter(asked -> asked.compareTo(delay) > 0)
                .map(asked -> min(asked, max))
                .orElse(delay);
    }

    /**
     * A {@code Retry-After} header value: delay-seconds or an HTTP date (RFC 9110 10.2.3).
     * Empty when absent or unreadable, which then just means the usual backoff.
     */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
