package dev.tocsin.publisher.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.SubscriptionScope;
import dev.tocsin.publisher.domain.ComponentCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailSubscriptionRequestTest {

    private static final ComponentCatalog TWO = ComponentCatalog.of(linked());
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private static Map<String, String> linked() {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        map.put("chat", "Chat");
        map.put("voice", "Voice");
        return map;
    }

    @Test
    void oneSubscriptionPerChosenComponentInCatalogOrderWithTheAddressLowerCased() {
        EmailSubscriptionRequest request = EmailSubscriptionRequest.parse(
                        " Ada@Example.COM ", List.of("voice", "chat", "voice"), "de-CH", TWO)
                .request();
        assertThat(request.address()).isEqualTo("ada@example.com");
        assertThat(request.products()).containsExactly("chat", "voice");
        assertThat(request.language()).isEqualTo("de");
        assertThat(request.subscriptions(NOW))
                .extracting(s -> s.getScope() + ":" + s.getTarget() + ":" + s.getChannel())
                .containsExactly(
                        "PRODUCT:chat:" + NotificationChannel.EMAIL, "PRODUCT:voice:" + NotificationChannel.EMAIL);
    }

    @Test
    void noComponentChosenFollowsEverything() {
        EmailSubscriptionRequest request = EmailSubscriptionRequest.parse("ada@example.com", List.of(), "en", TWO)
                .request();
        assertThat(request.subscriptions(NOW)).singleElement().satisfies(s -> {
            assertThat(s.getScope()).isEqualTo(SubscriptionScope.ALL);
            assertThat(s.getTarget()).isNull();
        });
    }

    @Test
    void subscribingAgainWritesTheSameSubscriptionIds() {
        EmailSubscriptionRequest once = EmailSubscriptionRequest.parse("ada@example.com", List.of("chat"), "en", TWO)
                .request();
        EmailSubscriptionRequest again = EmailSubscriptionRequest.parse("ADA@example.com", List.of("chat"), "ja", TWO)
                .request();
        assertThat(again.subscriptions(NOW).get(0).getSubscriptionId())
                .isEqualTo(once.subscriptions(NOW).get(0).getSubscriptionId());
    }

    @Test
    void confirmationPayloadCarriesTheWholeRequest() {
        EmailSubscriptionRequest request = EmailSubscriptionRequest.parse(
                        "ada@example.com", List.of("voice"), "ja", TWO)
                .request();
        assertThat(EmailSubscriptionRequest.fromPayload(request.payload())).contains(request);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ada",
                "ada@",
                "ada@example",
                "Ada <ada@example.com>",
                "a@example.com, b@example.com",
                "ada@example.com\r\nBcc: eve@example.com",
                "ada @example.com"
            })
    void anythingButOnePlainAddressIsRefused(String address) {
        EmailSubscriptionRequest.Result result = EmailSubscriptionRequest.parse(address, List.of(), "en", TWO);
        assertThat(result.request()).isNull();
        assertThat(result.refusal().field()).isEqualTo("email");
    }

    @Test
    void componentsOutsideTheCatalogAreRefused() {
        EmailSubscriptionRequest.Result result =
                EmailSubscriptionRequest.parse("ada@example.com", List.of("internal-db"), "en", TWO);
        assertThat(result.refusal().field()).isEqualTo("component");
    }
}
