package dev.tocsin.correlator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.schemas.rules.LabelMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** inhibit_rules and dependencies in the correlation policy: parsed, validated with every problem named. */
class HoldPolicyTest {

    @Test
    void theDefaultsHaveNoInhibitRulesAndNoDependencies() {
        Policy policy = Policy.defaults();

        assertThat(policy.inhibitRules()).isEmpty();
        assertThat(policy.dependencies().isEmpty()).isTrue();
    }

    @Test
    void inhibitRulesAreReadInAlertmanagersSyntax() {
        Policy policy = Policy.parse("""
                inhibit_rules:
                  - source_matchers: ['alertname="DatacenterDown"', 'severity=~"crit.*"']
                    target_matchers: ['severity!="critical", team="net"']
                    equal: [dc, cluster]
                """, "test");

        InhibitRule rule = policy.inhibitRules().get(0);
        assertThat(rule.sourceMatchers())
                .extracting(LabelMatcher::toString)
                .containsExactly("alertname=\"DatacenterDown\"", "severity=~\"crit.*\"");
        assertThat(rule.targetMatchers())
                .extracting(LabelMatcher::toString)
                .containsExactly("severity!=\"critical\"", "team=\"net\"");
        assertThat(rule.equal()).containsExactly("dc", "cluster");
        assertThat(rule.isSource(Map.of("alertname", "DatacenterDown", "severity", "critical")))
                .isTrue();
        assertThat(rule.equalValues(Map.of("dc", "a"))).isNotEqualTo(rule.equalValues(Map.of("cluster", "a")));
    }

    @Test
    void badInhibitRulesAreReportedWithTheirPath() {
        assertThatThrownBy(() -> Policy.parse("""
                inhibit_rules:
                  - source_matchers: ['alertname=="x"']
                    target_matchers: []
                    equal: ['not a label']
                    source_match: {a: b}
                  - target_matchers: ['a="b"']
                """, "test"))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(((PolicyException) e).problems())
                        .anyMatch(p -> p.startsWith("inhibit_rules[0].source_matchers[0]: "))
                        .contains(
                                "inhibit_rules[0].target_matchers: must be a non-empty list of matchers, e.g. ['alertname=\"NodeDown\"']")
                        .contains("inhibit_rules[0].equal[0]: 'not a label' is not a label name")
                        .anyMatch(p -> p.startsWith("inhibit_rules[0].source_match: unknown field"))
                        .anyMatch(p -> p.startsWith("inhibit_rules[1].source_matchers: must be a non-empty list")));
    }

    @Test
    void dependenciesAreReadAsDependantToUpstreams() {
        Policy policy = Policy.parse("""
                dependencies:
                  voice: [sip-trunk]
                  sip-trunk: [carrier, dns]
                """, "test");

        assertThat(policy.dependencies().upstreamsOf("voice")).containsExactly("sip-trunk", "carrier", "dns");
        assertThat(policy.dependencies().hasUpstreams("chat")).isFalse();
    }

    @Test
    void aDependencyCycleIsRejectedNamingTheCycle() {
        assertThatThrownBy(() -> Policy.parse("""
                dependencies:
                  voice: [sip-trunk]
                  sip-trunk: [carrier]
                  carrier: [voice]
                """, "test"))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(((PolicyException) e).problems())
                        .containsExactly("dependencies: dependency cycle voice -> sip-trunk -> carrier -> voice"
                                + " (a product cannot depend on itself, even indirectly)"));
    }

    @Test
    void badDependenciesAreReportedWithTheirPath() {
        assertThatThrownBy(() -> Policy.parse("""
                dependencies:
                  voice: [voice, "Sip Trunk"]
                  chat: sip-trunk
                """, "test"))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(((PolicyException) e).problems())
                        .containsExactlyInAnyOrder(
                                "dependencies.voice[0]: a product cannot depend on itself",
                                "dependencies.voice[1]: 'Sip Trunk' is not a product name",
                                "dependencies.chat: must be a list of products, e.g. [sip-trunk]"));
    }

    @Test
    void theGuidesInhibitionAndDependencyExamplesLoad() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "INCIDENT-CORRELATOR.md"));
        java.util.regex.Matcher block = java.util.regex.Pattern.compile(
                        "```yaml\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(guide);
        int loaded = 0;
        while (block.find()) {
            String yaml = block.group(1);
            if (yaml.startsWith("inhibit_rules:") || yaml.startsWith("dependencies:")) {
                Policy policy = Policy.parse(yaml, "docs/INCIDENT-CORRELATOR.md");
                assertThat(policy.inhibitRules().isEmpty()
                                && policy.dependencies().isEmpty())
                        .isFalse();
                loaded++;
            }
        }
        assertThat(loaded).isEqualTo(2);
    }

    @Test
    void cyclesAreFoundInAnyShapeOfGraph() {
        assertThat(ProductDependencies.cycle(Map.of("a", List.of("b", "c"), "b", List.of("c"), "c", List.of())))
                .isEmpty();
        assertThat(ProductDependencies.cycle(Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("b"))))
                .hasValueSatisfying(cycle -> assertThat(List.of(List.of("b", "c", "b"), List.of("c", "b", "c")))
                        .contains(cycle));
    }
}
