package dev.tocsin.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTimesTest {

    @ParameterizedTest(name = "event {0}, wall {1}, tolerance {2} -> {3}")
    @CsvSource({
        // event,      wall,       tolerance, expected
        "1000,         1000,       60000,     1000", // now
        "0,            1000,       60000,     0", // the past (a replay) is kept
        "61000,        1000,       60000,     61000", // exactly at the tolerance
        "61001,        1000,       60000,     61000", // just beyond it
        "7201000,      1000,       60000,     61000", // two hours ahead
        "2000,         1000,       0,         1000", // no tolerance: never ahead of the wall clock
    })
    void eventTimesBeyondTheWallClockPlusToleranceAreClampedToIt(long event, long wall, long tolerance, long expected) {
        assertThat(EventTimes.clamp(event, wall, tolerance)).isEqualTo(expected);
    }

    @Test
    void aNegativeToleranceIsRefused() {
        assertThatThrownBy(() -> EventTimes.clamp(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
