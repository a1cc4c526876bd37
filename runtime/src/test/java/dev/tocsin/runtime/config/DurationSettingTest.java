package dev.tocsin.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every duration setting has one syntax, and its former unit-suffixed variable keeps working. */
class DurationSettingTest {

    private static final Setting<Duration> TIMEOUT = Setting.duration("TOCSIN_TEST_TIMEOUT", "30s", "a timeout")
            .formerly("TOCSIN_TEST_TIMEOUT_MS", ChronoUnit.MILLIS);

    @Test
    void theShortFormIsAWholeNumberWithAUnit() {
        assertThat(Setting.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Setting.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Setting.parseDuration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Setting.parseDuration(" 2H ")).isEqualTo(Duration.ofHours(2));
        assertThat(Setting.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void isoDurationsAreReadToo() {
        assertThat(Setting.parseDuration("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Setting.parseDuration("p7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Setting.parseDuration("PT120H")).isEqualTo(Duration.ofHours(120));
    }

    @Test
    void aNumberWithoutAUnitIsInvalidAndTheMessageNamesTheVariable() {
        Environment env = new Environment(Map.of("TOCSIN_TEST_TIMEOUT", "5000"));
        assertThatThrownBy(() -> env.get(TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_TEST_TIMEOUT='5000'")
                .hasMessageContaining("30s");
    }

    @Test
    void theDefaultIsInTheSameSyntax() {
        assertThat(new Environment(Map.of()).get(TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theFormerVariableIsReadInItsFormerUnit() {
        Environment env = new Environment(Map.of("TOCSIN_TEST_TIMEOUT_MS", "2500"));

        assertThat(env.get(TIMEOUT)).isEqualTo(Duration.ofMillis(2500));
        assertThat(env.isSet(TIMEOUT)).isTrue();
        assertThat(env.describe(java.util.List.of(TIMEOUT))).containsEntry("TOCSIN_TEST_TIMEOUT", "PT2.5S");
    }

    @Test
    void theNewVariableWinsOverTheFormerOne() {
        Environment env = new Environment(Map.of("TOCSIN_TEST_TIMEOUT", "1s", "TOCSIN_TEST_TIMEOUT_MS", "2500"));

        assertThat(env.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anInvalidFormerValueFailsNamingTheFormerVariable() {
        Environment env = new Environment(Map.of("TOCSIN_TEST_TIMEOUT_MS", "soon"));

        assertThatThrownBy(() -> env.validate(java.util.List.of(TIMEOUT)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_TEST_TIMEOUT_MS='soon'")
                .hasMessageContaining("whole number of millis");
    }

    @Test
    void anUnsetSettingWithoutADefaultIsNotSet() {
        assertThat(new Environment(Map.of()).isSet(TIMEOUT.withDefault(null))).isFalse();
    }
}
