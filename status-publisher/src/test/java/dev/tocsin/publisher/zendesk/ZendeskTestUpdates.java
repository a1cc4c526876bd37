package dev.tocsin.publisher.zendesk;

import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.TicketState;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TriageOutcome;
import java.time.Instant;

/** Ticket updates as the correlator writes them (ids as in its TicketUpdates). */
final class ZendeskTestUpdates {

    static final Instant AT = Instant.parse("2026-03-02T10:15:00Z");

    private ZendeskTestUpdates() {}

    static TicketUpdate.Builder about(
            String ticketId,
            String incidentId,
            int version,
            TicketUpdateKind kind,
            PublicStatus status,
            String language) {
        return TicketUpdate.newBuilder()
                .setUpdateId(ticketId + ":" + incidentId + ":v" + version + ":" + kind)
                .setTicketId(ticketId)
                .setOrganizationId("org-" + ticketId)
                .setKind(kind)
                .setTicketState(
                        kind == TicketUpdateKind.RESOLVED_FOLLOW_UP_REQUIRED
                                ? TicketState.RESOLVED_FOLLOW_UP_REQUIRED
                                : TicketState.IN_PROGRESS)
                .setIncidentId(incidentId)
                .setIncidentStatus(status)
                .setIncidentSeverity(Severity.SEV2)
                .setPublicMessage("Chat messages are delayed; we are investigating.")
                .setReason("customer-report-wave: 3 organizations reported chat within PT10M")
                .setAt(AT)
                .setLanguage(language);
    }

    static TicketUpdate linked(String ticketId, String incidentId, String language) {
        return about(ticketId, incidentId, 2, TicketUpdateKind.TRIAGED, PublicStatus.INVESTIGATING, language)
                .setTriageOutcome(TriageOutcome.LINKED)
                .build();
    }

    static TicketUpdate statusChanged(
            String ticketId, String incidentId, int version, PublicStatus status, String message, String language) {
        return about(ticketId, incidentId, version, TicketUpdateKind.INCIDENT_STATUS_CHANGED, status, language)
                .setPublicMessage(message)
                .build();
    }

    static TicketUpdate resolved(String ticketId, String incidentId, int version, String language) {
        return about(
                        ticketId,
                        incidentId,
                        version,
                        TicketUpdateKind.RESOLVED_FOLLOW_UP_REQUIRED,
                        PublicStatus.RESOLVED,
                        language)
                .setPublicMessage("Chat works normally again.")
                .build();
    }

    static TicketUpdate standardTroubleshooting(String ticketId, String reply, String language) {
        return TicketUpdate.newBuilder()
                .setUpdateId(ticketId + ":triage:" + AT.toEpochMilli())
                .setTicketId(ticketId)
                .setOrganizationId("org-" + ticketId)
                .setKind(TicketUpdateKind.TRIAGED)
                .setTriageOutcome(TriageOutcome.STANDARD_TROUBLESHOOTING)
                .setReason("customer-responsibility: wi-fi (keyword wifi)")
                .setTicketState(TicketState.IN_PROGRESS)
                .setReply(reply)
                .setAt(AT)
                .setLanguage(language)
                .build();
    }
}
