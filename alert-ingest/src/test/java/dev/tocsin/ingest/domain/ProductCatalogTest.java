package dev.tocsin.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductCatalogTest {

    @TempDir
    Path dir;

    @Test
    void aliasesMapToTheCanonicalNameIgnoringCaseAndBlanks() {
        ProductCatalog catalog = ProductCatalog.of(Map.of("Chat", List.of("LiveChat", "live-chat")));
        assertThat(catalog.canonical(" LIVECHAT ")).isEqualTo("chat");
        assertThat(catalog.canonical("Live-Chat")).isEqualTo("chat");
        assertThat(catalog.canonical("CHAT")).isEqualTo("chat");
        assertThat(catalog.products()).containsExactly("chat");
        assertThat(catalog.find("livechat")).contains("chat");
    }

    @Test
    void namesAreLookedUpInTheirSafeShapeAndUnknownOnesKeepIt() {
        ProductCatalog catalog = ProductCatalog.of(Map.of("Contact Center", List.of("CCaaS Platform")));

        assertThat(catalog.products()).containsExactly("contact-center");
        assertThat(ProductCatalog.defaults().canonical("Contact Center")).isEqualTo("contact-center");
        assertThat(catalog.canonical("contact center")).isEqualTo("contact-center");
        assertThat(catalog.canonical("ccaas-platform")).isEqualTo("contact-center");
        assertThat(catalog.canonical("Payments / API")).isEqualTo("payments-api");
    }

    @Test
    void unknownProductsAreKeptAsGivenLowerCasedAndTrimmed() {
        ProductCatalog catalog = ProductCatalog.of(Map.of("chat", List.of()));
        assertThat(catalog.canonical("  Billing-API ")).isEqualTo("billing-api");
        assertThat(catalog.find("billing-api")).isEmpty();
        assertThat(ProductCatalog.empty().canonical("Talk")).isEqualTo("talk");
        assertThat(catalog.canonical("  ")).isNull();
        assertThat(catalog.canonical(null)).isNull();
    }

    @Test
    void anAliasClaimedByTwoProductsIsRejected() {
        assertThatThrownBy(() -> ProductCatalog.of(Map.of("chat", List.of("x"), "talk", List.of("X"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x'");
    }

    @Test
    void defaultsHoldTheBundledProducts() {
        ProductCatalog catalog = ProductCatalog.defaults();
        assertThat(catalog.products())
                .containsExactlyInAnyOrder("support", "guide", "chat", "talk", "voice", "messaging", "contact-center");
        assertThat(catalog.canonical("LiveChat")).isEqualTo("chat");
        assertThat(catalog.canonical("contact_center")).isEqualTo("contact-center");
    }

    @Test
    void loadsYamlAndJsonFiles() throws IOException {
        Path yaml = Files.writeString(dir.resolve("products.yaml"), """
                products:
                  chat: [livechat]
                  talk:
                """);
        Path json = Files.writeString(dir.resolve("products.json"), """
                {"products": {"chat": ["livechat"], "talk": []}}
                """);
        for (Path file : List.of(yaml, json)) {
            ProductCatalog catalog = ProductCatalog.load(file);
            assertThat(catalog.products()).containsExactly("chat", "talk");
            assertThat(catalog.canonical("LiveChat")).isEqualTo("chat");
        }
    }

    @Test
    void badContentGivesAClearErrorNamingTheFile() throws IOException {
        Path notYaml = Files.writeString(dir.resolve("broken.yaml"), "products: [unclosed\n");
        Path wrongShape = Files.writeString(dir.resolve("shape.yaml"), "chat: [livechat]\n");
        Path wrongAlias = Files.writeString(dir.resolve("alias.json"), "{\"products\": {\"chat\": [{\"x\": 1}]}}");
        Path conflict = Files.writeString(dir.resolve("conflict.yaml"), "products:\n  chat: [x]\n  talk: [x]\n");
        Path missing = dir.resolve("missing.yaml");
        for (Path file : List.of(notYaml, wrongShape, wrongAlias, conflict, missing)) {
            assertThatThrownBy(() -> ProductCatalog.load(file))
                    .isInstanceOf(ProductCatalogException.class)
                    .hasMessageContaining(file.toString());
        }
        assertThatThrownBy(() -> ProductCatalog.load(wrongShape)).hasMessageContaining("'products'");
    }
}
