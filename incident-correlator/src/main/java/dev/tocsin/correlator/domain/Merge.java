package dev.tocsin.correlator.domain;

import dev.tocsin.avro.AlertRef;
import dev.tocsin.avro.Evidence;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.TicketLink;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.TicketRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MERGE: the source incident is closed as merged (RESOLVED, mergedInto = target, no RCA, never
 * reopened automatically) and its alerts, tickets and organizations move to the target, within
 * one product only.
 *
 * <p>Tickets move at once (each gets an update naming the target, DUPLICATE when the target already
 * had a ticket of its organization). Alerts are counted over at once and move lazily: a tracked
 * alert still names the source and is forwarded through {@code mergedInto} the next time it
 * reports, so a merge never has to touch 100 000 alert records.
 */
final class Merge {

    private Merge() {}

    /** Applies the merge, or returns why it is rejected. */
    static String apply(Session session, IncidentCommand command, Incident source, Instant at) {
        String targetId = Commands.blankToNull(command.getTargetIncidentId());
        if (targetId == null) {
            return "targetIncidentId is required";
        }
        if (targetId.equals(source.getIncidentId())) {
            return "an incident cannot be merged into itself";
        }
        Optional<Incident> found = session.incident(targetId);
        if (found.isEmpty()) {
            return "unknown target incident " + targetId;
        }
        Incident target = found.get();
        if (!target.getProduct().equals(source.getProduct())) {
            return "target incident " + targetId + " belongs to product " + target.getProduct()
                    + "; merges stay within product " + source.getProduct();
        }
        if (target.getMergedInto() != null) {
            return "target incident " + targetId + " was itself merged into " + target.getMergedInto();
        }
        if (target.getStatus() == PublicStatus.RESOLVED) {
            return "target incident " + targetId + " is resolved; reopen it first";
        }
        if (source.getStatus() == PublicStatus.RESOLVED) {
            return "incident is resolved";
        }
        Policy policy = session.policy;
        IncidentChange from = Commands.begin(session, command, source, at);
        IncidentChange into = Commands.begin(session, command, target, from.at().isAfter(at) ? from.at() : at);
        String reason = "merged: incident " + source.getIncidentId() + " merged into " + targetId;

        moveTickets(session, from, into, reason);
        moveAlertsAndEvidence(from, into, policy);

        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("product", source.getProduct());
        keys.put("incident", source.getIncidentId());
        keys.put("actor", command.getActor());
        into.evidence(CorrelationRules.MERGED, keys, null, null, policy);
        into.event(
                IncidentEventType.MERGED,
                command.getActor(),
                "incident " + source.getIncidentId() + " merged into this one"
                        + (command.getReason() == null ? "" : ": " + command.getReason()),
                false,
                b -> b.setRelatedIncidentId(source.getIncidentId()));
        if (from.tracking().getFiringAlerts() > 0) {
            Lifecycle.onFiringEvidence(
                    into, "merged incident " + source.getIncidentId() + " has firing alerts", policy);
        }
        ScopeRules.reconsider(into, policy);
        SeverityRules.reconsider(into, source.getSeverity(), "merged incident " + source.getIncidentId(), policy);

        close(from, targetId, command);
        session.commit(from);
        session.commit(into);
        return null;
    }

    private static void moveTickets(Session session, IncidentChange from, IncidentChange into, String reason) {
        Policy policy = session.policy;
        Incident target = into.incident();
        List<TicketRecord> tickets = new ArrayList<>();
        session.state.ticketsOf(from.incidentId()).forEach(t -> tickets.add(StateValues.copy(t)));
        tickets.sort(
                Comparator.comparing((TicketRecord t) -> t.getLinkedAt() == null ? Long.MAX_VALUE : t.getLinkedAt())
                        .thenComparing(TicketRecord::getTicketId));
        for (TicketRecord ticket : tickets) {
            String organization = ticket.getOrganizationId();
            Optional<String> master =
                    Organizations.masterOf(session, into, organization).filter(m -> !m.equals(ticket.getTicketId()));
            if (master.isEmpty()) {
                Organizations.add(into, organization, ticket.getTicketId(), policy);
            }
            ticket.setDuplicateOf(master.orElse(null));
            ticket.setIncidentId(target.getIncidentId());
            session.state.putTicket(ticket);
            target.setTicketCount(target.getTicketCount() + 1);
            Instant linkedAt = ticket.getLinkedAt() == null ? into.at() : Instant.ofEpochMilli(ticket.getLinkedAt());
            IncidentSnapshots.upsertTicket(
                    target,
                    new TicketLink(ticket.getTicketId(), organization, linkedAt, ticket.getDuplicateOf()),
                    policy.snapshotMembers());
            into.notice(
                    ticket,
                    master.isPresent() ? TicketUpdateKind.DUPLICATE : TicketUpdateKind.INCIDENT_STATUS_CHANGED,
                    null,
                    reason);
        }
        // the snapshot list is ordered by link time even when older tickets moved in
        List<TicketLink> links = new ArrayList<>(target.getLinkedTickets());
        links.sort(Comparator.comparing(TicketLink::getLinkedAt).thenComparing(TicketLink::getTicketId));
        target.setLinkedTickets(IncidentSnapshots.trim(links, policy.snapshotMembers()));
    }

    private static void moveAlertsAndEvidence(IncidentChange from, IncidentChange into, Policy policy) {
        Incident source = from.incident();
        Incident target = into.incident();
        IncidentTracking sourceTracking = from.tracking();
        IncidentTracking targetTracking = into.tracking();
        int limit = policy.snapshotMembers();
        target.setAlertCount(target.getAlertCount() + source.getAlertCount());
        target.setFlapCount(target.getFlapCount() + source.getFlapCount());
        target.setAlerts(IncidentSnapshots.mergeRecent(
                target.getAlerts(),
                source.getAlerts(),
                AlertRef::getFingerprint,
                Comparator.comparing(AlertRef::getLastSeenAt).thenComparing(AlertRef::getFingerprint),
                limit));
        target.setEvidence(IncidentSnapshots.mergeRecent(
                target.getEvidence(), source.getEvidence(), e -> e, Comparator.comparing(Evidence::getAt), limit));
        for (String component : source.getComponents()) {
            target.setComponents(IncidentSnapshots.withDistinct(target.getComponents(), component, limit));
        }
        for (String region : source.getRegions()) {
            target.setRegions(IncidentSnapshots.withDistinct(target.getRegions(), region, limit));
        }
        targetTracking.setFiringAlerts(targetTracking.getFiringAlerts() + sourceTracking.getFiringAlerts());
        if (targetTracking.getFiringAlerts() > 0) {
            targetTracking.setAllResolvedSince(null);
        } else if (sourceTracking.getAllResolvedSince() != null) {
            Long own = targetTracking.getAllResolvedSince();
            targetTracking.setAllResolvedSince(
                    own == null
                            ? sourceTracking.getAllResolvedSince()
                            : Math.max(own, sourceTracking.getAllResolvedSince()));
        }
        targetTracking.setEvidenceSeverity(
                Math.min(targetTracking.getEvidenceSeverity(), sourceTracking.getEvidenceSeverity()));
    }

    /** The source ends as RESOLVED with mergedInto set: a MERGED event, no RCA, no reopening. */
    private static void close(IncidentChange from, String targetId, IncidentCommand command) {
        Incident source = from.incident();
        IncidentTracking tracking = from.tracking();
        PublicStatus previous = source.getStatus();
        source.setMergedInto(targetId);
        source.setStatus(PublicStatus.RESOLVED);
        source.setResolvedAt(from.at());
        tracking.setFiringAlerts(0);
        tracking.setAllResolvedSince(null);
        tracking.setMonitoringSince(null);
        tracking.setRcaDueAt(null);
        tracking.setLastPublicUpdateAt(from.at().toEpochMilli());
        from.event(
                IncidentEventType.MERGED,
                command.getActor(),
                "merged into " + targetId + (command.getReason() == null ? "" : ": " + command.getReason()),
                false,
                b -> b.setRelatedIncidentId(targetId)
                        .setStatus(PublicStatus.RESOLVED)
                        .setPreviousStatus(previous));
    }
}
