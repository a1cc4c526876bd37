package dev.tocsin.ingest.domain;

import dev.tocsin.schemas.rules.LabelMatcher;
import dev.tocsin.schemas.rules.LabelMatchers;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One routing rule: when every matcher holds (Alertmanager syntax, a missing label is the empty
 * value), the alert or report belongs to {@code product}; {@code component}, {@code region} and
 * {@code severity} are set too when the rule names them (null: taken from the labels as usual).
 *
 * @param matchers  all must hold; an empty list matches everything (a catch-all at the end)
 * @param product   the product the rule assigns, as written (the catalog makes it canonical)
 * @param component the component the rule assigns, or null
 * @param region    the region the rule assigns, or null
 * @param severity  a severity word known to {@link SeverityHints}, or null
 */
public record RoutingRule(
        List<LabelMatcher> matchers, String product, String component, String region, String severity) {

    public RoutingRule {
        matchers = List.copyOf(Objects.requireNonNull(matchers, "matchers"));
        if (product == null || product.isBlank()) {
            throw new IllegalArgumentException("product is required");
        }
        if (severity != null && SeverityHints.map(severity) == null) {
            throw new IllegalArgumentException(
                    "severity '" + severity + "' is unknown; use e.g. critical, high, " + "warning, low, info");
        }
    }

    /** Whether every matcher holds for these labels. */
    public boolean matches(Map<String, String> labels) {
        return LabelMatchers.allMatch(matchers, labels);
    }
}
