package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Alertmanager webhook notifications (version 4, legacy 3 and unversioned ones) and the
 * Alertmanager-shaped Grafana unified-alerting notifications into drafts.
 *
 * <ul>
 *   <li>Per-alert {@code status} wins over the group {@code status} (a firing group can hold
 *       resolved alerts); an alert without one takes the group's; with neither, the alert is
 *       resolved when its {@code endsAt} has passed and firing otherwise, as Alertmanager decides
 *       for alerts posted to it without a status.</li>
 *   <li>{@code endsAt} of a firing alert is ignored (Go zero time, or a future expiry from
 *       Alertmanager before 0.17).</li>
 *   <li>A numeric {@code groupKey} (version 3) is kept digit for digit.</li>
 *   <li>A relative {@code generatorURL} is resolved against {@code externalURL}.</li>
 * </ul>
 */
final class AlertmanagerNormalizer {

    private static final String STATUSES = "firing, resolved";

    private AlertmanagerNormalizer() {}

    static List<AlertDraft> read(
            JsonNode body, AlertSource source, String sourceName, int maxItems, Violations violations) {
        List<AlertDraft> drafts = new ArrayList<>();
        if (body == null || !body.isObject()) {
            violations.add(
                    Violations.ROOT, "must be a JSON object (a webhook notification), got " + JsonFields.kind(body));
            return drafts;
        }
        int before = violations.size();
        AlertStatus groupStatus = status(JsonFields.text(body, "status", "status", violations), "status", violations);
        boolean groupStatusInvalid = violations.size() > before;
        String groupKey = groupKey(body, violations);
        String externalUrl = JsonFields.text(body, "externalURL", "externalURL", violations);

        JsonNode alerts = JsonFields.array(body, "alerts", "alerts", violations);
        if (alerts == null) {
            if (!JsonFields.has(body, "alerts")) {
                violations.add("alerts", "required: a notification lists its alerts");
            }
            return drafts;
        }
        if (alerts.isEmpty()) {
            violations.add("alerts", "must hold at least one alert");
            return drafts;
        }
        if (alerts.size() > maxItems) {
            violations.add(
                    "alerts",
                    "holds " + alerts.size() + " alerts, more than the limit of " + maxItems + " per request");
            return drafts;
        }
        for (int i = 0; i < alerts.size(); i++) {
            String path = Violations.index("alerts", i);
            JsonNode alert = alerts.get(i);
            if (!alert.isObject()) {
                violations.add(path, "must be an object, got " + JsonFields.kind(alert));
                continue;
            }
            AlertDraft draft = new AlertDraft(path, source, sourceName);
            readStatus(alert, draft, groupStatus, groupStatusInvalid, violations);
            readAlert(alert, draft, externalUrl, violations);
            draft.groupKey = groupKey;
            drafts.add(draft);
        }
        return drafts;
    }

    private static void readStatus(
            JsonNode alert,
            AlertDraft draft,
            AlertStatus groupStatus,
            boolean groupStatusInvalid,
            Violations violations) {
        int before = violations.size();
        String text = JsonFields.text(alert, "status", draft.field("status"), violations);
        if (violations.size() > before) {
            return;
        }
        if (text != null) {
            draft.status = status(text, draft.field("status"), violations);
        } else if (groupStatus != null) {
            draft.status = groupStatus;
        } else if (!groupStatusInvalid) {
            // Alertmanager's own rule for alerts posted without a status: resolved once endsAt has passed
            draft.statusFromEndsAt = true;
        }
    }

    private static void readAlert(JsonNode alert, AlertDraft draft, String externalUrl, Violations violations) {
        draft.labels = Labels.read(alert, "labels", draft.field("labels"), violations);
        draft.annotations = Labels.read(alert, "annotations", draft.field("annotations"), violations);
        draft.fingerprint = JsonFields.text(alert, "fingerprint", draft.field("fingerprint"), violations);
        draft.startsAt = Timestamps.readNanos(alert, "startsAt", draft.field("startsAt"), violations);
        draft.endsAt = Timestamps.readNanos(alert, "endsAt", draft.field("endsAt"), violations);
        draft.generatorUrl = Links.resolve(
                externalUrl, JsonFields.text(alert, "generatorURL", draft.field("generatorURL"), violations));
        Links.addRunbooks(draft.annotations, draft.links);
        // Grafana unified alerting adds these per alert
        Links.addIfPresent(
                JsonFields.text(alert, "dashboardURL", draft.field("dashboardURL"), violations), draft.links);
        Links.addIfPresent(JsonFields.text(alert, "panelURL", draft.field("panelURL"), violations), draft.links);

        Map<String, String> annotations = draft.annotations;
        draft.alertName = Labels.value(draft.labels, "alertname");
        draft.description = Labels.value(annotations, "description");
        // an alert without any text is still an alert: refusing it would make the sender drop it
        draft.summary = firstNonBlank(
                Labels.value(annotations, "summary"),
                Labels.value(annotations, "message"),
                draft.description,
                draft.alertName,
                "unnamed " + draft.sourceName
                        + " alert (no summary, message or description annotation, no alertname label)");
        draft.severityText =
                firstNonBlank(Labels.value(draft.labels, "severity"), Labels.value(annotations, "severity"));
    }

    /** The group key as sent: text as is, an integer (version 3) from its exact digits, never through a double. */
    static String groupKey(JsonNode body, Violations violations) {
        JsonNode node = JsonFields.field(body, "groupKey");
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return JsonFields.numberText(node);
        }
        violations.add("groupKey", "must be a string or an integer, got " + JsonFields.kind(node));
        return null;
    }

    /** firing or resolved, any case; anything else is a violation. */
    static AlertStatus status(String text, String path, Violations violations) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "firing" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> {
                violations.add(path, "unknown value '" + JsonFields.clip(text) + "'; allowed: " + STATUSES);
                yield null;
            }
        };
    }

    static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
