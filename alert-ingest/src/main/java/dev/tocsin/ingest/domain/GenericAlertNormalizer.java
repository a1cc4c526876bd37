package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.Signal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Tocsin's own alert format, one object or an array:
 * <pre>
 * {"source":"znoc", "fingerprint":"optional", "status":"firing|resolved", "product":"chat",
 *  "component":"api", "region":"eu-1", "signal":"latency|error_rate|availability|traffic_volume|saturation|other",
 *  "severity":"critical|high|medium|low|info", "alertName":"optional", "summary":"...", "description":"...",
 *  "startsAt":"RFC 3339", "endsAt":"RFC 3339", "generatorUrl":"optional", "labels":{...}, "links":["..."]}
 * </pre>
 * Required: status, summary; without product (or a product label) the routing rules or the
 * unclassified product place the alert. Unknown enum values are violations
 * naming the allowed values. The top-level product, component, region and signal are also
 * recorded as labels (under the configured label names, unless the labels already hold them), so
 * an alert sent here and the same alert from Alertmanager share a fingerprint.
 */
final class GenericAlertNormalizer {

    static final String DEFAULT_SOURCE_NAME = "generic";

    private GenericAlertNormalizer() {}

    static List<AlertDraft> read(JsonNode body, NormalizerSettings settings, Violations violations) {
        List<AlertDraft> drafts = new ArrayList<>();
        for (Items.Item item : Items.of(body, settings.maxItemsPerRequest(), "alert", violations)) {
            drafts.add(readOne(item, settings, violations));
        }
        return drafts;
    }

    private static AlertDraft readOne(Items.Item item, NormalizerSettings settings, Violations violations) {
        JsonNode node = item.node();
        String sourceName = JsonFields.text(node, "source", item.field("source"), violations);
        AlertDraft draft =
                new AlertDraft(item.path(), AlertSource.GENERIC, sourceName != null ? sourceName : DEFAULT_SOURCE_NAME);
        draft.status = AlertmanagerNormalizer.status(
                JsonFields.requiredText(node, "status", item.field("status"), violations),
                item.field("status"),
                violations);
        draft.fingerprint = JsonFields.text(node, "fingerprint", item.field("fingerprint"), violations);
        draft.product = JsonFields.text(node, "product", item.field("product"), violations);
        draft.component = JsonFields.text(node, "component", item.field("component"), violations);
        draft.region = JsonFields.text(node, "region", item.field("region"), violations);
        String signal = JsonFields.text(node, "signal", item.field("signal"), violations);
        if (signal != null) {
            draft.signal = SignalInference.parse(signal).orElse(null);
            if (draft.signal == null) {
                violations.add(
                        item.field("signal"),
                        "unknown value '" + JsonFields.clip(signal) + "'; allowed: "
                                + JsonFields.allowed(Signal.class));
            }
        }
        draft.severityText = JsonFields.text(node, "severity", item.field("severity"), violations);
        if (draft.severityText != null && SeverityHints.map(draft.severityText) == null) {
            violations.add(
                    item.field("severity"),
                    "unknown value '" + JsonFields.clip(draft.severityText) + "'; allowed: "
                            + SeverityHints.GENERIC_VOCABULARY);
        }
        draft.alertName = JsonFields.text(node, "alertName", item.field("alertName"), violations);
        draft.summary = JsonFields.requiredText(node, "summary", item.field("summary"), violations);
        draft.description = JsonFields.text(node, "description", item.field("description"), violations);
        draft.startsAt = Timestamps.readNanos(node, "startsAt", item.field("startsAt"), violations);
        draft.endsAt = Timestamps.readNanos(node, "endsAt", item.field("endsAt"), violations);
        draft.generatorUrl = JsonFields.text(node, "generatorUrl", item.field("generatorUrl"), violations);
        draft.links = JsonFields.textList(node, "links", item.field("links"), violations);
        draft.labels = Labels.read(node, "labels", item.field("labels"), violations);
        if (draft.alertName == null) {
            draft.alertName = Labels.value(draft.labels, "alertname");
        }
        // the identity fields join the labels, so the fingerprint covers them like any label set
        putIfAbsent(draft, settings.productLabels().get(0), draft.product);
        putIfAbsent(draft, settings.componentLabel(), draft.component);
        putIfAbsent(draft, settings.regionLabel(), draft.region);
        putIfAbsent(draft, "signal", draft.signal == null ? null : signal);
        return draft;
    }

    private static void putIfAbsent(AlertDraft draft, String label, String value) {
        if (value != null) {
            draft.labels.putIfAbsent(label, value);
        }
    }
}
