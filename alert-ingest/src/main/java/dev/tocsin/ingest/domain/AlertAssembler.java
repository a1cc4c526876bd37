package dev.tocsin.ingest.domain;

import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.MonitoringAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Applies the rules every alert source shares to drafts: product (labels, else the routing rules,
 * else what the source implies, else the unclassified product), component and region; signal;
 * severity hint; fingerprint; start and end times. Records are built (and ids drawn) only when the
 * whole payload is free of violations.
 */
final class AlertAssembler {

    private final NormalizerSettings settings;
    private final ProductCatalog catalog;
    private final RoutingRules routing;
    private final NormalizationEvents events;

    AlertAssembler(
            NormalizerSettings settings, ProductCatalog catalog, RoutingRules routing, NormalizationEvents events) {
        this.settings = settings;
        this.catalog = catalog;
        this.routing = routing;
        this.events = events;
    }

    /** The alerts in draft order, or an empty list when the payload has violations (the caller throws). */
    List<MonitoringAlert> assemble(List<AlertDraft> drafts, IngestContext ctx, Violations violations) {
        if (!violations.isEmpty()) {
            return List.of();
        }
        List<MonitoringAlert> alerts = new ArrayList<>(drafts.size());
        for (AlertDraft draft : drafts) {
            if (draft.status == null && draft.statusFromEndsAt) {
                draft.status = draft.endsAt != null && !draft.endsAt.isAfter(ctx.receivedAt())
                        ? AlertStatus.RESOLVED
                        : AlertStatus.FIRING;
            }
            boolean unclassified = place(draft);
            alerts.add(build(draft, ctx));
            if (unclassified) {
                events.unclassified(draft.sourceName);
            }
        }
        return alerts;
    }

    /**
     * Product, component and region of a draft: an explicit product (the source's own field or a
     * product label) wins; else the first matching routing rule gives product and, when it names
     * them, component, region and severity; else what the source implies (a PagerDuty group the
     * catalog knows); else the unclassified product. Returns whether it is unclassified.
     */
    private boolean place(AlertDraft draft) {
        String explicit =
                draft.product != null ? draft.product : Labels.first(draft.identity(), settings.productLabels());
        boolean unclassified = false;
        if (explicit != null) {
            draft.product = catalog.canonical(explicit);
        } else {
            Optional<RoutingRule> rule = routing.firstMatch(routingLabels(draft));
            if (rule.isPresent()) {
                apply(rule.get(), draft);
            } else if (draft.productGuess != null) {
                draft.product = catalog.canonical(draft.productGuess);
            } else {
                draft.product = settings.unclassifiedProduct();
                unclassified = true;
            }
        }
        if (draft.component == null) {
            draft.component = Labels.value(draft.identity(), settings.componentLabel());
        }
        if (draft.region == null) {
            draft.region = Labels.value(draft.identity(), settings.regionLabel());
        }
        return unclassified;
    }

    /** A rule's assignments win over what the labels say: the operator wrote them for exactly these alerts. */
    private void apply(RoutingRule rule, AlertDraft draft) {
        draft.product = catalog.canonical(rule.product());
        if (rule.component() != null) {
            draft.component = rule.component();
        }
        if (rule.region() != null) {
            draft.region = rule.region();
        }
        if (rule.severity() != null) {
            draft.severity = SeverityHints.map(rule.severity());
        }
    }

    /** What routing matchers see: the recorded labels plus the identifying ones (Grafana legacy rule tags). */
    private static Map<String, String> routingLabels(AlertDraft draft) {
        if (draft.identityLabels == null) {
            return draft.labels;
        }
        Map<String, String> labels = new TreeMap<>(draft.labels);
        labels.putAll(draft.identityLabels);
        return labels;
    }

    private MonitoringAlert build(AlertDraft draft, IngestContext ctx) {
        if (draft.status == null || draft.summary == null) {
            throw new IllegalStateException("draft " + draft.path + " lacks status or summary without a violation");
        }
        Instant receivedAt = Timestamps.millis(ctx.receivedAt());
        Instant startsAt = draft.startsAt != null ? draft.startsAt : receivedAt;
        // endsAt means "ended" only for resolved alerts: firing ones carry Go's zero time or, before
        // Alertmanager 0.17, a future time that only says when the alert would expire
        Instant endsAt =
                draft.status == AlertStatus.RESOLVED ? (draft.endsAt != null ? draft.endsAt : receivedAt) : null;
        String fingerprint = draft.fingerprint != null && !draft.fingerprint.isBlank()
                ? draft.fingerprint.trim()
                : Fingerprints.ofLabels(draft.identity());
        return MonitoringAlert.newBuilder()
                .setAlertId(ctx.ids().get())
                .setFingerprint(fingerprint)
                .setSource(draft.source)
                .setSourceName(draft.sourceName)
                .setStatus(draft.status)
                .setProduct(draft.product)
                .setComponent(draft.component)
                .setRegion(draft.region)
                .setSignal(
                        draft.signal != null
                                ? draft.signal
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
