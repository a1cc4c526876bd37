package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.TicketState;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.runtime.text.MessageCatalog;
import java.time.Instant;

/**
 * Builds linked-ticket updates with deterministic ids: {@code <ticketId>:<incidentId>:v<version>:<KIND>}
 * when an incident change caused it (one update per ticket per change), otherwise
 * {@code <ticketId>:triage:<event millis>} (standard troubleshooting) or
 * {@code <ticketId>:maintenance:<windowId>:<event millis>}. Every update carries the ticket's language
 * (English when the ticket never had a report, e.g. linked by an operator).
 */
public final class TicketUpdates {

    private TicketUpdates() {}

    /** An update about an incident, carrying its id, status, severity and latest public message. */
    public static TicketUpdate aboutIncident(
            TicketRecord ticket,
            Incident incident,
            TicketUpdateKind kind,
            TriageOutcome outcome,
            String reason,
            Instant at) {
        TicketState state = switch (kind) {
            case DUPLICATE -> TicketState.DUPLICATE;
            case RESOLVED_FOLLOW_UP_REQUIRED ->
                ticket.getDuplicateOf() != null ? TicketState.DUPLICATE : TicketState.RESOLVED_FOLLOW_UP_REQUIRED;
            default ->
                ticket.getDuplicateOf() != null && kind != TicketUpdateKind.UNLINKED
                        ? TicketState.DUPLICATE
                        : TicketState.IN_PROGRESS;
        };
        return update(
                        ticket,
                        ticket.getTicketId() + ":" + incident.getIncidentId() + ":v" + incident.getVersion() + ":"
                                + kind,
                        kind,
                        outcome,
                        reason,
                        state,
                        at)
                .setIncidentId(incident.getIncidentId())
                .setIncidentStatus(incident.getStatus())
                .setIncidentSeverity(incident.getSeverity())
                .setPublicMessage(incident.getLatestPublicMessage())
                .setDuplicateOf(kind == TicketUpdateKind.UNLINKED ? null : ticket.getDuplicateOf())
                .build();
    }

    /** A triage decision that links the ticket to no incident; {@code reply} is what the customer should check, or null. */
    public static TicketUpdate standardTroubleshooting(TicketRecord ticket, String reason, String reply, Instant at) {
        return update(
                        ticket,
                        ticket.getTicketId() + ":triage:" + at.toEpochMilli(),
                        TicketUpdateKind.TRIAGED,
                        TriageOutcome.STANDARD_TROUBLESHOOTING,
                        reason,
                        TicketState.IN_PROGRESS,
                        at)
                .setReply(reply)
                .build();
    }

    /** A report during maintenance, linked to the maintenance notice and on hold until it ends. */
    public static TicketUpdate maintenance(TicketRecord ticket, MaintenanceWindow window, String reason, Instant at) {
        return update(
                        ticket,
                        ticket.getTicketId() + ":maintenance:" + window.getWindowId() + ":" + at.toEpochMilli(),
                        TicketUpdateKind.TRIAGED,
                        TriageOutcome.LINKED,
                        reason,
                        TicketState.ON_HOLD,
                        at)
                .setMaintenanceWindowId(window.getWindowId())
                .build();
    }

    /** What every update carries, the ticket's language among it; each kind adds its own fields. */
    private static TicketUpdate.Builder update(
            TicketRecord ticket,
            String updateId,
            TicketUpdateKind kind,
            TriageOutcome outcome,
            String reason,
            TicketState state,
            Instant at) {
        return TicketUpdate.newBuilder()
                .setUpdateId(updateId)
                .setTicketId(ticket.getTicketId())
                .setOrganizationId(ticket.getOrganizationId())
                .setKind(kind)
                .setTriageOutcome(outcome)
                .setReason(reason)
                .setTicketState(state)
                .setAt(at)
                .setLanguage(MessageCatalog.resolve(ticket.getLanguage()));
    }
}
