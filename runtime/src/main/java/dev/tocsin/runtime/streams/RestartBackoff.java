package dev.tocsin.runtime.streams;

import java.time.Duration;

/**
 * How long to wait before replacing a stream thread that failed on a transient infrastructure
 * failure: 1 s, doubling per consecutive failure up to 30 s; a failure more than 5 minutes after
 * the previous one starts again at 1 s. Waiting on the failing thread itself delays the
 * replacement without blocking the other threads.
 */
final class RestartBackoff {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofMinutes(5);

    private long lastFailureNanos;
    private Duration current;

    synchronized Duration next() {
        long now = System.nanoTime();
        if (current == null || now - lastFailureNanos > QUIET.toNanos()) {
            current = FIRST;
        } else {
            Duration doubled = current.multipliedBy(2);
            current = doubled.compareTo(MAX) > 0 ? MAX : doubled;
        }
        lastFailureNanos = now;
        return current;
    }

    void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
