package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.CustomerReport;
import java.util.List;
import java.util.Objects;

/**
 * The report receivers' pure core: from a parsed JSON body to {@link CustomerReport}s in payload
 * order, or an {@link InvalidPayloadException} listing every violation. A report that names no
 * product gets one from the routing rules, else the unclassified product (its record key). Thread-safe.
 */
public final class ReportNormalizers {

    private final NormalizerSettings settings;
    private final ReportAssembler assembler;

    /** Normalizers without routing rules that count nothing. */
    public ReportNormalizers(NormalizerSettings settings, ProductCatalog catalog) {
        this(settings, catalog, RoutingRules.none(), NormalizationEvents.NONE);
    }

    public ReportNormalizers(
            NormalizerSettings settings, ProductCatalog catalog, RoutingRules routing, NormalizationEvents events) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.assembler = new ReportAssembler(
                settings,
                Objects.requireNonNull(catalog, "catalog"),
                Objects.requireNonNull(routing, "routing"),
                Objects.requireNonNull(events, "events"));
    }

    /** A Zendesk ticket: webhook event, REST object ({@code {"ticket":{...}}} or bare) or EventBridge event. */
    public List<CustomerReport> zendesk(JsonNode body, IngestContext ctx) {
        Violations violations = new Violations();
        return finish(ZendeskNormalizer.read(body, settings, violations), ctx, violations);
    }

    /** Tocsin's generic report format: one object or an array. */
    public List<CustomerReport> generic(JsonNode body, IngestContext ctx) {
        Violations violations = new Violations();
        return finish(GenericReportNormalizer.read(body, settings, violations), ctx, violations);
    }

    private List<CustomerReport> finish(List<ReportDraft> drafts, IngestContext ctx, Violations violations) {
        Objects.requireNonNull(ctx, "ctx");
        List<CustomerReport> reports = assembler.assemble(drafts, ctx, violations);
        violations.throwIfAny();
        return reports;
    }
}
