package dev.tocsin.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaskClockTest {

    private static final long WALL = 1_000_000_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void theWallClockLeadsWhileTheTaskIsLiveAndTheStreamTimeWhileItReplaysHistory() {
        TaskClock clock = new TaskClock(Duration.ofMinutes(1), WALL);
        clock.inputAt(WALL);

        assertThat(clock.now(WALL + 1_000, WALL))
                .as("live: stream time near the wall clock")
                .isEqualTo(WALL + 1_000);
        assertThat(clock.now(WALL + 1_000, WALL - DAY))
                .as("replaying a day-old history")
                .isEqualTo(WALL - DAY);
    }

    @Test
    void theWallClockTakesOverOnceTheTaskWasIdleTwoIntervals() {
        TaskClock clock = new TaskClock(Duration.ofMinutes(1), WALL);
        clock.inputAt(WALL);

        assertThat(clock.now(WALL + Duration.ofMinutes(2).toMillis() - 1, WALL - DAY))
                .isEqualTo(WALL - DAY);
        assertThat(clock.now(WALL + Duration.ofMinutes(2).toMillis(), WALL - DAY))
                .isEqualTo(WALL + Duration.ofMinutes(2).toMillis());
    }
}
