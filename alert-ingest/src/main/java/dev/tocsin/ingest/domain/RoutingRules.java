package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.schemas.rules.LabelMatcher;
import dev.tocsin.schemas.rules.LabelMatchers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered routing rules that give a product to alerts and reports that name none: the first
 * rule whose matchers all hold wins. A product label on the alert always wins over the rules.
 *
 * <p>File format (YAML, or the same structure as JSON):
 * <pre>
 * routes:
 *   - matchers: ['job=~"chat-.*"']
 *     product: chat
 *   - matchers: ['alertname="VoiceGatewayDown"', 'region!=""']
 *     product: voice
 *     component: sbc          # optional, as are region and severity
 * </pre>
 */
public final class RoutingRules {

    /** Classpath resource of {@link #defaults()}: no rules. */
    public static final String DEFAULT_RESOURCE = "/dev/tocsin/ingest/domain/default-routing.yaml";

    private static final RoutingRules NONE = new RoutingRules(List.of());
    private static final Set<String> RULE_FIELDS = Set.of("matchers", "product", "component", "region", "severity");

    private final List<RoutingRule> rules;

    private RoutingRules(List<RoutingRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** No rules: nothing is routed. */
    public static RoutingRules none() {
        return NONE;
    }

    public static RoutingRules of(List<RoutingRule> rules) {
        return new RoutingRules(rules);
    }

    /**
     * Loads a rules file: {@code .json} as JSON, anything else as YAML.
     *
     * @throws RoutingRulesException naming the file, the rule index and what is wrong
     */
    public static RoutingRules load(Path file) {
        return parse(ConfigDocuments.file(file, "routing rules", RoutingRulesException::new), String.valueOf(file));
    }

    /** The bundled rules ({@value #DEFAULT_RESOURCE}): none. */
    public static RoutingRules defaults() {
        return parse(
                ConfigDocuments.resource(DEFAULT_RESOURCE, "routing rules", RoutingRulesException::new),
                DEFAULT_RESOURCE);
    }

    /**
     * Rules from a parsed document.
     *
     * @param source what to call the document in messages (its file name)
     * @throws RoutingRulesException naming the source, the rule index and what is wrong
     */
    public static RoutingRules parse(JsonNode root, String source) {
        String where = "routing rules " + source + ": ";
        if (root == null || root.isMissingNode() || root.isNull()) {
            return NONE; // an empty file
        }
        if (!root.isObject()
                || !(root.path("routes").isArray()
                        || root.path("routes").isNull()
                        || root.path("routes").isMissingNode())) {
            throw new RoutingRulesException(where + "expected an object with a list 'routes'");
        }
        List<RoutingRule> rules = new ArrayList<>();
        JsonNode routes = root.path("routes");
        for (int i = 0; i < routes.size(); i++) {
            String rule = where + "routes[" + i + "] (rule " + (i + 1) + "): ";
            try {
                rules.add(rule(routes.get(i)));
            } catch (IllegalArgumentException e) {
                throw new RoutingRulesException(rule + e.getMessage(), e);
            }
        }
        return new RoutingRules(rules);
    }

    /** The first rule whose matchers all hold for these labels. */
    public Optional<RoutingRule> firstMatch(Map<String, String> labels) {
        for (RoutingRule rule : rules) {
            if (rule.matches(labels)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    public List<RoutingRule> rules() {
        return rules;
    }

    @Override
    public String toString() {
        return "RoutingRules(" + rules.size() + " rules)";
    }

    private static RoutingRule rule(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(
                    "expected an object with matchers and product, got " + JsonFields.kind(node));
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!RULE_FIELDS.contains(field.getKey())) {
                throw new IllegalArgumentException("unknown field '" + field.getKey() + "'; allowed: "
                        + "matchers, product, component, region, severity");
            }
        }
        JsonNode matchers = node.get("matchers");
        if (matchers == null || !matchers.isArray()) {
            throw new IllegalArgumentException("'matchers' must be a list of matcher strings such as 'job=\"api\"'");
        }
        List<LabelMatcher> parsed = new ArrayList<>();
        for (int m = 0; m < matchers.size(); m++) {
            JsonNode matcher = matchers.get(m);
            if (!matcher.isTextual()) {
                throw new IllegalArgumentException(
                        "matchers[" + m + "] must be a string, got " + JsonFields.kind(matcher));
            }
            try {
                parsed.add(LabelMatchers.parse(matcher.textValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("matchers[" + m + "]: " + e.getMessage(), e);
            }
        }
        return new RoutingRule(
                parsed, text(node, "product"), text(node, "component"), text(node, "region"), text(node, "severity"));
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw new IllegalArgumentException("'" + name + "' must be a string, got " + JsonFields.kind(value));
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
