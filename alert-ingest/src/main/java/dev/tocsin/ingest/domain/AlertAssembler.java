package dev.tocsin.ingest.domain;

import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.MonitoringAlert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the rules every alert source shares to drafts: product, component and region from the
 * configured labels through the catalog; signal; severity hint; fingerprint; start and end times.
 * Records are built (and ids drawn) only when the whole payload is free of violations.
 */
final class AlertAssembler {

    private final IngestSettings settings;
    private final ProductCatalog catalog;

    AlertAssembler(IngestSettings settings, ProductCatalog catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    /** The alerts in draft order, or an empty list when the payload has violations (the caller throws). */
    List<MonitoringAlert> assemble(List<AlertDraft> drafts, IngestContext ctx, Violations violations) {
        for (AlertDraft draft : drafts) {
            placeProduct(draft, violations);
        }
        if (!violations.isEmpty()) {
            return List.of();
        }
        List<MonitoringAlert> alerts = new ArrayList<>(drafts.size());
        for (AlertDraft draft : drafts) {
            alerts.add(build(draft, ctx));
        }
        return alerts;
    }

    /** The canonical product named by the first configured product label, or null. */
    String productFromLabels(Map<String, String> labels) {
        return catalog.canonical(Labels.first(labels, settings.productLabels()));
    }

    /** What a missing product violation says by default. */
    String missingProductReason() {
        return missingProductReason("labels");
    }

    /** What a missing product violation says, naming where the product labels were looked for. */
    String missingProductReason(String where) {
        return "missing product: none of the " + where + " " + String.join(", ", settings.productLabels()) + " is set";
    }

    private void placeProduct(AlertDraft draft, Violations violations) {
        draft.product = draft.product != null ? catalog.canonical(draft.product) : productFromLabels(draft.identity());
        if (draft.product == null) {
            violations.add(draft.productField != null ? draft.productField : draft.field("labels"),
                    draft.productMissing != null ? draft.productMissing : missingProductReason(draft.productWhere));
        }
        if (draft.component == null) {
            draft.component = Labels.value(draft.identity(), settings.componentLabel());
        }
        if (draft.region == null) {
            draft.region = Labels.value(draft.identity(), settings.regionLabel());
        }
    }

    private MonitoringAlert build(AlertDraft draft, IngestContext ctx) {
        if (draft.status == null || draft.summary == null) {
            throw new IllegalStateException("draft " + draft.path + " lacks status or summary without a violation");
        }
        Instant receivedAt = Timestamps.millis(ctx.receivedAt());
        Instant startsAt = draft.startsAt != null ? draft.startsAt : receivedAt;
        // endsAt means "ended" only for resolved alerts: firing ones carry Go's zero time or, before
        // Alertmanager 0.17, a future time that only says when the alert would expire
        Instant endsAt = draft.status == AlertStatus.RESOLVED ? (draft.endsAt != null ? draft.endsAt : receivedAt) : null;
        String fingerprint = draft.fingerprint != null && !draft.fingerprint.isBlank()
                ? draft.fingerprint.trim() : Fingerprints.ofLabels(draft.identity());
        return MonitoringAlert.newBuilder()
                .setAlertId(ctx.ids().get())
                .setFingerprint(fingerprint)
                .setSource(draft.source)
                .setSourceName(draft.sourceName)
                .setStatus(draft.status)
                .setProduct(draft.product)
                .setComponent(draft.component)
                .setRegion(draft.region)
                .setSignal(draft.signal != null ? draft.signal
                        : SignalInference.of(draft.labels.get("signal"), draft.alertName, draft.summary))
                .setSeverityHint(draft.severity != null ? draft.severity : SeverityHints.map(draft.severityText))
                .setAlertName(draft.alertName)
                .setSummary(draft.summary)
                .setDescription(draft.description)
                .setLabels(Map.copyOf(draft.labels))
                .setAnnotations(Map.copyOf(draft.annotations))
                .setStartsAt(startsAt)
                .setEndsAt(endsAt)
                .setReceivedAt(receivedAt)
                .setGeneratorUrl(draft.generatorUrl)
                .setLinks(List.copyOf(draft.links))
                .setGroupKey(draft.groupKey)
                .build();
    }
}
