package dev.tocsin.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.schemas.topics.IncidentIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductNamesTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "chat                 | chat",
                "  Contact Center     | contact-center",
                "payments/api         | payments-api",
                "Zürich Größe         | zurich-grosse",
                "--Voice__ GW.--      | voice_gw",
                "sip-trunk            | sip-trunk",
                "a  /  b              | a-b",
            })
    void namesAreNormalizedToOneSafeShape(String raw, String expected) {
        assertThat(ProductNames.normalize(raw)).isEqualTo(expected);
    }

    @Test
    void everyNormalizedNameMakesAnIncidentIdWhoseProductReadsBack() {
        for (String raw :
                new String[] {"Contact Center", "payments/api", "Zürich", "チャット", "x".repeat(300), "a.b_c-d"}) {
            String product = ProductNames.normalize(raw);
            assertThat(ProductNames.isSafe(product)).as(raw).isTrue();
            assertThat(ProductNames.normalize(product))
                    .as("idempotent for " + raw)
                    .isEqualTo(product);
            assertThat(IncidentIds.productOf(IncidentIds.of(product, "seed")))
                    .as(raw)
                    .contains(product);
        }
    }

    @Test
    void namesWithoutLatinLettersKeepDistinctStableNames() {
        assertThat(ProductNames.normalize("チャット"))
                .matches("p-[0-9a-f]{8}")
                .isEqualTo(ProductNames.normalize(" チャット "))
                .isNotEqualTo(ProductNames.normalize("音声"));
    }

    @Test
    void blankIsNoName() {
        assertThat(ProductNames.normalize("  ")).isNull();
        assertThat(ProductNames.normalize(null)).isNull();
    }
}
