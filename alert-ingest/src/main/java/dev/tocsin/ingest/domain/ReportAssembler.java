package dev.tocsin.ingest.domain;

import dev.tocsin.avro.CustomerReport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies the rules every report source shares: the product through the catalog (or
 * {@value #UNCLASSIFIED} when none is named), the P4-until-reviewed priority policy, times, and the
 * language of the customer's locale (its primary subtag; null when the source states none, then the
 * correlator detects the language from the text).
 */
final class ReportAssembler {

    /** Product (and record key) of reports that name none. */
    static final String UNCLASSIFIED = "unclassified";

    private final ProductCatalog catalog;

    ReportAssembler(ProductCatalog catalog) {
        this.catalog = catalog;
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
            reports.add(CustomerReport.newBuilder()
                    .setTicketId(draft.ticketId)
                    .setSource(draft.source)
                    .setOrganizationId(draft.organizationId)
                    .setRequester(draft.requester)
                    .setProduct(product != null ? product : UNCLASSIFIED)
                    .setComponent(draft.component)
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

    /** The primary language subtag of a locale ({@code de-CH}, {@code ja_JP} give de, ja); null when absent or malformed. */
    static String language(String locale) {
        if (locale == null || locale.isBlank()) {
            return null;
        }
        String language = Locale.forLanguageTag(locale.trim().replace('_', '-')).getLanguage();
        return language.isEmpty() ? null : language;
    }
}
