package dev.tocsin.publisher.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_test";
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private static final byte[] BODY = "{\"notification_id\":\"n-1\"}".getBytes(UTF_8);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void signatureVerifiesWithTheSharedSecretAndFailsWithAnother() {
        String header = WebhookSignature.sign(BODY, SECRET, NOW);

        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW, TOLERANCE))
                .isTrue();
        assertThat(WebhookSignature.verify(header, BODY, "another-secret", NOW, TOLERANCE))
                .isFalse();
    }

    @Test
    void signatureIsTheHexHmacOfTimestampDotBody() {
        // expected value computed independently:
        // printf '%s' '1700000000.{"notification_id":"n-1"}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(WebhookSignature.sign(BODY, SECRET, NOW))
                .isEqualTo("t=1700000000,v1=5db8811070e2ea7ddb91ebbdfa8fbd706e70fbe124f291661347e40e31d8aa46");
    }

    @Test
    void tamperedBodyFailsVerification() {
        String header = WebhookSignature.sign(BODY, SECRET, NOW);

        assertThat(WebhookSignature.verify(
                        header, "{\"notification_id\":\"n-2\"}".getBytes(UTF_8), SECRET, NOW, TOLERANCE))
                .isFalse();
    }

    @Test
    void timestampOutsideTheToleranceIsRejectedEitherWay() {
        String header = WebhookSignature.sign(BODY, SECRET, NOW);

        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW.plus(Duration.ofMinutes(4)), TOLERANCE))
                .isTrue();
        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW.plus(Duration.ofMinutes(6)), TOLERANCE))
                .as("replayed later")
                .isFalse();
        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW.minus(Duration.ofMinutes(6)), TOLERANCE))
                .as("from the future")
                .isFalse();
    }

    @Test
    void changingTheTimestampBreaksTheSignature() {
        String header = WebhookSignature.sign(BODY, SECRET, NOW);
        String moved = header.replace("t=1700000000", "t=1700000060");

        assertThat(WebhookSignature.verify(moved, BODY, SECRET, NOW, TOLERANCE)).isFalse();
    }

    @Test
    void anyV1SignatureMayMatchSoSecretsCanBeRotated() {
        String old = WebhookSignature.sign(BODY, "old-secret", NOW);
        String current = WebhookSignature.sign(BODY, SECRET, NOW);
        String both = old + "," + current.substring(current.indexOf("v1="));

        assertThat(WebhookSignature.verify(both, BODY, SECRET, NOW, TOLERANCE)).isTrue();
        assertThat(WebhookSignature.verify(both, BODY, "old-secret", NOW, TOLERANCE))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "garbage",
                "t=1700000000",
                "v1=5db8811070e2ea7ddb91ebbdfa8fbd706e70fbe124f291661347e40e31d8aa46",
                "t=soon,v1=5db8811070e2ea7ddb91ebbdfa8fbd706e70fbe124f291661347e40e31d8aa46",
                "t=1700000000,v1=",
                "t=1700000000,v1=5db8"
            })
    void malformedHeaderIsRejected(String header) {
        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW, TOLERANCE))
                .isFalse();
    }

    @Test
    void missingHeaderIsRejected() {
        assertThat(WebhookSignature.verify(null, BODY, SECRET, NOW, TOLERANCE)).isFalse();
    }
}
