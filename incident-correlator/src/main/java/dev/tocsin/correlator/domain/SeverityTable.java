package dev.tocsin.correlator.domain;

import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import java.util.EnumMap;
import java.util.Map;

/**
 * The severity table of the policy: what severity a piece of evidence asks for, and when breadth
 * raises it.
 *
 * @param byHint               severity of an alert by its hint (every hint present)
 * @param bySignal             per-signal rows that take precedence over {@code byHint}
 * @param missingHint          hint assumed for an alert without one
 * @param byCustomerPriority   severity a linked ticket asks for (every priority present)
 * @param breadthRegions       regions at which breadth raises severity one level
 * @param breadthComponents    components at which breadth raises severity one level
 * @param breadthOrganizations organizations at which breadth raises severity one level
 * @param breadthRaisesAtMostTo breadth alone never raises beyond this (severity 1 needs evidence
 *                             of an outage, a P1 customer or a GLOBAL scope)
 */
public record SeverityTable(
        Map<SeverityHint, Severity> byHint,
        Map<Signal, Map<SeverityHint, Severity>> bySignal,
        SeverityHint missingHint,
        Map<CustomerPriority, Severity> byCustomerPriority,
        int breadthRegions,
        int breadthComponents,
        int breadthOrganizations,
        Severity breadthRaisesAtMostTo) {

    public SeverityTable {
        byHint = Map.copyOf(byHint);
        Map<Signal, Map<SeverityHint, Severity>> rows = new EnumMap<>(Signal.class);
        bySignal.forEach((signal, row) -> rows.put(signal, Map.copyOf(row)));
        bySignal = Map.copyOf(rows);
        byCustomerPriority = Map.copyOf(byCustomerPriority);
        for (SeverityHint hint : SeverityHint.values()) {
            if (!byHint.containsKey(hint)) {
                throw new IllegalArgumentException("severity.byHint lacks " + hint);
            }
        }
        for (CustomerPriority priority : CustomerPriority.values()) {
            if (!byCustomerPriority.containsKey(priority)) {
                throw new IllegalArgumentException("severity.byCustomerPriority lacks " + priority);
            }
        }
    }

    /** The severity an alert asks for from its signal and hint. */
    public Severity forAlert(Signal signal, SeverityHint hint) {
        SeverityHint effective = hint == null ? missingHint : hint;
        Map<SeverityHint, Severity> row = bySignal.get(signal);
        if (row != null && row.containsKey(effective)) {
            return row.get(effective);
        }
        return byHint.get(effective);
    }

    /** The severity a linked ticket asks for from the customer's effective priority. */
    public Severity forPriority(CustomerPriority priority) {
        return byCustomerPriority.get(priority == null ? CustomerPriority.P4 : priority);
    }

    /** Whether an incident of this breadth gets its evidence severity raised one level. */
    public boolean isBroad(int regions, int components, int organizations) {
        return regions >= breadthRegions || components >= breadthComponents || organizations >= breadthOrganizations;
    }

    /** The evidence severity raised one level for breadth, but not beyond {@code breadthRaisesAtMostTo}. */
    public Severity raisedForBreadth(Severity evidence) {
        Severity raised = Severities.raisedOneLevel(evidence);
        if (Severities.isHigher(raised, breadthRaisesAtMostTo)) {
            raised = breadthRaisesAtMostTo;
        }
        return Severities.higher(raised, evidence);
    }
}
