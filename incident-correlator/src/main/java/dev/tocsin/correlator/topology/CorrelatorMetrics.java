package dev.tocsin.correlator.topology;

import dev.tocsin.correlator.domain.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** What the correlator held back or ignored, on {@code /metrics}. */
public final class CorrelatorMetrics {

    private final Counter silenced;
    private final Counter inhibited;
    private final Counter absorbed;
    private final Counter clamped;
    private final Counter duplicateCommands;
    private final Counter ticketsMoved;

    public CorrelatorMetrics(MeterRegistry registry) {
        silenced = Counter.builder("tocsin_correlator_alerts_silenced")
                .description("Firing alert records a silence kept from opening or feeding an incident").register(registry);
        inhibited = Counter.builder("tocsin_correlator_alerts_inhibited")
                .description("Firing alert records an inhibit rule kept from opening or feeding an incident").register(registry);
        absorbed = Counter.builder("tocsin_correlator_alerts_absorbed")
                .description("Firing alert records absorbed as evidence by an open incident of an upstream product").register(registry);
        clamped = Counter.builder("tocsin_correlator_event_time_clamped")
                .description("Input records stamped further ahead of the wall clock than TOCSIN_CLOCK_SKEW_TOLERANCE_MS, "
                        + "taken at wall clock plus that tolerance").register(registry);
        duplicateCommands = Counter.builder("tocsin_correlator_duplicate_commands")
                .description("Operator commands ignored because their incident had applied the same commandId "
                        + "(a retry, e.g. with the same Idempotency-Key)").register(registry);
        ticketsMoved = Counter.builder("tocsin_correlator_tickets_moved")
                .description("Customer tickets reported under another product than before (reclassified by support): "
                        + "the old product unlinks and forgets them, the new one triages them").register(registry);
    }

    /** Metrics nobody scrapes, for tests. */
    public static CorrelatorMetrics discarded() {
        return new CorrelatorMetrics(new SimpleMeterRegistry());
    }

    void eventTimeClamped() {
        clamped.increment();
    }

    void ticketMoved() {
        ticketsMoved.increment();
    }

    void count(Outcome outcome) {
        count(outcome.held());
        if (outcome.duplicateCommands() > 0) {
            duplicateCommands.increment(outcome.duplicateCommands());
        }
    }

    private void count(Outcome.Held held) {
        if (held.silenced() > 0) {
            silenced.increment(held.silenced());
        }
        if (held.inhibited() > 0) {
            inhibited.increment(held.inhibited());
        }
        if (held.absorbed() > 0) {
            absorbed.increment(held.absorbed());
        }
    }
}
