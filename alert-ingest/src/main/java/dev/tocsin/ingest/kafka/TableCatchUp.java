package dev.tocsin.ingest.kafka;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits, bounded, for a global table to catch up with its topic. A record another instance (or
 * this one, a moment ago) wrote reaches this instance's table a little later, so a miss is looked
 * up again until {@code catchUp} has passed before it counts as unknown.
 */
public final class TableCatchUp {

    private static final long POLL_MILLIS = 25;

    private TableCatchUp() {}

    /** @return what {@code lookup} found, or null if it still found nothing after {@code catchUp} */
    public static <T> T await(Supplier<T> lookup, Duration catchUp) {
        long deadline = System.nanoTime() + catchUp.toNanos();
        T found = lookup.get();
        while (found == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = lookup.get();
        }
        return found;
    }
}
