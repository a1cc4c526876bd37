package dev.tocsin.publisher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmailConfigTest {

    @Test
    void emailIsOffByDefaultAndNeedsNothing() {
        EmailConfig config = EmailConfig.from(new Environment(Map.of()));
        assertThat(config.enabled()).isFalse();
        assertThat(config.startTls()).isTrue();
        assertThat(config.port()).isEqualTo(587);
    }

    @Test
    void enabledEmailRequiresTheSubscriptionSecret() {
        assertThatThrownBy(() -> EmailConfig.from(new Environment(Map.of("TOCSIN_PUBLISHER_EMAIL_ENABLED", "true"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_PUBLISHER_SUBSCRIPTION_SECRET is required");
    }

    @Test
    void smtpPasswordIsReadFromItsSecretFileAndNeverPrinted(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("smtp-password"), "pa55word\n");
        EmailConfig config = EmailConfig.from(new Environment(Map.of(
                "TOCSIN_PUBLISHER_EMAIL_ENABLED",
                "true",
                "TOCSIN_PUBLISHER_SUBSCRIPTION_SECRET",
                "s3cret",
                "TOCSIN_PUBLISHER_SMTP_USER",
                "status",
                "TOCSIN_PUBLISHER_SMTP_PASSWORD_FILE",
                secret.toString())));
        assertThat(config.password()).isEqualTo("pa55word");
        assertThat(config.toString()).doesNotContain("pa55word").doesNotContain("s3cret");
    }

    @Test
    void userWithoutPasswordFileAndBadFromAreReportedTogether() {
        assertThatThrownBy(() -> EmailConfig.from(new Environment(Map.of(
                        "TOCSIN_PUBLISHER_SMTP_USER", "status", "TOCSIN_PUBLISHER_SMTP_FROM", "not an address"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_PUBLISHER_SMTP_PASSWORD_FILE is required")
                .hasMessageContaining("TOCSIN_PUBLISHER_SMTP_FROM is not an e-mail address");
    }
}
