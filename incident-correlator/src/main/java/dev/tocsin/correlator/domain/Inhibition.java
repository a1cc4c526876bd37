package dev.tocsin.correlator.domain;

import dev.tocsin.correlator.state.TrackedAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Inhibit rules over the product's alerts. A firing alert matching a rule's source matchers is
 * filed under a group (product, rule, values of the rule's {@code equal} labels); a target is
 * inhibited while its group holds a firing source other than itself (an alert never inhibits
 * itself). Source and target are alerts of the same product: state is partitioned by product.
 * Each check is one indexed lookup per rule whose target matchers match, no scan.
 */
final class Inhibition {

    private Inhibition() {}

    /**
     * Files the alert as a source of the groups it belongs to while it fires, and removes it from
     * them when it resolves (or its labels leave a group). Returns whether it left a group: the
     * product's held alerts are then reconsidered.
     */
    static boolean file(Session session, TrackedAlert tracked, Supplier<Map<String, String>> labels, boolean firing) {
        List<InhibitRule> rules = session.policy.inhibitRules();
        List<String> before = tracked.getInhibitorKeys();
        if (rules.isEmpty() && before.isEmpty()) {
            return false;
        }
        List<String> after = new ArrayList<>();
        if (firing) {
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).isSource(labels.get())) {
                    after.add(group(tracked.getProduct(), i, rules.get(i).equalValues(labels.get())));
                }
            }
        }
        if (after.equals(before)) {
            return false;
        }
        boolean left = false;
        for (String group : before) {
            if (!after.contains(group)) {
                session.state.markInhibitor(group, tracked.getFingerprint(), false);
                left = true;
            }
        }
        for (String group : after) {
            if (!before.contains(group)) {
                session.state.markInhibitor(group, tracked.getFingerprint(), true);
            }
        }
        tracked.setInhibitorKeys(after);
        return left;
    }

    /** The fingerprint of a firing source that inhibits this alert, if any. */
    static Optional<String> inhibitor(
            Session session, String product, String fingerprint, Supplier<Map<String, String>> labels) {
        List<InhibitRule> rules = session.policy.inhibitRules();
        for (int i = 0; i < rules.size(); i++) {
            InhibitRule rule = rules.get(i);
            if (rule.isTarget(labels.get())) {
                for (String source : session.state.inhibitors(group(product, i, rule.equalValues(labels.get())), 2)) {
                    if (!source.equals(fingerprint)) {
                        return Optional.of(source);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Product names have a safe shape and the values are Base64url, so '/' separates unambiguously. */
    private static String group(String product, int rule, String equalValues) {
        return product + "/" + rule + "/" + equalValues;
    }
}
