package dev.tocsin.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingRulesTest {

    /** The example of issue 10, verbatim. */
    static final String ISSUE_EXAMPLE = """
            routes:
              - matchers: ['job=~"chat-.*"']
                product: chat
              - matchers: ['alertname="VoiceGatewayDown"', 'region!=""']
                product: voice
                component: sbc
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # labels (name=value, comma-separated)              | product | component
            job=chat-api                                        | chat    | -
            job=chat-                                           | chat    | -
            job=xchat-api                                       | -       | -
            job=chat-api,alertname=VoiceGatewayDown,region=eu-1 | chat    | -
            alertname=VoiceGatewayDown,region=eu-1              | voice   | sbc
            alertname=VoiceGatewayDown                          | -       | -
            alertname=VoiceGatewayDown,region=                  | -       | -
            alertname=voicegatewaydown,region=eu-1              | -       | -
            """)
    void theIssueExampleRoutesFirstMatchWinsAndAllMatchersMustHold(String labels, String product, String component)
            throws IOException {
        RoutingRules rules = RoutingRules.load(write("routing.yaml", ISSUE_EXAMPLE));

        var match = rules.firstMatch(labels(labels));

        assertThat(match.map(RoutingRule::product).orElse(null)).isEqualTo(product);
        assertThat(match.map(RoutingRule::component).orElse(null)).isEqualTo(component);
    }

    @Test
    void theGuidesExampleRoutesAsItSays() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "ALERT-INGEST.md"));
        String routing = guide.substring(guide.indexOf("## Routing"));
        String example = routing.substring(
                routing.indexOf("```yaml\n") + 8, routing.indexOf("```\n", routing.indexOf("```yaml")));
        RoutingRules rules = RoutingRules.load(write("guide.yaml", example));

        assertThat(rules.firstMatch(Map.of("job", "chat-api")).orElseThrow().product())
                .isEqualTo("chat");
        assertThat(rules.firstMatch(Map.of("source", "sbc-3.example.com", "class", "ping failure"))
                        .orElseThrow()
                        .severity())
                .isEqualTo("critical");
        assertThat(rules.firstMatch(Map.of("source", "sbc-3Xexample.com", "class", "ping failure")))
                .isEmpty();
        assertThat(rules.firstMatch(Map.of("tags", "vip,billing", "channel", "email"))
                        .orElseThrow()
                        .product())
                .isEqualTo("billing");
        assertThat(rules.firstMatch(Map.of("tag_chat_widget", "true"))
                        .orElseThrow()
                        .product())
                .isEqualTo("chat");
    }

    @Test
    void aRuleWithoutMatchersIsACatchAll() {
        RoutingRules rules = RoutingRules.parse(yaml("""
                routes:
                  - matchers: ['team="payments"']
                    product: payments
                  - matchers: []
                    product: ops-misc
                    severity: low
                """), "inline");

        assertThat(rules.firstMatch(Map.of("team", "payments")).orElseThrow().product())
                .isEqualTo("payments");
        assertThat(rules.firstMatch(Map.of()).orElseThrow().severity()).isEqualTo("low");
    }

    @Test
    void theBundledDefaultHasNoRules() {
        assertThat(RoutingRules.defaults().rules()).isEmpty();
    }

    @Test
    void jsonFilesAreReadAsJson() throws IOException {
        RoutingRules rules = RoutingRules.load(write(
                "routing.json",
                "{\"routes\":[{\"matchers\":[\"service=~\\\"(?i)zendesk.*\\\"\"],\"product\":\"support\"}]}"));

        assertThat(rules.firstMatch(Map.of("service", "ZendeskTalk"))
                        .orElseThrow()
                        .product())
                .isEqualTo("support");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            '- matchers: [''job=~"chat-("'']\\n  product: chat'      | routes[1] (rule 2): matchers[0]: invalid regular expression in matcher for 'job'
            '- matchers: [''job=="chat"'']\\n  product: chat'        | routes[1] (rule 2): matchers[0]: bad matcher 'job==\"chat\"': unescaped double quote in value
            '- matchers: [''job"chat'']\\n  product: chat'           | routes[1] (rule 2): matchers[0]: bad matcher 'job\"chat': expected name=\"value\"
            '- matchers: [''job="chat"'']'                           | routes[1] (rule 2): product is required
            '- matcher: [''job="chat"'']\\n  product: chat'          | routes[1] (rule 2): unknown field 'matcher'
            '- matchers: [''job="chat"'']\\n  product: chat\\n  severity: dire' | routes[1] (rule 2): severity 'dire' is unknown
            '- product: chat'                                        | routes[1] (rule 2): 'matchers' must be a list
            """)
    void anInvalidFileIsRefusedNamingFileRuleAndError(String secondRule, String expected) throws IOException {
        Path file = write(
                "bad.yaml",
                "routes:\n  - matchers: ['job=\"ok\"']\n    product: ok\n" + indent(secondRule.replace("\\n", "\n")));

        assertThatThrownBy(() -> RoutingRules.load(file))
                .isInstanceOf(RoutingRulesException.class)
                .hasMessageStartingWith("routing rules " + file + ": ")
                .hasMessageContaining(expected);
    }

    @Test
    void aFileThatIsNotYamlOrHasNoRouteListIsRefused() throws IOException {
        Path broken = write("broken.yaml", "routes: [\n");
        Path wrong = write("wrong.yaml", "routes: chat\n");

        assertThatThrownBy(() -> RoutingRules.load(broken)).hasMessageContaining(broken + ": not valid YAML");
        assertThatThrownBy(() -> RoutingRules.load(wrong))
                .hasMessageContaining("expected an object with a list 'routes'");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String indent(String rule) {
        return Arrays.stream(rule.split("\n"))
                        .map(line -> "  " + line)
                        .reduce((a, b) -> a + "\n" + b)
                        .orElse("") + "\n";
    }

    static com.fasterxml.jackson.databind.JsonNode yaml(String text) {
        try {
            return new YAMLMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        for (String pair : text.split(",")) {
            String[] parts = pair.split("=", 2);
            labels.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return labels;
    }
}
