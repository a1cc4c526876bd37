package dev.tocsin.publisher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookDeliveryConfigTest {

    @Test
    void webhooksAreOffByDefaultWithTheDocumentedDefaults() {
        WebhookDeliveryConfig config = WebhookDeliveryConfig.from(new Environment(Map.of()));

        assertThat(config.enabled()).isFalse();
        assertThat(config.secret()).isNull();
        assertThat(config.maxAttempts()).isEqualTo(5);
        assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void everySettingIsDeclaredWithItsDefault() {
        assertThat(WebhookSettings.all())
                .extracting(s -> s.env() + "=" + s.defaultValue())
                .containsExactly(
                        "TOCSIN_PUBLISHER_WEBHOOKS_ENABLED=false",
                        "TOCSIN_PUBLISHER_WEBHOOK_SECRET=null",
                        "TOCSIN_PUBLISHER_WEBHOOK_MAX_ATTEMPTS=5",
                        "TOCSIN_PUBLISHER_WEBHOOK_BACKOFF=500ms",
                        "TOCSIN_PUBLISHER_WEBHOOK_MAX_BACKOFF=30s",
                        "TOCSIN_PUBLISHER_WEBHOOK_TIMEOUT=5s",
                        "TOCSIN_PUBLISHER_WEBHOOK_CONCURRENCY=8",
                        "TOCSIN_PUBLISHER_WEBHOOK_CIRCUIT_FAILURES=5",
                        "TOCSIN_PUBLISHER_WEBHOOK_CIRCUIT_COOLDOWN=30s",
                        "TOCSIN_PUBLISHER_WEBHOOK_ALLOW_LIST=null");
        assertThat(WebhookSettings.SECRET.secret()).isTrue();
    }

    @Test
    void enablingWebhooksWithoutASecretIsRejectedNamingTheVariable() {
        Environment env = new Environment(Map.of("TOCSIN_PUBLISHER_WEBHOOKS_ENABLED", "true"));

        assertThatThrownBy(() -> WebhookDeliveryConfig.from(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "TOCSIN_PUBLISHER_WEBHOOK_SECRET is required when TOCSIN_PUBLISHER_WEBHOOKS_ENABLED=true");
    }

    @Test
    void enabledWithASecretIsAccepted() {
        WebhookDeliveryConfig config = WebhookDeliveryConfig.from(new Environment(Map.of(
                "TOCSIN_PUBLISHER_WEBHOOKS_ENABLED",
                "true",
                "TOCSIN_PUBLISHER_WEBHOOK_SECRET",
                "s3cret",
                "TOCSIN_PUBLISHER_WEBHOOK_MAX_ATTEMPTS",
                "3",
                "TOCSIN_PUBLISHER_WEBHOOK_TIMEOUT",
                "1000ms")));

        assertThat(config.enabled()).isTrue();
        assertThat(config.secret()).isEqualTo("s3cret");
        assertThat(config.maxAttempts()).isEqualTo(3);
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Environment env = new Environment(Map.of(
                "TOCSIN_PUBLISHER_WEBHOOKS_ENABLED",
                "true",
                "TOCSIN_PUBLISHER_WEBHOOK_MAX_ATTEMPTS",
                "0",
                "TOCSIN_PUBLISHER_WEBHOOK_BACKOFF",
                "1000ms",
                "TOCSIN_PUBLISHER_WEBHOOK_MAX_BACKOFF",
                "10ms",
                "TOCSIN_PUBLISHER_WEBHOOK_TIMEOUT",
                "0s"));

        assertThatThrownBy(() -> WebhookDeliveryConfig.from(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_PUBLISHER_WEBHOOK_SECRET")
                .hasMessageContaining("TOCSIN_PUBLISHER_WEBHOOK_MAX_ATTEMPTS=0")
                .hasMessageContaining("TOCSIN_PUBLISHER_WEBHOOK_MAX_BACKOFF=10ms")
                .hasMessageContaining("TOCSIN_PUBLISHER_WEBHOOK_TIMEOUT=0ms");
    }

    @Test
    void theFormerMillisecondVariablesStillWork() {
        WebhookDeliveryConfig config = WebhookDeliveryConfig.from(new Environment(Map.of(
                "TOCSIN_PUBLISHER_WEBHOOK_BACKOFF_MS",
                "250",
                "TOCSIN_PUBLISHER_WEBHOOK_MAX_BACKOFF_MS",
                "4000",
                "TOCSIN_PUBLISHER_WEBHOOK_TIMEOUT_MS",
                "1000",
                "TOCSIN_PUBLISHER_WEBHOOK_CIRCUIT_COOLDOWN_MS",
                "2000")));

        assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.circuitCoolDown()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void unparsableValueNamesItsVariable() {
        Environment env = new Environment(
                Map.of("TOCSIN_PUBLISHER_WEBHOOK_MAX_ATTEMPTS", "many", "TOCSIN_PUBLISHER_WEBHOOKS_ENABLED", "maybe"));

        assertThatThrownBy(() -> WebhookDeliveryConfig.from(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_PUBLISHER_WEBHOOK_MAX_ATTEMPTS='many'")
                .hasMessageContaining("TOCSIN_PUBLISHER_WEBHOOKS_ENABLED='maybe'");
    }

    @Test
    void secretIsNeverPrinted() {
        Environment env = new Environment(
                Map.of("TOCSIN_PUBLISHER_WEBHOOKS_ENABLED", "true", "TOCSIN_PUBLISHER_WEBHOOK_SECRET", "s3cret-value"));

        assertThat(WebhookDeliveryConfig.from(env).toString())
                .doesNotContain("s3cret-value")
                .contains("****");
        assertThat(env.describe(WebhookSettings.all()).toString()).doesNotContain("s3cret-value");
    }

    @Test
    void allowListAndIsolationAreReadAndBadEntriesNamed() {
        WebhookDeliveryConfig config = WebhookDeliveryConfig.from(new Environment(Map.of(
                "TOCSIN_PUBLISHER_WEBHOOKS_ENABLED",
                "true",
                "TOCSIN_PUBLISHER_WEBHOOK_SECRET",
                "s3cret",
                "TOCSIN_PUBLISHER_WEBHOOK_ALLOW_LIST",
                " 10.20.0.0/16, hooks.internal ,",
                "TOCSIN_PUBLISHER_WEBHOOK_CONCURRENCY",
                "3")));

        assertThat(config.allowList()).containsExactly("10.20.0.0/16", "hooks.internal");
        assertThat(config.concurrency()).isEqualTo(3);
        assertThat(config.allowLoopback())
                .as("only the local stack reaches loopback")
                .isFalse();
        assertThatThrownBy(() -> WebhookDeliveryConfig.from(new Environment(Map.of(
                        "TOCSIN_PUBLISHER_WEBHOOK_ALLOW_LIST",
                        "http://hooks.internal/x",
                        "TOCSIN_PUBLISHER_WEBHOOK_CONCURRENCY",
                        "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_PUBLISHER_WEBHOOK_ALLOW_LIST entry 'http://hooks.internal/x'")
                .hasMessageContaining("TOCSIN_PUBLISHER_WEBHOOK_CONCURRENCY=0");
    }

    @Test
    void theLocalStackMayReachLoopback() {
        WebhookDeliveryConfig config = WebhookDeliveryConfig.from(new Environment(Map.of("TOCSIN_ENV", "local")));

        assertThat(config.allowLoopback()).isTrue();
    }
}
