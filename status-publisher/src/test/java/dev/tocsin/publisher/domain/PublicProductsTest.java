package dev.tocsin.publisher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublicProductsTest {

    private final PublicProducts products = PublicProducts.of(
            ComponentCatalog.of(Map.of("chat", "Chat")).withGroups(Map.of("Voice", List.of("voice"))), "unclassified");

    @Test
    void configuredComponentsAndGroupMembersArePublic() {
        assertThat(products.isPublic("chat")).isTrue();
        assertThat(products.isPublic("voice")).isTrue();
    }

    @Test
    void aProductThatIsNoConfiguredComponentIsWithheld() {
        assertThat(products.isPublic("kafka-broker-7")).isFalse();
        assertThat(products.withheldBecause("kafka-broker-7")).hasValue(PublicProducts.UNKNOWN_PRODUCT);
    }

    @Test
    void theUnclassifiedProductIsNeverPublicEvenIfListed() {
        PublicProducts listed = PublicProducts.of(
                ComponentCatalog.of(Map.of("chat", "Chat", "unclassified", "Unclassified")), "unclassified");

        assertThat(listed.isPublic("unclassified")).isFalse();
        assertThat(listed.withheldBecause("unclassified")).hasValue(PublicProducts.UNCLASSIFIED);
    }
}
