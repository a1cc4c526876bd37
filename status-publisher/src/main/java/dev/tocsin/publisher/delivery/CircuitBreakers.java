package dev.tocsin.publisher.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One circuit breaker per receiving host. After {@code threshold} consecutive failed requests
 * (no response, timeout, 408, 429, 5xx) the circuit opens: requests to that host are not made,
 * so a dead receiver costs no connections or threads. After the cool-down it is half-open: one
 * trial request goes out; success closes the circuit, failure opens it for another cool-down.
 * Any HTTP answer that is not a failure (2xx, other 4xx) proves the host alive.
 */
final class CircuitBreakers {

    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final Duration coolDown;
    private final Clock clock;
    private final Map<String, Circuit> circuits = new HashMap<>();

    CircuitBreakers(int threshold, Duration coolDown, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
        }
        this.threshold = threshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** Whether a request to {@code host} may go out now; in half-open, only the one trial may. */
    synchronized boolean tryAcquire(String host) {
        Circuit circuit = circuits.get(key(host));
        if (circuit == null || circuit.state == State.CLOSED) {
            return true;
        }
        if (circuit.state == State.OPEN && !clock.instant().isBefore(circuit.openUntil)) {
            circuit.state = State.HALF_OPEN;
            circuit.trialOut = false;
        }
        if (circuit.state == State.HALF_OPEN && !circuit.trialOut) {
            circuit.trialOut = true;
            return true;
        }
        return false;
    }

    /** How long until {@code host} may be tried again; zero when it may now. */
    synchronized Duration retryIn(String host) {
        Circuit circuit = circuits.get(key(host));
        if (circuit == null || circuit.state != State.OPEN) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), circuit.openUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }

    synchronized void succeeded(String host) {
        circuits.remove(key(host));
    }

    synchronized void failed(String host) {
        Circuit circuit = circuits.computeIfAbsent(key(host), h -> new Circuit());
        circuit.failures++;
        if (circuit.state == State.HALF_OPEN || circuit.failures >= threshold) {
            circuit.state = State.OPEN;
            circuit.openUntil = clock.instant().plus(coolDown);
            circuit.trialOut = false;
        }
    }

    synchronized State state(String host) {
        Circuit circuit = circuits.get(key(host));
        if (circuit == null) {
            return State.CLOSED;
        }
        if (circuit.state == State.OPEN && !clock.instant().isBefore(circuit.openUntil)) {
            return State.HALF_OPEN;
        }
        return circuit.state;
    }

    /** Hosts whose circuit is not closed, for the gauge. */
    synchronized int openCount() {
        return (int)
                circuits.values().stream().filter(c -> c.state != State.CLOSED).count();
    }

    private static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }

    private static final class Circuit {
        State state = State.CLOSED;
        int failures;
        Instant openUntil = Instant.MIN;
        boolean trialOut;
    }
}
