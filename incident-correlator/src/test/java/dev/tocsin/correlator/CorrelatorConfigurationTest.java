package dev.tocsin.correlator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defaults are documented in one place, docs/CONFIGURATION.md; this keeps the correlator's in step. */
class CorrelatorConfigurationTest {

    @Test
    void everyCorrelatorSettingIsDocumentedWithItsDefault() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
        for (Setting<?> setting : CorrelatorSettings.all()) {
            String expectedDefault = setting.defaultValue() == null ? "(none)" : "`" + setting.defaultValue() + "`";
            assertThat(docs).as(setting.env()).contains("| `" + setting.env() + "` | " + expectedDefault + " |");
        }
    }

    @Test
    void retentionsAreIsoDurations() {
        Environment env = new Environment(Map.of("TOCSIN_CORRELATOR_RETENTION_RESOLVED", "p90d"));

        assertThat(env.get(CorrelatorSettings.RETENTION_RESOLVED)).isEqualTo(java.time.Duration.ofDays(90));
        assertThat(new Environment(Map.of()).get(CorrelatorSettings.RETENTION_ALERTS)).isEqualTo(java.time.Duration.ofDays(30));
    }
}
