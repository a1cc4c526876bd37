package dev.tocsin.publisher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.publisher.delivery.CircuitBreakers.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2024-05-01T12:00:00Z"));
    private final CircuitBreakers circuits = new CircuitBreakers(3, Duration.ofSeconds(30), clock);

    @Test
    void circuitOpensAfterTheThresholdOfConsecutiveFailuresAndOnlyForThatHost() {
        circuits.failed("a.example");
        circuits.failed("a.example");
        assertThat(circuits.tryAcquire("a.example")).isTrue();

        circuits.failed("a.example");

        assertThat(circuits.state("a.example")).isEqualTo(State.OPEN);
        assertThat(circuits.tryAcquire("A.example")).isFalse();
        assertThat(circuits.retryIn("a.example")).isEqualTo(Duration.ofSeconds(30));
        assertThat(circuits.tryAcquire("b.example")).isTrue();
        assertThat(circuits.openCount()).isEqualTo(1);
    }

    @Test
    void aSuccessResetsTheCountOfConsecutiveFailures() {
        circuits.failed("a.example");
        circuits.failed("a.example");
        circuits.succeeded("a.example");
        circuits.failed("a.example");
        circuits.failed("a.example");

        assertThat(circuits.state("a.example")).isEqualTo(State.CLOSED);
    }

    @Test
    void afterTheCoolDownOneTrialGoesOutAndItsSuccessClosesTheCircuit() {
        open("a.example");
        clock.advance(Duration.ofSeconds(30));

        assertThat(circuits.state("a.example")).isEqualTo(State.HALF_OPEN);
        assertThat(circuits.tryAcquire("a.example")).as("the trial").isTrue();
        assertThat(circuits.tryAcquire("a.example"))
                .as("only one trial at a time")
                .isFalse();

        circuits.succeeded("a.example");

        assertThat(circuits.state("a.example")).isEqualTo(State.CLOSED);
        assertThat(circuits.tryAcquire("a.example")).isTrue();
    }

    @Test
    void aFailedTrialOpensTheCircuitForAnotherCoolDown() {
        open("a.example");
        clock.advance(Duration.ofSeconds(31));
        assertThat(circuits.tryAcquire("a.example")).isTrue();

        circuits.failed("a.example");

        assertThat(circuits.state("a.example")).isEqualTo(State.OPEN);
        assertThat(circuits.tryAcquire("a.example")).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(circuits.tryAcquire("a.example")).isTrue();
    }

    private void open(String host) {
        for (int i = 0; i < 3; i++) {
            circuits.failed(host);
        }
        assertThat(circuits.state(host)).isEqualTo(State.OPEN);
    }
}
