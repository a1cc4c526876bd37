package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.Scope;

/**
 * Scope (DOMAIN.md section 2): SINGLE_CUSTOMER while one organization is affected and no
 * monitoring alert is attached; PLATFORM once a monitoring alert is attached or several (2+)
 * organizations report; GLOBAL (P1G master case) at policy.globalOrganizations organizations,
 * which forces severity 1 (see {@link SeverityRules}), hourly updates (see {@link SlaClocks}) and,
 * by policy, publication. Scope widens automatically, it never narrows.
 */
public final class ScopeRules {

    /** "Several organizations". */
    private static final int SEVERAL = 2;

    private ScopeRules() {}

    /** The scope the evidence asks for. */
    public static Scope fromEvidence(Incident incident, Policy policy) {
        if (incident.getOrganizationCount() >= policy.globalOrganizations()) {
            return Scope.GLOBAL;
        }
        if (incident.getAlertCount() > 0 || incident.getOrganizationCount() >= SEVERAL) {
            return Scope.PLATFORM;
        }
        return Scope.SINGLE_CUSTOMER;
    }

    /** Widens the scope if the evidence asks for it; emits SCOPE_CHANGED (and PUBLISHED for P1G). */
    static void reconsider(IncidentChange change, Policy policy) {
        Incident incident = change.incident();
        Scope current = incident.getScope();
        Scope wanted = fromEvidence(incident, policy);
        if (wanted.ordinal() <= current.ordinal()) {
            return;
        }
        incident.setScope(wanted);
        if (!change.opened()) {
            change.event(
                    IncidentEventType.SCOPE_CHANGED,
                    "scope widened: " + current + " -> " + wanted + " (" + incident.getOrganizationCount()
                            + " organizations, " + incident.getAlertCount() + " alerts)",
                    b -> b.setScope(wanted));
        }
        if (wanted == Scope.GLOBAL && policy.publishGlobalIncidents() && !incident.getPublished()) {
            incident.setPublished(true);
            change.event(
                    IncidentEventType.PUBLISHED, "P1G master case published automatically", b -> b.setScope(wanted));
        }
    }
}
