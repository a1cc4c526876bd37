package dev.tocsin.publisher.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Optional component groups of the catalog, as Statuspage has them. */
class ComponentCatalogGroupsTest {

    /** chat, meet, mail in that order. */
    private static final ComponentCatalog CATALOG = TestData.CATALOG;

    @Test
    void catalogWithoutGroupsHasNoGroupsAndEveryProductIsUngrouped() {
        Map<String, String> chatThenMeet = new LinkedHashMap<>();
        chatThenMeet.put("chat", "Chat");
        chatThenMeet.put("meet", "Meet");
        ComponentCatalog catalog = ComponentCatalog.of(chatThenMeet);

        assertThat(catalog.groups()).isEmpty();
        assertThat(catalog.groupOf("chat")).isEmpty();
        assertThat(catalog.productsOf("Conversations")).isEmpty();
        assertThat(catalog.withGroups(Map.of()).products()).containsExactly("chat", "meet");
    }

    @Test
    void groupsKeepTheGivenOrderAndListTheirMembersInCatalogOrder() {
        // Given groups whose members are named against catalog order
        Map<String, List<String>> groups = groups("Video", List.of("meet"), "Messaging", List.of("mail", "chat"));

        // When
        ComponentCatalog catalog = CATALOG.withGroups(groups);

        // Then
        assertThat(catalog.groups()).containsExactly("Video", "Messaging");
        assertThat(catalog.productsOf("Messaging")).containsExactly("chat", "mail");
        assertThat(catalog.groupOf("mail")).hasValue("Messaging");
        assertThat(catalog.groupOf("meet")).hasValue("Video");
        assertThat(catalog.products()).containsExactly("chat", "meet", "mail");
    }

    @Test
    void productsOutsideAnyGroupStayUngrouped() {
        ComponentCatalog catalog = CATALOG.withGroups(groups("Messaging", List.of("chat")));

        assertThat(catalog.groupOf("meet")).isEmpty();
        assertThat(catalog.groupOf("mail")).isEmpty();
        assertThat(catalog.groupOf("voice"))
                .as("a product seen only in incidents")
                .isEmpty();
    }

    @Test
    void productNamedOnlyInAGroupIsAddedToTheCatalogWithACapitalizedName() {
        ComponentCatalog catalog = CATALOG.withGroups(groups("Messaging", List.of("chat", "voice")));

        assertThat(catalog.products()).containsExactly("chat", "meet", "mail", "voice");
        assertThat(catalog.displayName("voice")).isEqualTo("Voice");
        assertThat(catalog.productsOf("Messaging")).containsExactly("chat", "voice");
    }

    @Test
    void productCannotBeInTwoGroups() {
        Map<String, List<String>> groups =
                groups("Messaging", List.of("chat", "mail"), "Realtime", List.of("meet", "chat"));

        assertThatThrownBy(() -> CATALOG.withGroups(groups))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'chat'")
                .hasMessageContaining("'Messaging'")
                .hasMessageContaining("'Realtime'");
    }

    @Test
    void productCannotBeListedTwiceInOneGroup() {
        assertThatThrownBy(() -> CATALOG.withGroups(groups("Messaging", List.of("chat", "chat"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'chat' is listed twice");
    }

    @Test
    void groupNameMustNotBeBlank() {
        assertThatThrownBy(() -> CATALOG.withGroups(groups(" ", List.of("chat"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
    }

    @Test
    void groupMustNameAtLeastOneProduct() {
        assertThatThrownBy(() -> CATALOG.withGroups(groups("Messaging", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Messaging' has no products");
    }

    @Test
    void withGroupsReturnsANewCatalogAndLeavesTheOriginalUngrouped() {
        ComponentCatalog grouped = CATALOG.withGroups(groups("Messaging", List.of("chat", "voice")));

        assertThat(grouped).isNotSameAs(CATALOG);
        assertThat(CATALOG.groups()).isEmpty();
        assertThat(CATALOG.products()).containsExactly("chat", "meet", "mail");
    }

    @Test
    void groupRowTakesThePlaceOfItsFirstMemberAndBringsAllMembers() {
        // Given chat, meet, mail with chat and mail grouped
        ComponentCatalog catalog = CATALOG.withGroups(groups("Messaging", List.of("mail", "chat")));

        // When the shown products include one seen only in an incident
        List<ComponentCatalog.Row> rows = catalog.rows(List.of("chat", "meet", "mail", "voice"));

        // Then
        assertThat(rows)
                .containsExactly(
                        new ComponentCatalog.Row("Messaging", List.of("chat", "mail")),
                        new ComponentCatalog.Row(null, List.of("meet")),
                        new ComponentCatalog.Row(null, List.of("voice")));
    }

    private static Map<String, List<String>> groups(Object... nameThenProducts) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (int i = 0; i < nameThenProducts.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> products = (List<String>) nameThenProducts[i + 1];
            groups.put((String) nameThenProducts[i], products);
        }
        return groups;
    }
}
