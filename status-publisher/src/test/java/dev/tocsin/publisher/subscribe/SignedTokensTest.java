package dev.tocsin.publisher.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignedTokensTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private final SignedTokens tokens = new SignedTokens("key-1");

    @Test
    void tokenGivesItsPayloadBackForItsPurposeUntilItExpires() {
        String token = tokens.sign("confirm", "ada@example.com", NOW.plus(Duration.ofHours(24)));
        assertThat(tokens.verify("confirm", token, NOW)).contains("ada@example.com");
        assertThat(tokens.verify("confirm", token, NOW.plus(Duration.ofHours(24))))
                .contains("ada@example.com");
        assertThat(tokens.verify(
                        "confirm", token, NOW.plus(Duration.ofHours(24)).plusSeconds(1)))
                .isEmpty();
    }

    @Test
    void tokenOfAnotherPurposeOrKeyIsRefused() {
        String token = tokens.sign("unsubscribe", "sub-1", SignedTokens.NEVER);
        assertThat(tokens.verify("confirm", token, NOW)).isEmpty();
        assertThat(new SignedTokens("key-2").verify("unsubscribe", token, NOW)).isEmpty();
    }

    @Test
    void neverExpiringTokenStaysValid() {
        String token = tokens.sign("unsubscribe", "sub-1", SignedTokens.NEVER);
        assertThat(tokens.verify("unsubscribe", token, NOW.plus(Duration.ofDays(3650))))
                .contains("sub-1");
    }

    @Test
    void alteredPayloadExpiryOrSignatureIsRefused() {
        String token = tokens.sign("confirm", "ada@example.com", NOW.plusSeconds(60));
        String[] parts = token.split("\\.");
        String otherPayload =
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("eve@example.com".getBytes());
        assertThat(tokens.verify("confirm", otherPayload + "." + parts[1] + "." + parts[2], NOW))
                .isEmpty();
        assertThat(tokens.verify("confirm", parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2], NOW))
                .isEmpty();
        assertThat(tokens.verify("confirm", parts[0] + "." + parts[1] + ".AAAA", NOW))
                .isEmpty();
        assertThat(tokens.verify("confirm", "not a token", NOW)).isEmpty();
        assertThat(tokens.verify("confirm", null, NOW)).isEmpty();
    }
}
