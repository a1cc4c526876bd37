package dev.tocsin.correlator.domain;

import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.TicketRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The organizations affected by an incident and the first ticket of each (the master its later
 * tickets are duplicates of). Tracking remembers up to policy.limits.trackedOrganizations of
 * them; beyond that the ticket index answers, so the count stays exact and the value bounded.
 */
final class Organizations {

    private Organizations() {}

    /** The organization map, copied on the change's first write (it may hold thousands of entries). */
    private static Map<String, String> writable(IncidentChange change) {
        if (!change.organizationsCopied()) {
            change.tracking().setOrganizations(new HashMap<>(change.tracking().getOrganizations()));
            change.markOrganizationsCopied();
        }
        return change.tracking().getOrganizations();
    }

    /** The master ticket of the organization on the incident, if it already has one. */
    static Optional<String> masterOf(Session session, IncidentChange change, String organizationId) {
        String master = change.tracking().getOrganizations().get(organizationId);
        if (master != null) {
            return Optional.of(master);
        }
        if (change.tracking().getOrganizationsOverflow()) {
            return session.state
                    .firstTicketOf(change.incidentId(), organizationId)
                    .map(TicketRecord::getTicketId);
        }
        return Optional.empty();
    }

    /** A newly affected organization with its first ticket. */
    static void add(IncidentChange change, String organizationId, String masterTicketId, Policy policy) {
        IncidentTracking tracking = change.tracking();
        if (tracking.getOrganizations().size() < policy.limits().trackedOrganizations()) {
            writable(change).put(organizationId, masterTicketId);
        } else {
            tracking.setOrganizationsOverflow(true);
        }
        change.incident().setOrganizationCount(change.incident().getOrganizationCount() + 1);
        change.incident()
                .setAffectedOrganizations(IncidentSnapshots.withDistinct(
                        change.incident().getAffectedOrganizations(), organizationId, policy.snapshotMembers()));
    }

    /** A new master for an organization whose master ticket was unlinked. */
    static void replaceMaster(IncidentChange change, String organizationId, String masterTicketId) {
        if (change.tracking().getOrganizations().containsKey(organizationId)) {
            writable(change).put(organizationId, masterTicketId);
        }
    }

    /** An organization no longer affected (its last ticket was unlinked). */
    static void remove(IncidentChange change, String organizationId) {
        writable(change).remove(organizationId);
        change.incident().setOrganizationCount(Math.max(0, change.incident().getOrganizationCount() - 1));
        change.incident()
                .setAffectedOrganizations(
                        IncidentSnapshots.without(change.incident().getAffectedOrganizations(), organizationId));
    }
}
