package dev.tocsin.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.console.TestIncidents;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentFilterTest {

    private static Incident incident(
            String id,
            String product,
            Severity severity,
            Scope scope,
            PublicStatus status,
            boolean acknowledged,
            boolean published) {
        return TestIncidents.incident(id, product, severity, scope, status, acknowledged, published);
    }

    private static IncidentFilter filter(Map<String, String> params) {
        return IncidentFilter.from(params::get);
    }

    private final Incident chatOpen =
            incident("chat-00000001", "chat", Severity.SEV1, Scope.PLATFORM, PublicStatus.INVESTIGATING, false, false);
    private final Incident voiceResolved = incident(
            "voice-00000002", "voice", Severity.SEV3, Scope.SINGLE_CUSTOMER, PublicStatus.RESOLVED, true, true);
    private final Incident unclassified = incident(
            "unclassified-00000003",
            "unclassified",
            Severity.SEV4,
            Scope.PLATFORM,
            PublicStatus.INVESTIGATING,
            false,
            false);

    @Test
    void withoutParametersOnlyOpenIncidentsAreListed() {
        IncidentFilter open = filter(Map.of());
        assertThat(open.matches(chatOpen, "unclassified")).isTrue();
        assertThat(open.matches(voiceResolved, "unclassified")).isFalse();
        assertThat(filter(Map.of("status", "all")).matches(voiceResolved, "unclassified"))
                .isTrue();
        assertThat(filter(Map.of("status", "resolved")).matches(chatOpen, "unclassified"))
                .isFalse();
    }

    @Test
    void everyFilterNarrowsByItsOwnFact() {
        assertThat(filter(Map.of("status", "all", "product", "voice")).matches(voiceResolved, "unclassified"))
                .isTrue();
        assertThat(filter(Map.of("product", "voice")).matches(chatOpen, "unclassified"))
                .isFalse();
        assertThat(filter(Map.of("severity", "1")).matches(chatOpen, "unclassified"))
                .isTrue();
        assertThat(filter(Map.of("severity", "2")).matches(chatOpen, "unclassified"))
                .isFalse();
        assertThat(filter(Map.of("scope", "platform")).matches(chatOpen, "unclassified"))
                .isTrue();
        assertThat(filter(Map.of("status", "all", "scope", "PLATFORM")).matches(voiceResolved, "unclassified"))
                .isFalse();
        assertThat(filter(Map.of("acknowledged", "no")).matches(chatOpen, "unclassified"))
                .isTrue();
        assertThat(filter(Map.of("status", "all", "acknowledged", "no")).matches(voiceResolved, "unclassified"))
                .isFalse();
        assertThat(filter(Map.of("status", "all", "published", "yes")).matches(voiceResolved, "unclassified"))
                .isTrue();
        assertThat(filter(Map.of("published", "yes")).matches(chatOpen, "unclassified"))
                .isFalse();
    }

    @Test
    void unclassifiedMeansTheConfiguredUnclassifiedProduct() {
        assertThat(filter(Map.of("unclassified", "yes")).matches(unclassified, "unclassified"))
                .isTrue();
        assertThat(filter(Map.of("unclassified", "yes")).matches(chatOpen, "unclassified"))
                .isFalse();
        assertThat(filter(Map.of("unclassified", "no")).matches(unclassified, "unclassified"))
                .isFalse();
        assertThat(filter(Map.of("unclassified", "yes")).matches(unclassified, "other"))
                .isFalse();
    }

    @Test
    void anUnknownYesNoValueMatchesNothingRatherThanEverything() {
        assertThat(filter(Map.of("acknowledged", "maybe")).matches(chatOpen, "unclassified"))
                .isFalse();
    }

    @Test
    void theFilterRoundTripsThroughItsQueryParameters() {
        IncidentFilter original =
                filter(Map.of("status", "all", "product", "chat", "severity", "2", "acknowledged", "yes"));
        assertThat(IncidentFilter.from(original.parameters()::get)).isEqualTo(original);
    }
}
