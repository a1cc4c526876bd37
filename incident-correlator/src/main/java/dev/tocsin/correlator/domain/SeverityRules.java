package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.correlator.state.IncidentTracking;

/**
 * Severity from evidence: the most severe thing any alert (signal + hint) or linked ticket
 * (customer priority) asked for, raised one level by breadth (several regions, components or
 * organizations), and 1 for a GLOBAL incident. It only ever escalates automatically; once an
 * operator set a severity the incident keeps it (who and why are in severityOverride).
 */
public final class SeverityRules {

    private SeverityRules() {}

    /** What the evidence alone asks for, before the incident's current severity is considered. */
    public static Severity fromEvidence(Incident incident, IncidentTracking tracking, Policy policy) {
        Severity severity = Severities.of(tracking.getEvidenceSeverity());
        if (policy.severity()
                .isBroad(
                        incident.getRegions().size(),
                        incident.getComponents().size(),
                        incident.getOrganizationCount())) {
            severity = policy.severity().raisedForBreadth(severity);
        }
        if (incident.getScope() == Scope.GLOBAL) {
            severity = Severity.SEV1;
        }
        return severity;
    }

    /**
     * Takes new evidence into account (null: breadth or scope changed) and escalates if it asks for
     * more; emits SEVERITY_CHANGED unless the change opens the incident.
     */
    static void reconsider(IncidentChange change, Severity evidence, String why, Policy policy) {
        Incident incident = change.incident();
        IncidentTracking tracking = change.tracking();
        if (evidence != null && Severities.number(evidence) < tracking.getEvidenceSeverity()) {
            tracking.setEvidenceSeverity(Severities.number(evidence));
        }
        if (incident.getSeverityOverride() != null) {
            return;
        }
        Severity wanted = fromEvidence(incident, tracking, policy);
        Severity current = incident.getSeverity();
        if (change.opened()) {
            incident.setSeverity(Severities.higher(current, wanted));
            return;
        }
        if (Severities.isHigher(wanted, current)) {
            incident.setSeverity(wanted);
            change.event(
                    IncidentEventType.SEVERITY_CHANGED,
                    "escalated automatically: " + why,
                    b -> b.setSeverity(wanted).setPreviousSeverity(current));
        }
    }
}
