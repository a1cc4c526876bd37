package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Zendesk tickets in the shapes Zendesk sends them:
 * <ul>
 *   <li>event-subscription webhooks ({@code type: zen:event-type:ticket.*}, ticket in {@code detail},
 *       string ids, UPPER-case enums); other event types are rejected;</li>
 *   <li>REST objects {@code {"ticket":{...}}} and bare ticket objects (integer ids, lower-case enums);</li>
 *   <li>Amazon EventBridge events ({@code detail.ticket_event.ticket}).</li>
 * </ul>
 * organization_id (else the requester's) is required; via.channel maps to the report channel,
 * priority urgent/high/normal/low to P1..P4; the product comes from the configured custom field,
 * else from a tag with the configured prefix ({@code product_chat}); the event type is the source event;
 * the ticket's {@code locale}, else its requester's, is the customer's locale.
 */
final class ZendeskNormalizer {

    static final String SOURCE = "zendesk";
    private static final String EVENT_PREFIX = "zen:event-type:";
    private static final String TICKET_EVENT_PREFIX = EVENT_PREFIX + "ticket.";
    private static final String PRIORITIES = "urgent, high, normal, low";

    private ZendeskNormalizer() {}

    static List<ReportDraft> read(JsonNode body, NormalizerSettings settings, Violations violations) {
        List<ReportDraft> drafts = new ArrayList<>();
        if (body == null || !body.isObject()) {
            violations.add(
                    Violations.ROOT,
                    "must be a JSON object (a Zendesk ticket or ticket event), got " + JsonFields.kind(body));
            return drafts;
        }
        ReportDraft draft = new ReportDraft(SOURCE);
        String type = JsonFields.text(body, "type", "type", violations);
        JsonNode detail = JsonFields.field(body, "detail");
        JsonNode ticket;
        String path;
        if (type != null && type.startsWith(EVENT_PREFIX)) {
            if (!type.startsWith(TICKET_EVENT_PREFIX)) {
                violations.add("type", "only ticket events are customer reports, got '" + JsonFields.clip(type) + "'");
                return drafts;
            }
            path = "detail";
            draft.sourceEvent = type;
        } else if (JsonFields.has(body, "ticket")) {
            path = "ticket";
        } else if (JsonFields.has(detail, "ticket_event")) {
            path = "detail.ticket_event.ticket";
            draft.sourceEvent = AlertmanagerNormalizer.firstNonBlank(
                    JsonFields.text(body, "detail-type", "detail-type", violations),
                    JsonFields.text(detail.get("ticket_event"), "type", "detail.ticket_event.type", violations));
        } else if (JsonFields.has(body, "id") && (JsonFields.has(body, "subject") || JsonFields.has(body, "via"))) {
            path = "";
        } else {
            violations.add(
                    Violations.ROOT,
                    "not a Zendesk ticket: expected a ticket event (type zen:event-type:ticket.*),"
                            + " {\"ticket\":{...}}, a ticket object or an EventBridge ticket event");
            return drafts;
        }
        ticket = path.isEmpty() ? body : at(body, path);
        if (ticket == null || !ticket.isObject()) {
            violations.add(
                    path,
                    ticket == null
                            ? "required: the ticket is missing"
                            : "must be an object (the ticket), got " + JsonFields.kind(ticket));
            return drafts;
        }
        readTicket(ticket, path, settings, draft, violations);
        drafts.add(draft);
        return drafts;
    }

    private static void readTicket(
            JsonNode ticket, String path, NormalizerSettings settings, ReportDraft draft, Violations violations) {
        draft.ticketId = JsonFields.requiredText(ticket, "id", Violations.path(path, "id"), violations);
        draft.subject = JsonFields.requiredText(ticket, "subject", Violations.path(path, "subject"), violations);
        draft.description = JsonFields.text(ticket, "description", Violations.path(path, "description"), violations);
        JsonNode requester = JsonFields.field(ticket, "requester");
        draft.organizationId = AlertmanagerNormalizer.firstNonBlank(
                JsonFields.text(ticket, "organization_id", Violations.path(path, "organization_id"), violations),
                JsonFields.text(
                        requester, "organization_id", Violations.path(path, "requester.organization_id"), violations));
        if (draft.organizationId == null) {
            violations.add(
                    Violations.path(path, "organization_id"),
                    "missing: neither the ticket nor its requester names an organization");
        }
        draft.requester = AlertmanagerNormalizer.firstNonBlank(
                JsonFields.text(ticket, "requester_id", Violations.path(path, "requester_id"), violations),
                JsonFields.text(requester, "id", Violations.path(path, "requester.id"), violations));
        draft.priorityText = JsonFields.text(ticket, "priority", Violations.path(path, "priority"), violations);
        draft.priority = CustomerPriorities.map(draft.priorityText);
        if (draft.priorityText != null && draft.priority == null) {
            violations.add(
                    Violations.path(path, "priority"),
                    "unknown value '" + JsonFields.clip(draft.priorityText) + "'; allowed: " + PRIORITIES);
        }
        JsonNode via = JsonFields.object(ticket, "via", Violations.path(path, "via"), violations);
        draft.channel = ReportChannels.fromZendesk(
                JsonFields.text(via, "channel", Violations.path(path, "via.channel"), violations));
        draft.createdAt = Timestamps.read(ticket, "created_at", Violations.path(path, "created_at"), violations);
        draft.tags = JsonFields.textList(ticket, "tags", Violations.path(path, "tags"), violations);
        draft.locale = AlertmanagerNormalizer.firstNonBlank(
                JsonFields.text(ticket, "locale", Violations.path(path, "locale"), violations),
                JsonFields.text(requester, "locale", Violations.path(path, "requester.locale"), violations));
        draft.customFields = customFields(ticket);
        draft.product = product(ticket, draft.tags, settings);
    }

    /** Every custom field with an id and a value, as text: lists comma-separated, nulls left out. */
    private static Map<String, String> customFields(JsonNode ticket) {
        Map<String, String> fields = new TreeMap<>();
        JsonNode list = JsonFields.field(ticket, "custom_fields");
        for (JsonNode field : list != null && list.isArray() ? list : List.<JsonNode>of()) {
            String id = JsonFields.scalarText(JsonFields.field(field, "id"));
            JsonNode value = JsonFields.field(field, "value");
            if (id == null || value == null || value.isNull()) {
                continue;
            }
            if (value.isArray()) {
                List<String> parts = new ArrayList<>();
                value.forEach(v -> {
                    String text = JsonFields.scalarText(v);
                    if (text != null) {
                        parts.add(text);
                    }
                });
                fields.put(id, String.join(",", parts));
            } else {
                String text = JsonFields.scalarText(value);
                if (text != null) {
                    fields.put(id, text);
                }
            }
        }
        return fields;
    }

    /** The configured custom field's value, else the first tag with the product prefix; null when neither. */
    private static String product(JsonNode ticket, List<String> tags, NormalizerSettings settings) {
        String prefix = settings.zendeskProductTagPrefix();
        if (settings.zendeskProductFieldId() != null) {
            JsonNode fields = JsonFields.field(ticket, "custom_fields");
            for (JsonNode field : fields != null && fields.isArray() ? fields : List.<JsonNode>of()) {
                if (settings.zendeskProductFieldId().equals(JsonFields.scalarText(JsonFields.field(field, "id")))) {
                    JsonNode value = JsonFields.field(field, "value");
                    String text = value != null && value.isArray() && !value.isEmpty()
                            ? JsonFields.scalarText(value.get(0))
                            : JsonFields.scalarText(value);
                    if (text != null && !text.isBlank()) {
                        return stripPrefix(text.trim(), prefix);
                    }
                }
            }
        }
        for (String tag : tags) {
            if (tag.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))
                    && tag.length() > prefix.length()) {
                return tag.substring(prefix.length());
            }
        }
        return null;
    }

    private static String stripPrefix(String value, String prefix) {
        boolean prefixed = value.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))
                && value.length() > prefix.length();
        return prefixed ? value.substring(prefix.length()) : value;
    }

    /** The node at a dotted path, or null. */
    private static JsonNode at(JsonNode node, String dotted) {
        JsonNode current = node;
        for (String name : dotted.split("\\.")) {
            current = JsonFields.field(current, name);
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
