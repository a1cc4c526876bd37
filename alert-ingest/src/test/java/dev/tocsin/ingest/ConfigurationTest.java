package dev.tocsin.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.SettingDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

    @Test
    void productionRefusesToStartWithoutCredentials() {
        Environment env = new Environment(Map.of(
                "TOCSIN_ENV", "production", "TOCSIN_HTTP_PORT", "0", "TOCSIN_INGEST_ZENDESK_SIGNING_SECRET", "s"));
        assertThatThrownBy(() -> IngestService.start(env, () -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_INGEST_ALERTS_TOKENS");
    }

    @Test
    void productionRefusesToStartWithoutTheZendeskSigningSecret() {
        Environment env = new Environment(Map.of(
                "TOCSIN_ENV",
                "production",
                "TOCSIN_HTTP_PORT",
                "0",
                "TOCSIN_INGEST_ALERTS_TOKENS",
                "a",
                "TOCSIN_INGEST_REPORTS_TOKENS",
                "b",
                "TOCSIN_INGEST_OPERATOR_TOKENS",
                "c"));
        assertThatThrownBy(() -> IngestService.start(env, () -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_INGEST_ZENDESK_SIGNING_SECRET");
    }

    @Test
    void productionRefusesToStartWithoutAStableInstanceIdForItsTransactionalIds() {
        Environment env = new Environment(Map.of(
                "TOCSIN_ENV",
                "production",
                "TOCSIN_HTTP_PORT",
                "0",
                "TOCSIN_INGEST_ALERTS_TOKENS",
                "a",
                "TOCSIN_INGEST_REPORTS_TOKENS",
                "b",
                "TOCSIN_INGEST_OPERATOR_TOKENS",
                "c",
                "TOCSIN_INGEST_ZENDESK_SIGNING_SECRET",
                "s",
                "KAFKA_BOOTSTRAP_SERVERS",
                "127.0.0.1:1"));
        assertThatThrownBy(() -> IngestService.start(env, () -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_INGEST_INSTANCE_ID");
    }

    @Test
    void everyIngestSettingIsDocumentedWithItsDefault() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
        assertThat(SettingDocs.missing(docs, IngestSettings.all())).isEmpty();
    }
}
