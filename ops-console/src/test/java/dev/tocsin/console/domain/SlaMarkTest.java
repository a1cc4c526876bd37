package dev.tocsin.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlaMarkTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration SOON = Duration.ofMinutes(15);

    @Test
    void aClockThatDoesNotRunShowsADash() {
        assertThat(SlaMark.of(null, NOW, SOON)).isEqualTo(new SlaMark(SlaMark.Level.NONE, "—"));
    }

    @Test
    void aDeadlineFurtherThanTheMarginIsOnTrackAndSaysWhenItIsDue() {
        SlaMark mark = SlaMark.of(NOW.plus(Duration.ofMinutes(45)), NOW, SOON);
        assertThat(mark.level()).isEqualTo(SlaMark.Level.ON_TRACK);
        assertThat(mark.text()).isEqualTo("due in 45 min");
    }

    @Test
    void aDeadlineWithinTheMarginIsDueSoon() {
        assertThat(SlaMark.of(NOW.plus(Duration.ofMinutes(15)), NOW, SOON).level())
                .isEqualTo(SlaMark.Level.DUE_SOON);
        assertThat(SlaMark.of(NOW.plusSeconds(30), NOW, SOON).text()).isEqualTo("due in 30 s");
    }

    @Test
    void aPassedDeadlineIsBreachedAndSaysSinceWhenInWordsNotOnlyColour() {
        SlaMark mark = SlaMark.of(NOW.minus(Duration.ofHours(3)), NOW, SOON);
        assertThat(mark.level()).isEqualTo(SlaMark.Level.BREACHED);
        assertThat(mark.text()).isEqualTo("breached 3 h ago");
        assertThat(mark.cssClass()).isEqualTo("sla-breached");
        assertThat(SlaMark.of(NOW, NOW, SOON).level()).isEqualTo(SlaMark.Level.BREACHED);
    }

    @Test
    void longDurationsAreShownInDays() {
        assertThat(SlaMark.of(NOW.plus(Duration.ofDays(5)), NOW, SOON).text()).isEqualTo("due in 5 d");
    }
}
