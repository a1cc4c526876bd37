package dev.tocsin.publisher.zendesk;

import dev.tocsin.avro.Severity;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TriageOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What one linked-ticket update means for its Zendesk ticket, as the {@code ticket} objects of
 * {@code PUT /api/v2/tickets/{id}.json} requests, in order. Pure: no HTTP, no Kafka.
 *
 * <ul>
 *   <li>Every update about an incident (linked, duplicate, status change, resolved) makes the ticket
 *       an {@code incident} of the incident's problem ticket ({@code problem_id}); repeating it is
 *       harmless and follows an incident merge to its target.</li>
 *   <li>Linking posts a public comment in the requester's language, then an internal note with the
 *       incident link; a status change posts the public update; resolving sets {@code solved} or
 *       {@code pending} with the public resolution comment.</li>
 *   <li>Standard troubleshooting posts the standard reply publicly (when the decision has one) and
 *       the reason as an internal note; a report during maintenance is put on hold with a public
 *       comment; unlinking clears {@code problem_id} with an internal note.</li>
 * </ul>
 * Every edit carries a comment, so Zendesk records an audit for each (which the exactly-once
 * check reads back).
 */
final class TicketEdits {

    /** Prefix of a problem ticket's {@code external_id}; the rest is the incident id. */
    static final String EXTERNAL_ID_PREFIX = "tocsin-incident:";

    private TicketEdits() {}

    /** The Zendesk ticket id of a Tocsin ticket id, empty when it is not a Zendesk ticket (reports from elsewhere). */
    static Optional<Long> zendeskId(String ticketId) {
        if (ticketId == null || !ticketId.matches("[1-9][0-9]{0,17}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(ticketId));
    }

    /** Whether applying the update needs the incident's problem ticket. */
    static boolean needsProblem(TicketUpdate update) {
        return update.getIncidentId() != null && update.getKind() != TicketUpdateKind.UNLINKED;
    }

    /** The {@code external_id} that marks an incident's problem ticket. */
    static String externalId(String incidentId) {
        return EXTERNAL_ID_PREFIX + incidentId;
    }

    /** The {@code ticket} object of {@code POST /api/v2/tickets.json} creating an incident's problem ticket. */
    static Map<String, Object> problemTicket(TicketUpdate update, String incidentLink) {
        String incident = update.getIncidentId();
        String severity = update.getIncidentSeverity() == null
                ? "-"
                : update.getIncidentSeverity().name();
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("subject", ZendeskTexts.format("en", "problem.subject", incident, severity));
        ticket.put("comment", comment(ZendeskTexts.format("en", "problem.body", incident, incidentLink), false));
        ticket.put("type", "problem");
        ticket.put("priority", priority(update.getIncidentSeverity()));
        ticket.put("external_id", externalId(incident));
        ticket.put("tags", List.of("tocsin", "tocsin_problem"));
        return ticket;
    }

    /**
     * The edits of one update, in order.
     *
     * @param problemId    the incident's problem ticket, when {@link #needsProblem} says so; else ignored
     * @param resolve      what a resolved incident does
     * @param incidentLink the internal link of an incident id
     */
    static List<Map<String, Object>> edits(
            TicketUpdate update, long problemId, ResolveAction resolve, UnaryOperator<String> incidentLink) {
        String lang = update.getLanguage();
        String reason = update.getReason() == null ? "" : update.getReason();
        String message = update.getPublicMessage() == null ? "" : update.getPublicMessage();
        List<Map<String, Object>> edits = new ArrayList<>();
        TicketUpdateKind kind = update.getKind();
        if (kind == TicketUpdateKind.UNLINKED) {
            Map<String, Object> unlink = new LinkedHashMap<>();
            unlink.put("problem_id", null);
            unlink.put(
                    "comment",
                    comment(
                            ZendeskTexts.format(lang, "note.unlinked", String.valueOf(update.getIncidentId()), reason),
                            false));
            edits.add(unlink);
            return edits;
        }
        if (needsProblem(update)) {
            String status =
                    update.getIncidentStatus() == null ? "" : ZendeskTexts.status(lang, update.getIncidentStatus());
            String link = incidentLink.apply(update.getIncidentId());
            switch (kind) {
                case TRIAGED, DUPLICATE -> {
                    edits.add(linked(
                            problemId, comment(ZendeskTexts.format(lang, "public.linked", status, message), true)));
                    String note = kind == TicketUpdateKind.DUPLICATE && update.getDuplicateOf() != null
                            ? ZendeskTexts.format(
                                    lang,
                                    "note.duplicate",
                                    update.getIncidentId(),
                                    link,
                                    String.valueOf(problemId),
                                    update.getDuplicateOf(),
                                    reason)
                            : ZendeskTexts.format(
                                    lang,
                                    "note.linked",
                                    update.getIncidentId(),
                                    link,
                                    String.valueOf(problemId),
                                    reason);
                    edits.add(Map.of("comment", comment(note, false)));
                }
                case RESOLVED_FOLLOW_UP_REQUIRED -> {
                    Map<String, Object> resolved = linked(
                            problemId,
                            comment(
                                    ZendeskTexts.format(
                                            lang,
                                            resolve == ResolveAction.SOLVE
                                                    ? "public.resolved.solve"
                                                    : "public.resolved.pending",
                                            message),
                                    true));
                    resolved.put("status", resolve.status());
                    edits.add(resolved);
                }
                case INCIDENT_STATUS_CHANGED ->
                    edits.add(linked(
                            problemId, comment(ZendeskTexts.format(lang, "public.status", status, message), true)));
                default ->
                    edits.add(linked(
                            problemId, comment(ZendeskTexts.format(lang, "note.other", kind.name(), reason), false)));
            }
            return edits;
        }
        if (kind == TicketUpdateKind.TRIAGED
                && update.getTriageOutcome() == TriageOutcome.STANDARD_TROUBLESHOOTING
                && update.getReply() != null
                && !update.getReply().isBlank()) {
            edits.add(Map.of("comment", comment(update.getReply(), true)));
        }
        if (kind == TicketUpdateKind.TRIAGED && update.getMaintenanceWindowId() != null) {
            Map<String, Object> hold = new LinkedHashMap<>();
            hold.put("status", "hold");
            hold.put("comment", comment(ZendeskTexts.format(lang, "public.maintenance"), true));
            edits.add(hold);
        }
        String noteKey = kind == TicketUpdateKind.TRIAGED ? "note.triage" : "note.other";
        edits.add(Map.of(
                "comment",
                comment(
                        kind == TicketUpdateKind.TRIAGED
                                ? ZendeskTexts.format(lang, noteKey, reason)
                                : ZendeskTexts.format(lang, noteKey, kind.name(), reason),
                        false)));
        return edits;
    }

    private static Map<String, Object> linked(long problemId, Map<String, Object> comment) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("type", "incident");
        ticket.put("problem_id", problemId);
        ticket.put("comment", comment);
        return ticket;
    }

    private static Map<String, Object> comment(String body, boolean isPublic) {
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("body", body);
        comment.put("public", isPublic);
        return comment;
    }

    /** Zendesk's priority of an incident severity. */
    static String priority(Severity severity) {
        if (severity == null) {
            return "normal";
        }
        return switch (severity) {
            case SEV1 -> "urgent";
            case SEV2 -> "high";
            case SEV3 -> "normal";
            case SEV4 -> "low";
        };
    }
}
