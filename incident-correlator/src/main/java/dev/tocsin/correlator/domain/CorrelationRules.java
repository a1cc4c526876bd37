package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which incident a piece of evidence belongs to. All rules stay within one product:
 * <ol>
 *   <li>{@value #MATCHING_KEYS}: an open incident whose component/region match the alert's,
 *       where both carry them (an incident without components matches any component);</li>
 *   <li>{@value #WITHIN_WINDOW}: otherwise an open incident whose latest evidence is at most
 *       policy.correlationWindow old; it then spans the alert's component/region too;</li>
 *   <li>{@value #REOPENED}: otherwise an incident of the same component resolved within
 *       policy.reopenWindow reopens;</li>
 *   <li>otherwise a new incident ({@value #OPENED_BY_ALERT}).</li>
 * </ol>
 * Among several candidates the one with the most recent evidence wins (ties: smallest id), so the
 * choice depends on state alone.
 */
public final class CorrelationRules {

    public static final String MATCHING_KEYS = "same-product-matching-keys";
    public static final String WITHIN_WINDOW = "same-product-within-correlation-window";
    public static final String REOPENED = "reopened-same-product-component";
    public static final String REOPENED_SAME_ALERT = "reopened-same-alert";
    public static final String OPENED_BY_ALERT = "opened-by-alert";
    public static final String OPENED_BY_REPORTS = "opened-by-customer-reports";
    public static final String REPORT_WAVE = "customer-report-wave";
    public static final String REPORT_OPEN_INCIDENT = "same-product-open-incident";
    public static final String LINKED_BY_OPERATOR = "linked-by-operator";
    public static final String MERGED = "merged";
    /** An alert of a dependant product taken as evidence while this (upstream) incident is open. */
    public static final String ABSORBED_DEPENDANT = "absorbed-dependant-alert";

    /** An open incident with the time of its latest evidence. */
    public record Candidate(Incident incident, long lastEvidenceAt) {}

    /** The chosen incident, the rule that chose it and the keys that matched. */
    public record Match(Incident incident, String rule, Map<String, String> keys) {}

    private static final Comparator<Candidate> MOST_RECENT_EVIDENCE = Comparator.comparingLong(
                    Candidate::lastEvidenceAt)
            .reversed()
            .thenComparing(c -> c.incident().getIncidentId());

    private CorrelationRules() {}

    /** The open incident a firing alert joins, if any. */
    public static Optional<Match> forAlert(
            List<Candidate> open, String product, String component, String region, Instant at, Policy policy) {
        Optional<Candidate> byKeys = open.stream()
                .filter(c -> matches(c.incident().getComponents(), component)
                        && matches(c.incident().getRegions(), region))
                .min(MOST_RECENT_EVIDENCE);
        if (byKeys.isPresent()) {
            Incident incident = byKeys.get().incident();
            Map<String, String> keys = keys(product);
            if (component != null && incident.getComponents().contains(component)) {
                keys.put("component", component);
            }
            if (region != null && incident.getRegions().contains(region)) {
                keys.put("region", region);
            }
            return Optional.of(new Match(incident, MATCHING_KEYS, keys));
        }
        long horizon = at.minus(policy.correlationWindow()).toEpochMilli();
        return open.stream()
                .filter(c -> c.lastEvidenceAt() >= horizon)
                .min(MOST_RECENT_EVIDENCE)
                .map(c -> {
                    Map<String, String> keys = keys(product);
                    keys.put("window", policy.correlationWindow().toString());
                    keys.put("newComponent", component);
                    keys.put("newRegion", region);
                    return new Match(c.incident(), WITHIN_WINDOW, keys);
                });
    }

    /** The resolved incident (inside the reopen window, same component) a new firing alert reopens. */
    public static Optional<Match> reopenFor(
            List<Incident> resolved, String product, String component, Instant at, Policy policy) {
        long horizon = at.minus(policy.reopenWindow()).toEpochMilli();
        return resolved.stream()
                .filter(i -> i.getMergedInto() == null && i.getResolvedAt() != null)
                .filter(i -> i.getResolvedAt().toEpochMilli() >= horizon)
                .filter(i -> matches(i.getComponents(), component))
                .max(Comparator.comparing(Incident::getResolvedAt)
                        .thenComparing(Incident::getIncidentId, Comparator.reverseOrder()))
                .map(i -> {
                    Map<String, String> keys = keys(product);
                    keys.put("component", component);
                    keys.put("reopenWindow", policy.reopenWindow().toString());
                    return new Match(i, REOPENED, keys);
                });
    }

    /** The open incident a customer report is linked to: same component first, then most recent evidence. */
    public static Optional<Match> forReport(List<Candidate> open, String product, String component) {
        Comparator<Candidate> order = Comparator.comparing((Candidate c) ->
                        component != null && c.incident().getComponents().contains(component) ? 0 : 1)
                .thenComparing(MOST_RECENT_EVIDENCE);
        return open.stream().min(order).map(c -> {
            Map<String, String> keys = keys(product);
            if (component != null && c.incident().getComponents().contains(component)) {
                keys.put("component", component);
            }
            return new Match(c.incident(), REPORT_OPEN_INCIDENT, keys);
        });
    }

    /** A value matches a set when either side does not carry it, or the set contains it. */
    static boolean matches(List<String> incidentValues, String value) {
        return value == null || incidentValues.isEmpty() || incidentValues.contains(value);
    }

    private static Map<String, String> keys(String product) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("product", product);
        return keys;
    }
}
