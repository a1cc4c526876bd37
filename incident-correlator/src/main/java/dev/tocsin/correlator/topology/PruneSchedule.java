package dev.tocsin.correlator.topology;

import java.time.Duration;

/**
 * How the pruner runs: every {@code interval} of wall-clock time, looking at no more than
 * {@code batch} entries of each scanned store, so one tick stays short however large the state.
 */
public record PruneSchedule(Duration interval, int batch) {

    public PruneSchedule {
        if (interval.isNegative() || interval.isZero() || batch <= 0) {
            throw new IllegalArgumentException("prune interval and batch must be positive: " + interval + ", " + batch);
        }
    }

    /** The service's defaults (TOCSIN_CORRELATOR_PRUNE_INTERVAL, TOCSIN_CORRELATOR_PRUNE_BATCH). */
    public static PruneSchedule defaults() {
        return new PruneSchedule(Duration.ofMinutes(1), 1000);
    }
}
