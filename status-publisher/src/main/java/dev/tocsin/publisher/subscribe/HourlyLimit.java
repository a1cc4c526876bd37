package dev.tocsin.publisher.subscribe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * At most {@code limit} events per key in any sliding hour, in this instance's memory: mails per
 * recipient, subscription requests per client IP and per address. Instances count apart, so with
 * n instances a key gets at most n times the limit; the limits stop floods, not single messages.
 * Keys idle for an hour are forgotten, so memory follows the active keys.
 */
public final class HourlyLimit {

    static final Duration WINDOW = Duration.ofHours(1);
    /** Keys kept before idle ones are swept. */
    private static final int SWEEP_ABOVE = 10_000;

    private final int limit;
    private final Clock clock;
    private final Map<String, ArrayDeque<Instant>> recent = new HashMap<>();

    public HourlyLimit(int limit, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.clock = clock;
    }

    /**
     * Counts one event for {@code key} when the key is under its limit and returns empty; otherwise
     * counts nothing and returns how long until the oldest counted event leaves the window.
     */
    public synchronized Optional<Duration> tryAcquire(String key) {
        Instant now = clock.instant();
        if (recent.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        ArrayDeque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return Optional.of(Duration.between(now, times.peekFirst().plus(WINDOW)));
        }
        times.addLast(now);
        return Optional.empty();
    }

    private void sweep(Instant now) {
        for (Iterator<ArrayDeque<Instant>> it = recent.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Instant> times = it.next();
            if (times.isEmpty() || !times.peekLast().isAfter(now.minus(WINDOW))) {
                it.remove();
            }
        }
    }
}
