package dev.tocsin.correlator.domain;

import dev.tocsin.schemas.rules.LabelMatcher;
import dev.tocsin.schemas.rules.LabelMatchers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One Alertmanager-style inhibit rule of the policy: while a firing alert matching
 * {@code sourceMatchers} exists, an alert matching {@code targetMatchers} with the same values of
 * the {@code equal} labels (a missing label is the empty value, as in Alertmanager) is held back.
 * Scope: source and target are alerts of the same product (state is partitioned by product);
 * suppression across products is what the dependency graph is for.
 */
public record InhibitRule(List<LabelMatcher> sourceMatchers, List<LabelMatcher> targetMatchers, List<String> equal) {

    public InhibitRule {
        sourceMatchers = List.copyOf(sourceMatchers);
        targetMatchers = List.copyOf(targetMatchers);
        equal = List.copyOf(equal);
    }

    public boolean isSource(Map<String, String> labels) {
        return LabelMatchers.allMatch(sourceMatchers, labels);
    }

    public boolean isTarget(Map<String, String> labels) {
        return LabelMatchers.allMatch(targetMatchers, labels);
    }

    /**
     * The values of the {@code equal} labels as one key part: a source and a target inhibit each
     * other only with equal parts. Base64url of the NUL-joined values, so it never contains the
     * store key separator and distinct value lists never collide.
     */
    public String equalValues(Map<String, String> labels) {
        StringBuilder joined = new StringBuilder();
        for (String name : equal) {
            joined.append(labels.getOrDefault(name, "")).append('\0');
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(joined.toString().getBytes(StandardCharsets.UTF_8));
    }
}
