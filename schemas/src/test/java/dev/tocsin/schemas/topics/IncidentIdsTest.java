package dev.tocsin.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IncidentIdsTest {

    @Test
    void sameProductAndSeedGiveTheSameIdSoReplaysAreDeterministic() {
        assertThat(IncidentIds.of("chat", "fp-1@2026-11-21T10:00Z"))
                .isEqualTo(IncidentIds.of("chat", "fp-1@2026-11-21T10:00Z"))
                .matches("chat-[0-9a-f]{8}")
                .isNotEqualTo(IncidentIds.of("chat", "fp-2@2026-11-21T10:00Z"));
    }

    @Test
    void productIsReadBackFromTheIdEvenWhenItContainsDashes() {
        assertThat(IncidentIds.productOf(IncidentIds.of("contact-center", "x"))).contains("contact-center");
    }

    @Test
    void malformedIdsHaveNoProduct() {
        assertThat(IncidentIds.productOf("INC-42")).isEmpty();
        assertThat(IncidentIds.productOf("chat-XYZ12345")).isEmpty();
        assertThat(IncidentIds.productOf(null)).isEmpty();
        assertThat(IncidentIds.isWellFormed("chat-0123abcd")).isTrue();
    }
}
