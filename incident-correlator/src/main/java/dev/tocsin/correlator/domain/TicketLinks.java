package dev.tocsin.correlator.domain;

import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.TicketLink;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.correlator.state.TicketRecord;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Linking and unlinking tickets. The first ticket of an organization on an incident is its master;
 * every later ticket of that organization is linked too, marked duplicate of the master.
 */
final class TicketLinks {

    private TicketLinks() {}

    /** Links a ticket: counts, organization, evidence, TICKET_LINKED, scope and severity, its own update. */
    static void link(
            Session session,
            IncidentChange change,
            TicketRecord ticket,
            String rule,
            Map<String, String> keys,
            TriageOutcome outcome,
            String reason) {
        Policy policy = session.policy;
        Incident incident = change.incident();
        Instant at = change.at();
        String ticketId = ticket.getTicketId();
        String organization = ticket.getOrganizationId();
        Optional<String> master =
                Organizations.masterOf(session, change, organization).filter(m -> !m.equals(ticketId));
        String duplicateOf = master.orElse(null);
        if (master.isEmpty()) {
            Organizations.add(change, organization, ticketId, policy);
        }
        ticket.setIncidentId(incident.getIncidentId());
        ticket.setDuplicateOf(duplicateOf);
        ticket.setLinkedAt(at.toEpochMilli());
        ticket.setOutcome(outcome);
        ticket.setReason(reason);
        ticket.setTriagedAt(at.toEpochMilli());
        ticket.setMaintenanceWindowId(null);
        incident.setTicketCount(incident.getTicketCount() + 1);
        IncidentSnapshots.upsertTicket(
                incident, new TicketLink(ticketId, organization, at, duplicateOf), policy.snapshotMembers());
        Map<String, String> evidenceKeys = new LinkedHashMap<>(keys);
        evidenceKeys.put("organization", organization);
        change.evidence(rule, evidenceKeys, null, ticketId, policy);
        change.event(
                IncidentEventType.TICKET_LINKED,
                "ticket " + ticketId + " of " + organization + " linked"
                        + (duplicateOf == null ? "" : " as duplicate of " + duplicateOf),
                b -> b.setTicketId(ticketId));
        Lifecycle.onTicketEvidence(change);
        ScopeRules.reconsider(change, policy);
        CustomerPriority priority = ticket.getPriority();
        SeverityRules.reconsider(
                change,
                policy.severity().forPriority(priority),
                "ticket " + ticketId + " (" + priority + ", " + incident.getOrganizationCount() + " organizations)",
                policy);
        session.state.putTicket(ticket);
        change.notice(
                ticket, duplicateOf == null ? TicketUpdateKind.TRIAGED : TicketUpdateKind.DUPLICATE, outcome, reason);
    }

    /**
     * Unlinks a ticket. If it was its organization's master, the organization's earliest remaining
     * ticket becomes master and the others point to it; an organization without tickets is no
     * longer affected (scope and severity are not narrowed automatically).
     */
    static void unlink(Session session, IncidentChange change, TicketRecord ticket, String actor, String reason) {
        Incident incident = change.incident();
        String ticketId = ticket.getTicketId();
        boolean wasMaster = ticket.getDuplicateOf() == null;
        ticket.setIncidentId(null);
        ticket.setDuplicateOf(null);
        ticket.setLinkedAt(null);
        ticket.setOutcome(TriageOutcome.STANDARD_TROUBLESHOOTING);
        ticket.setReason(reason);
        ticket.setTriagedAt(change.at().toEpochMilli());
        session.state.putTicket(ticket);
        incident.setTicketCount(Math.max(0, incident.getTicketCount() - 1));
        IncidentSnapshots.removeTicket(incident, ticketId);
        if (wasMaster) {
            promoteNextMaster(session, change, ticket.getOrganizationId());
        }
        change.event(
                IncidentEventType.TICKET_UNLINKED,
                actor,
                "ticket " + ticketId + " unlinked: " + reason,
                false,
                b -> b.setTicketId(ticketId));
        change.notice(ticket, TicketUpdateKind.UNLINKED, null, reason);
    }

    private static void promoteNextMaster(Session session, IncidentChange change, String organization) {
        List<TicketRecord> remaining = session.state.ticketsOf(change.incidentId()).stream()
                .filter(t -> organization.equals(t.getOrganizationId()))
                .map(StateValues::copy)
                .sorted(Comparator.comparing(
                                (TicketRecord t) -> t.getLinkedAt() == null ? Long.MAX_VALUE : t.getLinkedAt())
                        .thenComparing(TicketRecord::getTicketId))
                .toList();
        if (remaining.isEmpty()) {
            Organizations.remove(change, organization);
            return;
        }
        String master = remaining.get(0).getTicketId();
        Organizations.replaceMaster(change, organization, master);
        for (TicketRecord other : remaining) {
            String duplicateOf = other.getTicketId().equals(master) ? null : master;
            if (!Objects.equals(duplicateOf, other.getDuplicateOf())) {
                other.setDuplicateOf(duplicateOf);
                session.state.putTicket(other);
                IncidentSnapshots.upsertTicketIfPresent(change.incident(), other.getTicketId(), duplicateOf);
            }
        }
    }
}
