package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.ReportChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Tocsin's own report format, one object or an array:
 * <pre>
 * {"ticketId":"T-1", "source":"portal", "organizationId":"org-17", "requester":"...", "product":"chat",
 *  "component":"optional", "subject":"...", "description":"...", "priority":"P1..P4 or urgent|high|normal|low",
 *  "channel":"portal|email|chat|phone", "createdAt":"RFC 3339", "tags":[...], "locale":"optional, e.g. de-DE"}
 * </pre>
 * Required: ticketId, organizationId, subject. A report without channel counts as channel OTHER
 * (and so as P4 until reviewed); without product it is {@code unclassified}.
 */
final class GenericReportNormalizer {

    static final String DEFAULT_SOURCE = "generic";

    private GenericReportNormalizer() {}

    static List<ReportDraft> read(JsonNode body, NormalizerSettings settings, Violations violations) {
        List<ReportDraft> drafts = new ArrayList<>();
        for (Items.Item item : Items.of(body, settings.maxItemsPerRequest(), "report", violations)) {
            JsonNode node = item.node();
            String source = JsonFields.text(node, "source", item.field("source"), violations);
            ReportDraft draft = new ReportDraft(source != null ? source : DEFAULT_SOURCE);
            draft.ticketId = JsonFields.requiredText(node, "ticketId", item.field("ticketId"), violations);
            draft.organizationId =
                    JsonFields.requiredText(node, "organizationId", item.field("organizationId"), violations);
            draft.requester = JsonFields.text(node, "requester", item.field("requester"), violations);
            draft.product = JsonFields.text(node, "product", item.field("product"), violations);
            draft.component = JsonFields.text(node, "component", item.field("component"), violations);
            draft.subject = JsonFields.requiredText(node, "subject", item.field("subject"), violations);
            draft.description = JsonFields.text(node, "description", item.field("description"), violations);
            draft.priorityText = JsonFields.text(node, "priority", item.field("priority"), violations);
            draft.priority = CustomerPriorities.map(draft.priorityText);
            if (draft.priorityText != null && draft.priority == null) {
                violations.add(
                        item.field("priority"),
                        "unknown value '" + JsonFields.clip(draft.priorityText) + "'; allowed: "
                                + CustomerPriorities.VOCABULARY);
            }
            String channel = JsonFields.text(node, "channel", item.field("channel"), violations);
            if (channel != null) {
                ReportChannel parsed =
                        JsonFields.enumValue(channel, ReportChannel.class, item.field("channel"), violations);
                draft.channel = parsed != null ? parsed : ReportChannel.OTHER;
            }
            draft.createdAt = Timestamps.read(node, "createdAt", item.field("createdAt"), violations);
            draft.tags = JsonFields.textList(node, "tags", item.field("tags"), violations);
            draft.locale = JsonFields.text(node, "locale", item.field("locale"), violations);
            drafts.add(draft);
        }
        return drafts;
    }
}
