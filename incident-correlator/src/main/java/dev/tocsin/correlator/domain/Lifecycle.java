package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.SlaClock;
import dev.tocsin.correlator.state.IncidentTracking;
import java.time.Instant;

/**
 * The public lifecycle INVESTIGATING -> IDENTIFIED -> MONITORING -> RESOLVED (and REOPENED back to
 * INVESTIGATING). Operators move it by command; evidence moves it too: every attached alert
 * resolved for the first quiet period -> MONITORING, quiet for the second -> RESOLVED, and a
 * firing alert during MONITORING -> back to INVESTIGATING.
 */
public final class Lifecycle {

    /** A quiet-period transition and when it falls due. */
    record QuietTransition(PublicStatus to, Instant at) {}

    private Lifecycle() {}

    /**
     * Changes the status, emitting STATUS_CHANGED, RESOLVED or REOPENED. Every status change is a
     * public update, so the update cadence restarts.
     */
    static void changeStatus(
            IncidentChange change, PublicStatus to, String actor, String message, String publicMessage, Policy policy) {
        Incident incident = change.incident();
        IncidentTracking tracking = change.tracking();
        PublicStatus from = incident.getStatus();
        Instant at = change.at();
        incident.setStatus(to);
        if (publicMessage != null) {
            incident.setLatestPublicMessage(publicMessage);
        }
        tracking.setLastPublicUpdateAt(at.toEpochMilli());
        tracking.setMonitoringSince(to == PublicStatus.MONITORING ? at.toEpochMilli() : null);
        IncidentEventType type;
        if (to == PublicStatus.RESOLVED) {
            type = IncidentEventType.RESOLVED;
            incident.setResolvedAt(at);
            if (owesRca(incident, policy)) {
                tracking.setRcaDueAt(policy.sla()
                        .rcaAfterResolve()
                        .after(at, policy.calendar())
                        .toEpochMilli());
            }
        } else if (from == PublicStatus.RESOLVED) {
            type = IncidentEventType.REOPENED;
            incident.setResolvedAt(null);
            incident.setReopenCount(incident.getReopenCount() + 1);
            tracking.setRcaDueAt(null);
            tracking.getEmittedDeadlines().remove(SlaClock.RCA.name());
            // a reopened problem gets fresh first-response and restore targets
            tracking.setOpenPeriodStartAt(at.toEpochMilli());
            if (tracking.getFiringAlerts() == 0 && incident.getAlertCount() > 0) {
                // nothing fires: the quiet period runs again from the reopening
                tracking.setAllResolvedSince(at.toEpochMilli());
            }
        } else {
            type = IncidentEventType.STATUS_CHANGED;
        }
        String text = publicMessage != null ? publicMessage : message;
        change.event(
                type,
                actor,
                text,
                publicMessage != null,
                b -> b.setStatus(to).setPreviousStatus(from).setSeverity(incident.getSeverity()));
    }

    /** Sev 1 (policy) platform-level incidents owe an RCA when they resolve; merged ones do not. */
    static boolean owesRca(Incident incident, Policy policy) {
        return incident.getMergedInto() == null
                && incident.getScope() != Scope.SINGLE_CUSTOMER
                && policy.sla().owesRca(incident.getSeverity());
    }

    /** The pending quiet-period transition, if the incident has one. */
    static QuietTransition quietTransition(Incident incident, IncidentTracking tracking, Policy policy) {
        if (tracking.getFiringAlerts() > 0 || tracking.getAllResolvedSince() == null) {
            return null;
        }
        long quietSince = tracking.getAllResolvedSince();
        return switch (incident.getStatus()) {
            case INVESTIGATING, IDENTIFIED ->
                new QuietTransition(
                        PublicStatus.MONITORING,
                        Instant.ofEpochMilli(quietSince).plus(policy.quietBeforeMonitoring()));
            case MONITORING -> {
                long since = Math.max(
                        quietSince, tracking.getMonitoringSince() == null ? quietSince : tracking.getMonitoringSince());
                yield new QuietTransition(
                        PublicStatus.RESOLVED, Instant.ofEpochMilli(since).plus(policy.quietBeforeResolved()));
            }
            case RESOLVED -> null;
        };
    }

    static void applyQuiet(IncidentChange change, QuietTransition transition, Policy policy) {
        String why = transition.to() == PublicStatus.MONITORING
                ? "every attached alert resolved for " + policy.quietBeforeMonitoring()
                : "quiet for another " + policy.quietBeforeResolved() + " while monitoring";
        changeStatus(change, transition.to(), null, why, null, policy);
    }

    /**
     * New firing evidence: the quiet period stops, and an incident being monitored goes back to
     * INVESTIGATING (the fix did not hold).
     */
    static void onFiringEvidence(IncidentChange change, String why, Policy policy) {
        change.tracking().setAllResolvedSince(null);
        if (change.incident().getStatus() == PublicStatus.MONITORING) {
            changeStatus(change, PublicStatus.INVESTIGATING, null, why, null, policy);
        }
    }

    /** A newly linked ticket is evidence too: a running quiet period starts again. */
    static void onTicketEvidence(IncidentChange change) {
        if (change.tracking().getAllResolvedSince() != null) {
            change.tracking().setAllResolvedSince(change.at().toEpochMilli());
        }
    }
}
