package dev.tocsin.correlator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.SettingDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defaults are documented in one place, docs/CONFIGURATION.md; this keeps the correlator's in step. */
class CorrelatorConfigurationTest {

    @Test
    void productionRefusesToServeTheQueryApiWithoutOperatorCredentials() {
        Environment env = new Environment(Map.of(
                "TOCSIN_ENV",
                "production",
                "TOCSIN_HTTP_PORT",
                "0",
                "TOCSIN_CORRELATOR_SUPPORT_TOKENS",
                "support-only"));
        assertThatThrownBy(() -> CorrelatorService.start(env, () -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_CORRELATOR_OPERATOR_TOKENS")
                .hasMessageContaining("TOCSIN_CORRELATOR_OPERATOR_BASIC_AUTH");
    }

    @Test
    void instancesThatProxyToEachOtherRefuseToStartWithoutTheSharedInternalToken() {
        Environment env = new Environment(Map.of(
                "TOCSIN_ENV",
                "production",
                "TOCSIN_HTTP_PORT",
                "0",
                "TOCSIN_CORRELATOR_OPERATOR_TOKENS",
                "op",
                "TOCSIN_CORRELATOR_APPLICATION_SERVER",
                "correlator-0.internal:8082",
                "KAFKA_BOOTSTRAP_SERVERS",
                "127.0.0.1:1"));
        assertThatThrownBy(() -> CorrelatorService.start(env, () -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_INTERNAL_TOKEN")
                .hasMessageContaining("TOCSIN_CORRELATOR_APPLICATION_SERVER");
    }

    @Test
    void everyCorrelatorSettingIsDocumentedWithItsDefault() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
        assertThat(SettingDocs.missing(docs, CorrelatorSettings.all())).isEmpty();
    }

    @Test
    void retentionsAreIsoDurations() {
        Environment env = new Environment(Map.of("TOCSIN_CORRELATOR_RETENTION_RESOLVED", "p90d"));

        assertThat(env.get(CorrelatorSettings.RETENTION_RESOLVED)).isEqualTo(java.time.Duration.ofDays(90));
        assertThat(new Environment(Map.of()).get(CorrelatorSettings.RETENTION_ALERTS))
                .isEqualTo(java.time.Duration.ofDays(30));
    }
}
