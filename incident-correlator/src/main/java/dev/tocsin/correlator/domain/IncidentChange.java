package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Evidence;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.TicketRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One change of one incident: working copies of its snapshot and tracking, the events it will
 * emit and the ticket updates it owes. {@link Session#commit} turns it into one new version
 * (version + 1, updatedAt = {@link #at()}), so several rules applied in one step yield one
 * snapshot, one set of events and at most one update per linked ticket.
 */
final class IncidentChange {

    /**
     * An event waiting for the new version number; {@code status} is the incident's status right
     * after the event was recorded (its timeline entry keeps it).
     */
    record PendingEvent(
            IncidentEventType type,
            String actor,
            String message,
            boolean isPublic,
            PublicStatus status,
            Consumer<IncidentEvent.Builder> details) {}

    /** A ticket that gets its own update from this change instead of the broadcast one. */
    record Notice(TicketRecord ticket, TicketUpdateKind kind, TriageOutcome outcome, String reason) {}

    private final Incident incident;
    private final IncidentTracking tracking;
    private final Instant at;
    private final boolean opened;
    private final PublicStatus statusBefore;
    private final Severity severityBefore;
    private final String messageBefore;
    private boolean publicUpdate;
    private String commandId;
    private boolean organizationsCopied;
    private String broadcastReason;
    private final List<PendingEvent> events = new ArrayList<>();
    private final Map<String, Notice> notices = new LinkedHashMap<>();

    IncidentChange(Incident incident, IncidentTracking tracking, Instant at, boolean opened) {
        this.incident = incident;
        this.tracking = tracking;
        this.at = at;
        this.opened = opened;
        this.statusBefore = incident.getStatus();
        this.severityBefore = incident.getSeverity();
        this.messageBefore = incident.getLatestPublicMessage();
    }

    Incident incident() {
        return incident;
    }

    IncidentTracking tracking() {
        return tracking;
    }

    String incidentId() {
        return incident.getIncidentId();
    }

    /** When the change happens: its input's event time (or clock deadline), never before the previous version. */
    Instant at() {
        return at;
    }

    /** Whether this change opens the incident (initial severity and scope emit no change events). */
    boolean opened() {
        return opened;
    }

    /** Whether the tracking's organization map is already this change's own copy. */
    boolean organizationsCopied() {
        return organizationsCopied;
    }

    void markOrganizationsCopied() {
        organizationsCopied = true;
    }

    /** The operator command this change carries out; its events name it. */
    void commandId(String commandId) {
        this.commandId = commandId;
    }

    String commandId() {
        return commandId;
    }

    void event(
            IncidentEventType type,
            String actor,
            String message,
            boolean isPublic,
            Consumer<IncidentEvent.Builder> details) {
        events.add(new PendingEvent(type, actor, message, isPublic, incident.getStatus(), details));
    }

    void event(IncidentEventType type, String message, Consumer<IncidentEvent.Builder> details) {
        event(type, null, message, false, details);
    }

    List<PendingEvent> events() {
        return Collections.unmodifiableList(events);
    }

    boolean hasEvents() {
        return !events.isEmpty();
    }

    /** Records why something was attached; the gap runs from the previous evidence. */
    void evidence(String rule, Map<String, String> keys, String alertFingerprint, String ticketId, Policy policy) {
        long last = tracking.getLastEvidenceAt();
        Long gap = last <= 0 ? null : Math.max(0, at.toEpochMilli() - last);
        Evidence evidence = EventFactory.evidence(rule, keys, gap, at, alertFingerprint, ticketId);
        IncidentSnapshots.addEvidence(incident, evidence, policy.snapshotMembers());
        tracking.setLastEvidenceAt(at.toEpochMilli());
    }

    /** Gives a ticket its own update (kind, triage outcome, reason) from this change. */
    void notice(TicketRecord ticket, TicketUpdateKind kind, TriageOutcome outcome, String reason) {
        notices.put(ticket.getTicketId(), new Notice(ticket, kind, outcome, reason));
    }

    Map<String, Notice> notices() {
        return Collections.unmodifiableMap(notices);
    }

    /** A public update without a status/severity/message change (e.g. the same message posted again). */
    void markPublicUpdate(String reason) {
        publicUpdate = true;
        broadcastReason = reason;
    }

    /** Whether linked tickets must hear about this change: status, severity or public message. */
    boolean isPublicChange() {
        return !opened
                && (publicUpdate
                        || statusBefore != incident.getStatus()
                        || severityBefore != incident.getSeverity()
                        || !Objects.equals(messageBefore, incident.getLatestPublicMessage()));
    }

    boolean becameResolved() {
        return statusBefore != PublicStatus.RESOLVED && incident.getStatus() == PublicStatus.RESOLVED;
    }

    /** What changed, for the reason of the broadcast ticket updates. */
    String publicChangeReason() {
        List<String> parts = new ArrayList<>();
        if (statusBefore != incident.getStatus()) {
            parts.add("status " + statusBefore + " -> " + incident.getStatus());
        }
        if (severityBefore != incident.getSeverity()) {
            parts.add("severity " + Severities.number(severityBefore) + " -> "
                    + Severities.number(incident.getSeverity()));
        }
        if (!Objects.equals(messageBefore, incident.getLatestPublicMessage()) || publicUpdate) {
            parts.add(broadcastReason != null ? broadcastReason : "public update");
        }
        return String.join("; ", parts);
    }
}
