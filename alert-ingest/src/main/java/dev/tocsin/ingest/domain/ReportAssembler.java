package dev.tocsin.ingest.domain;

import dev.tocsin.avro.CustomerReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Applies the rules every report source shares: the product through the catalog, else from the
 * routing rules (over {@link #routingLabels the report's labels}), else the unclassified product;
 * the P4-until-reviewed priority policy, times, and the language of the customer's locale (its
 * primary subtag; null when the source states none, then the correlator detects the language from
 * the text).
 */
final class ReportAssembler {

    private final NormalizerSettings settings;
    private final ProductCatalog catalog;
    private final RoutingRules routing;
    private final NormalizationEvents events;

    ReportAssembler(
            NormalizerSettings settings, ProductCatalog catalog, RoutingRules routing, NormalizationEvents events) {
        this.settings = settings;
        this.catalog = catalog;
        this.routing = routing;
        this.events = events;
    }

    /** The reports, or an empty list when the payload has violations (the caller throws). */
    List<CustomerReport> assemble(List<ReportDraft> drafts, IngestContext ctx, Violations violations) {
        if (!violations.isEmpty()) {
            return List.of();
        }
        Instant receivedAt = Timestamps.millis(ctx.receivedAt());
        List<CustomerReport> reports = new ArrayList<>(drafts.size());
        for (ReportDraft draft : drafts) {
            String product = catalog.canonical(draft.product);
            String component = draft.component;
            if (product == null) {
                Optional<RoutingRule> rule = routing.firstMatch(routingLabels(draft));
                product = rule.map(r -> catalog.canonical(r.product())).orElse(null);
                component = rule.map(RoutingRule::component).orElse(component);
            }
            if (product == null) {
                product = settings.unclassifiedProduct();
                events.unclassified(draft.source);
            }
            reports.add(CustomerReport.newBuilder()
                    .setTicketId(draft.ticketId)
                    .setSource(draft.source)
                    .setOrganizationId(draft.organizationId)
                    .setRequester(draft.requester)
                    .setProduct(product)
                    .setComponent(component)
                    .setSubject(draft.subject)
                    .setDescription(draft.description)
                    .setCustomerPriority(CustomerPriorities.unreviewed(draft.priority, draft.channel))
                    .setOriginalPriority(draft.priorityText)
                    .setReviewed(false)
                    .setChannel(draft.channel)
                    .setCreatedAt(draft.createdAt != null ? Timestamps.millis(draft.createdAt) : receivedAt)
                    .setReceivedAt(receivedAt)
                    .setTags(List.copyOf(draft.tags))
                    .setSourceEvent(draft.sourceEvent)
                    .setLanguage(language(draft.locale))
                    .build());
        }
        return reports;
    }

    /**
     * What routing matchers see of a report: {@code source}, {@code channel} (lower case),
     * {@code organization_id}, {@code subject}, {@code tags} (all tags comma-separated),
     * {@code tag_<tag>="true"} per tag, and {@code custom_field_<id>} per Zendesk custom field
     * (lists comma-separated).
     */
    static Map<String, String> routingLabels(ReportDraft draft) {
        Map<String, String> labels = new TreeMap<>();
        putIfPresent(labels, "source", draft.source);
        putIfPresent(
                labels,
                "channel",
                draft.channel == null ? null : draft.channel.name().toLowerCase(Locale.ROOT));
        putIfPresent(labels, "organization_id", draft.organizationId);
        putIfPresent(labels, "subject", draft.subject);
        if (!draft.tags.isEmpty()) {
            labels.put("tags", String.join(",", draft.tags));
        }
        for (String tag : draft.tags) {
            labels.put("tag_" + tag, "true");
        }
        draft.customFields.forEach((id, value) -> labels.put("custom_field_" + id, value));
        return labels;
    }

    /** The primary language subtag of a locale ({@code de-CH}, {@code ja_JP} give de, ja); null when absent or malformed. */
    static String language(String locale) {
        if (locale == null || locale.isBlank()) {
            return null;
        }
        String language = Locale.forLanguageTag(locale.trim().replace('_', '-')).getLanguage();
        return language.isEmpty() ? null : language;
    }

    private static void putIfPresent(Map<String, String> labels, String name, String value) {
        if (value != null) {
            labels.put(name, value);
        }
    }
}
