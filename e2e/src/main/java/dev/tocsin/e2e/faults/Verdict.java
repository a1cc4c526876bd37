package dev.tocsin.e2e.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The pass rules of a scenario, applied to what the checker read before and after it: every
 * acknowledged alert written once and taken into an incident once, the incidents' alert counts
 * adding up, no event or notification id doubled, and exactly the poison injected dead-lettered.
 */
final class Verdict {

    private Verdict() {}

    /**
     * @param acknowledged ids of the scenario's alerts answered 202
     * @param ownAlert     whether an alert id belongs to the scenario's load
     * @param faultFailures what the fault itself found broken (its own promise)
     */
    static ScenarioResult judge(
            String scenario,
            int runs,
            Set<String> acknowledged,
            Predicate<String> ownAlert,
            PipelineOutput before,
            PipelineOutput after,
            long poison,
            List<String> faultFailures) {
        List<String> failures = new ArrayList<>(faultFailures);
        long inAlerts = after.alertCopies.keySet().stream().filter(ownAlert).count();
        long lostFromAlerts = acknowledged.stream()
                .filter(id -> !after.alertCopies.containsKey(id))
                .count();
        long lostFromIncidents = acknowledged.stream()
                .filter(id -> !after.alertsInIncidents.containsKey(id))
                .count();
        long alertDuplicates =
                extraCopies(after.alertCopies, ownAlert) + extraCopies(after.alertsInIncidents, ownAlert);
        long idDuplicates = after.duplicateIds() - before.duplicateIds();
        if (lostFromAlerts > 0) {
            failures.add(lostFromAlerts + " acknowledged alerts missing from tocsin.alerts");
        }
        if (lostFromIncidents > 0) {
            failures.add(lostFromIncidents + " acknowledged alerts taken into no incident");
        }
        if (alertDuplicates > 0) {
            failures.add(alertDuplicates + " alerts written or taken into an incident more than once");
        }
        if (idDuplicates > 0) {
            failures.add(idDuplicates + " incident event, status event or notification ids written twice");
        }
        long counted = after.incidents.values().stream()
                .mapToLong(i -> i.getAlertCount())
                .sum();
        if (counted != after.alertsInIncidents.size()) {
            failures.add(
                    "incidents count " + counted + " alerts, " + after.alertsInIncidents.size() + " were taken in");
        }
        long deadLetters = after.deadLetters - before.deadLetters;
        if (deadLetters != poison) {
            failures.add("dead letters " + deadLetters + ", poison injected " + poison);
        }
        return new ScenarioResult(
                scenario,
                runs,
                acknowledged.size(),
                inAlerts,
                alertDuplicates + idDuplicates,
                Math.max(lostFromAlerts, lostFromIncidents),
                poison,
                deadLetters,
                failures);
    }

    /** Copies beyond the first of the given alerts. */
    static long extraCopies(Map<String, Integer> copies, Predicate<String> which) {
        return copies.entrySet().stream()
                .filter(e -> which.test(e.getKey()))
                .mapToLong(e -> e.getValue() - 1)
                .sum();
    }
}
