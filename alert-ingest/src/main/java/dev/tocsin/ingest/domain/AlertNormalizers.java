package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.MonitoringAlert;
import java.util.List;
import java.util.Objects;

/**
 * The alert receivers' pure core: one entry point per source, from a parsed JSON body to normalized
 * {@link MonitoringAlert}s in payload order. Each either returns every alert of the payload or
 * throws {@link InvalidPayloadException} listing all violations found; no other exception escapes
 * for any JSON input, and nothing of a rejected payload is returned.
 *
 * <p>An alert is refused only when it cannot be an alert at all (no status, no summary, wrong
 * types): one that no label and no routing rule classifies gets the unclassified product, and a
 * PagerDuty acknowledge or resolve for an unknown dedup key gives no alert ({@link #IGNORED_UNKNOWN_DEDUP_KEY}).
 *
 * <p>Parse bodies with {@link PayloadParser}: integers stay exact (Alertmanager v3 group keys
 * beyond 2^53). Thread-safe.
 */
public final class AlertNormalizers {

    /** Why a PagerDuty acknowledge or resolve gave no alert (the HTTP answer says so). */
    public static final String IGNORED_UNKNOWN_DEDUP_KEY = PagerDutyNormalizer.IGNORED_UNKNOWN_DEDUP_KEY;

    private final NormalizerSettings settings;
    private final ProductCatalog catalog;
    private final NormalizationEvents events;
    private final AlertAssembler assembler;

    /** Normalizers without routing rules that count nothing. */
    public AlertNormalizers(NormalizerSettings settings, ProductCatalog catalog) {
        this(settings, catalog, RoutingRules.none(), NormalizationEvents.NONE);
    }

    public AlertNormalizers(
            NormalizerSettings settings, ProductCatalog catalog, RoutingRules routing, NormalizationEvents events) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.events = Objects.requireNonNull(events, "events");
        this.assembler = new AlertAssembler(settings, catalog, Objects.requireNonNull(routing, "routing"), events);
    }

    /** Alertmanager webhook notification (version 4, 3 or unversioned). */
    public List<MonitoringAlert> alertmanager(JsonNode body, IngestContext ctx) {
        Violations violations = new Violations();
        List<AlertDraft> drafts = AlertmanagerNormalizer.read(
                body, AlertSource.ALERTMANAGER, "alertmanager", settings.maxItemsPerRequest(), violations);
        return finish(drafts, ctx, violations);
    }

    /** Grafana webhook notification: unified alerting (Alertmanager-shaped) or legacy (Grafana 7 and older). */
    public List<MonitoringAlert> grafana(JsonNode body, IngestContext ctx) {
        Violations violations = new Violations();
        return finish(GrafanaNormalizer.read(body, settings.maxItemsPerRequest(), violations), ctx, violations);
    }

    /**
     * PagerDuty Events API v2 event; acknowledge and resolve take product and details from the known
     * alert, and give an empty list when it is unknown (ignored, {@link #IGNORED_UNKNOWN_DEDUP_KEY}).
     */
    public List<MonitoringAlert> pagerduty(JsonNode body, IngestContext ctx, KnownAlerts known) {
        Objects.requireNonNull(known, "known");
        Violations violations = new Violations();
        return finish(PagerDutyNormalizer.read(body, catalog, known, events, violations), ctx, violations);
    }

    /** Tocsin's generic alert format: one object or an array. */
    public List<MonitoringAlert> generic(JsonNode body, IngestContext ctx) {
        Violations violations = new Violations();
        return finish(GenericAlertNormalizer.read(body, settings, violations), ctx, violations);
    }

    private List<MonitoringAlert> finish(List<AlertDraft> drafts, IngestContext ctx, Violations violations) {
        Objects.requireNonNull(ctx, "ctx");
        List<MonitoringAlert> alerts = assembler.assemble(drafts, ctx, violations);
        violations.throwIfAny();
        return alerts;
    }
}
