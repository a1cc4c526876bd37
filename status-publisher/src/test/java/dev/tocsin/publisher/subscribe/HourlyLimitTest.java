package dev.tocsin.publisher.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.publisher.delivery.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HourlyLimitTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final HourlyLimit limit = new HourlyLimit(2, clock);

    @Test
    void aKeyGetsItsLimitPerSlidingHourAndLearnsWhenTheNextSlotFrees() {
        assertThat(limit.tryAcquire("ada")).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(limit.tryAcquire("ada")).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(limit.tryAcquire("ada")).contains(Duration.ofMinutes(45));
        clock.advance(Duration.ofMinutes(45));
        assertThat(limit.tryAcquire("ada")).isEmpty();
        assertThat(limit.tryAcquire("ada")).contains(Duration.ofMinutes(10));
    }

    @Test
    void keysAreCountedApart() {
        assertThat(limit.tryAcquire("ada")).isEmpty();
        assertThat(limit.tryAcquire("ada")).isEmpty();
        assertThat(limit.tryAcquire("bert")).isEmpty();
    }
}
