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
 * <p>Parse bodies with a default Jackson {@code ObjectMapper}: integers stay exact (Alertmanager v3
 * group keys beyond 2^53). Thread-safe.
 */
public final class AlertNormalizers {

    private final IngestSettings settings;
    private final ProductCatalog catalog;
    private final AlertAssembler assembler;

    public AlertNormalizers(IngestSettings settings, ProductCatalog catalog) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.assembler = new AlertAssembler(settings, catalog);
    }

    /** Alertmanager webhook notification (version 4, 3 or unversioned). */
    public List<MonitoringAlert> alertmanager(JsonNode body, IngestContext ctx) {
        Violations violations = new Violations();
        List<AlertDraft> drafts = AlertmanagerNormalizer.read(body, AlertSource.ALERTMANAGER, "alertmanager",
                settings.maxItemsPerRequest(), violations);
        return finish(drafts, ctx, violations);
    }

    /** Grafana webhook notification: unified alerting (Alertmanager-shaped) or legacy (Grafana 7 and older). */
    public List<MonitoringAlert> grafana(JsonNode body, IngestContext ctx) {
        Violations violations = new Violations();
        return finish(GrafanaNormalizer.read(body, settings.maxItemsPerRequest(), violations), ctx, violations);
    }

    /**
     * PagerDuty Events API v2 event. Without a {@link KnownAlerts}, acknowledge and resolve events
     * (which carry only a dedup_key, no product) are rejected; see {@link #pagerduty(JsonNode, IngestContext, KnownAlerts)}.
     */
    public List<MonitoringAlert> pagerduty(JsonNode body, IngestContext ctx) {
        return pagerduty(body, ctx, KnownAlerts.none());
    }

    /** PagerDuty Events API v2 event; acknowledge and resolve take product and details from the known alert. */
    public List<MonitoringAlert> pagerduty(JsonNode body, IngestContext ctx, KnownAlerts known) {
        Objects.requireNonNull(known, "known");
        Violations violations = new Violations();
        return finish(PagerDutyNormalizer.read(body, assembler, catalog, known, violations), ctx, violations);
    }

    /** Tocsin's generic alert format: one object or an array. */
    public List<MonitoringAlert> generic(JsonNode body, IngestContext ctx) {
        Violations violations = new Violations();
        return finish(GenericAlertNormalizer.read(body, settings, assembler, violations), ctx, violations);
    }

    private List<MonitoringAlert> finish(List<AlertDraft> drafts, IngestContext ctx, Violations violations) {
        Objects.requireNonNull(ctx, "ctx");
        List<MonitoringAlert> alerts = assembler.assemble(drafts, ctx, violations);
        violations.throwIfAny();
        return alerts;
    }
}
