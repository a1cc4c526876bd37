package dev.tocsin.publisher.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZendeskConfigTest {

    @Test
    void theWriteBackIsOffUntilASubdomainOrBaseUrlIsSet() {
        assertThat(ZendeskConfig.from(new Environment(Map.of()))).isEmpty();
    }

    @Test
    void aSubdomainNamesTheAccountAndTheTokenAuthenticatesAsEmailSlashToken() {
        ZendeskConfig config = ZendeskConfig.from(new Environment(Map.of(
                        "TOCSIN_PUBLISHER_ZENDESK_SUBDOMAIN",
                        "acme",
                        "TOCSIN_PUBLISHER_ZENDESK_EMAIL",
                        "agent@acme.test",
                        "TOCSIN_PUBLISHER_ZENDESK_API_TOKEN",
                        "tok-1")))
                .orElseThrow();

        assertThat(config.baseUrl()).hasToString("https://acme.zendesk.com");
        assertThat(config.resolveAction()).isEqualTo(ResolveAction.SOLVE);
        assertThat(new String(Base64.getDecoder().decode(config.authorization().substring("Basic ".length()))))
                .isEqualTo("agent@acme.test/token:tok-1");
    }

    @Test
    void theTokenCanComeFromASecretFileAndNeverAppearsInTheLog(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("token"), "  file-token-9\n");
        ZendeskConfig config = ZendeskConfig.from(new Environment(Map.of(
                        "TOCSIN_PUBLISHER_ZENDESK_BASE_URL",
                        "http://zendesk.internal:8080/",
                        "TOCSIN_PUBLISHER_ZENDESK_EMAIL",
                        "agent@acme.test",
                        "TOCSIN_PUBLISHER_ZENDESK_API_TOKEN_FILE",
                        secret.toString(),
                        "TOCSIN_PUBLISHER_ZENDESK_RESOLVE_ACTION",
                        "pending")))
                .orElseThrow();

        assertThat(config.apiToken()).isEqualTo("file-token-9");
        assertThat(config.baseUrl()).hasToString("http://zendesk.internal:8080");
        assertThat(config.resolveAction()).isEqualTo(ResolveAction.PENDING);
        assertThat(config.toString()).doesNotContain("file-token-9");
    }

    @Test
    void everyMissingOrBadSettingIsReportedAtOnce() {
        assertThatThrownBy(() -> ZendeskConfig.from(new Environment(Map.of(
                        "TOCSIN_PUBLISHER_ZENDESK_SUBDOMAIN", "acme", "TOCSIN_PUBLISHER_ZENDESK_MAX_ATTEMPTS", "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_PUBLISHER_ZENDESK_EMAIL")
                .hasMessageContaining("TOCSIN_PUBLISHER_ZENDESK_API_TOKEN")
                .hasMessageContaining("TOCSIN_PUBLISHER_ZENDESK_MAX_ATTEMPTS");
        assertThatThrownBy(() -> ZendeskConfig.from(new Environment(Map.of(
                        "TOCSIN_PUBLISHER_ZENDESK_SUBDOMAIN",
                        "acme",
                        "TOCSIN_PUBLISHER_ZENDESK_RESOLVE_ACTION",
                        "close"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_PUBLISHER_ZENDESK_RESOLVE_ACTION");
    }
}
