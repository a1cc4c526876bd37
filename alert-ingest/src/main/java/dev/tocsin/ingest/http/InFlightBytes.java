package dev.tocsin.ingest.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A budget of request-body bytes being parsed or written at once, so that a storm of large
 * webhooks is answered 503 + Retry-After (the sender retries) instead of exhausting the heap. A
 * request reserves its declared length (or its route's limit when it declares none) before its
 * body is read and releases it once answered. A request finding nothing else in flight is always
 * admitted, so a body under its route's limit is never refused for good.
 */
final class InFlightBytes {

    private final long budget;
    private final AtomicLong used = new AtomicLong();

    InFlightBytes(long budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("the in-flight byte budget must be positive, got " + budget);
        }
        this.budget = budget;
    }

    long budget() {
        return budget;
    }

    long used() {
        return used.get();
    }

    /** Reserves {@code bytes}; returns null when the budget is taken (a request alone is always admitted). */
    Reservation tryReserve(long bytes) {
        while (true) {
            long now = used.get();
            if (now > 0 && now + bytes > budget) {
                return null;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return new Reservation(bytes);
            }
        }
    }

    /** Bytes held by one request; closing it (once) gives them back. */
    final class Reservation implements AutoCloseable {
        private long bytes;

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            used.addAndGet(-bytes);
            bytes = 0;
        }
    }
}
