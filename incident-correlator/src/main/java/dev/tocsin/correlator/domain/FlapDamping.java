package dev.tocsin.correlator.domain;

import dev.tocsin.avro.AlertStatus;
import dev.tocsin.correlator.state.TrackedAlert;
import java.time.Duration;
import java.time.Instant;

/**
 * Flap damping: an alert that resolved and fires again within the flap window is the same
 * flapping alert (counted, ALERT_FLAPPING), not a new problem; it neither opens an incident nor
 * counts as a new attachment.
 */
public final class FlapDamping {

    private FlapDamping() {}

    /** Whether a firing record of a known alert, last resolved at {@code lastResolvedAt}, is a flap. */
    public static boolean isFlap(TrackedAlert known, boolean firingNow, Instant at, Duration flapWindow) {
        if (known == null
                || !firingNow
                || known.getAlertStatus() != AlertStatus.RESOLVED
                || known.getLastResolvedAt() == null) {
            return false;
        }
        long gap = at.toEpochMilli() - known.getLastResolvedAt();
        return gap >= 0 && gap <= flapWindow.toMillis();
    }
}
