package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads Grafana webhook notifications of both generations.
 *
 * <p><b>Unified alerting</b> (Grafana 8+, {@code alerts[]}, version "1") has the Alertmanager shape
 * and is read by {@link AlertmanagerNormalizer}.
 *
 * <p><b>Legacy alerting</b> (Grafana 7 and older: {@code ruleName}, {@code state}, {@code evalMatches})
 * is one flat object per rule and becomes one alert:
 * <ul>
 *   <li>state {@code alerting} is FIRING, {@code ok} is RESOLVED, {@code no_data} is FIRING with signal
 *       AVAILABILITY (the rule cannot see its target; a {@code signal} tag still wins);
 *       {@code pending} and {@code paused} are rejected: they announce no firing or resolved alert.</li>
 *   <li>ruleName is the alert name; message (else title, else ruleName) the summary.</li>
 *   <li>The alert's identity (fingerprint, product, component, region) comes from the rule only
 *       ({@code alertname} = ruleName, {@code rule_id}, {@code org_id} and the rule tags), because
 *       the {@code ok} notification that resolves it carries no evalMatches. Tags common to all
 *       evalMatches are recorded as labels too, and the matched values as annotation {@code values}.</li>
 *   <li>Legacy notifications carry no times: the alert starts (or ends) when received.</li>
 * </ul>
 */
final class GrafanaNormalizer {

    static final String SOURCE_NAME = "grafana";
    private static final String LEGACY_STATES = "alerting, ok, no_data";

    private GrafanaNormalizer() {}

    static List<AlertDraft> read(JsonNode body, int maxItems, Violations violations) {
        if (body != null && body.isObject() && !JsonFields.has(body, "alerts") && isLegacy(body)) {
            return readLegacy(body, violations);
        }
        if (body != null && body.isObject() && !JsonFields.has(body, "alerts")) {
            violations.add(
                    "alerts",
                    "required: neither a unified-alerting notification (alerts[]) "
                            + "nor a legacy one (ruleName, state, evalMatches)");
            return new ArrayList<>();
        }
        return AlertmanagerNormalizer.read(body, AlertSource.GRAFANA, SOURCE_NAME, maxItems, violations);
    }

    private static boolean isLegacy(JsonNode body) {
        return JsonFields.has(body, "ruleName")
                || JsonFields.has(body, "ruleId")
                || JsonFields.has(body, "evalMatches")
                || JsonFields.has(body, "state");
    }

    private static List<AlertDraft> readLegacy(JsonNode body, Violations violations) {
        AlertDraft draft = new AlertDraft("", AlertSource.GRAFANA, SOURCE_NAME);
        String state = JsonFields.requiredText(body, "state", "state", violations);
        String ruleName = JsonFields.text(body, "ruleName", "ruleName", violations);
        String ruleId = JsonFields.text(body, "ruleId", "ruleId", violations);
        String orgId = JsonFields.text(body, "orgId", "orgId", violations);
        String title = JsonFields.text(body, "title", "title", violations);
        String message = JsonFields.text(body, "message", "message", violations);
        Map<String, String> ruleTags = Labels.read(body, "tags", "tags", violations);

        Map<String, String> identity = new TreeMap<>(ruleTags);
        putIfPresent(identity, "alertname", ruleName != null ? ruleName : title);
        putIfPresent(identity, "rule_id", ruleId);
        putIfPresent(identity, "org_id", orgId);
        draft.identityLabels = identity;

        List<Map<String, String>> matches = new ArrayList<>();
        StringBuilder values = new StringBuilder();
        readEvalMatches(body, matches, values, violations);
        draft.labels = new TreeMap<>(commonTags(matches));
        draft.labels.putAll(identity);
        if (message != null) {
            draft.annotations.put("message", message);
        }
        if (values.length() > 0) {
            draft.annotations.put("values", values.toString());
        }

        draft.alertName = ruleName != null ? ruleName : title;
        draft.summary = AlertmanagerNormalizer.firstNonBlank(
                message, title, ruleName, "unnamed grafana alert (no message, title or ruleName)");
        draft.severityText = Labels.value(identity, "severity");
        draft.generatorUrl = JsonFields.text(body, "ruleUrl", "ruleUrl", violations);
        if (state != null) {
            applyState(state, draft, violations);
        }
        List<AlertDraft> drafts = new ArrayList<>();
        drafts.add(draft);
        return drafts;
    }

    private static void applyState(String state, AlertDraft draft, Violations violations) {
        switch (state.toLowerCase(Locale.ROOT)) {
            case "alerting" -> draft.status = AlertStatus.FIRING;
            case "ok" -> draft.status = AlertStatus.RESOLVED;
            case "no_data" -> {
                draft.status = AlertStatus.FIRING;
                draft.signal = SignalInference.parse(draft.labels.get("signal")).orElse(Signal.AVAILABILITY);
            }
            case "pending", "paused" ->
                violations.add(
                        "state",
                        "'" + state + "' notifications announce no firing or resolved alert; accepted states: "
                                + LEGACY_STATES);
            default ->
                violations.add("state", "unknown value '" + JsonFields.clip(state) + "'; allowed: " + LEGACY_STATES);
        }
    }

    private static void readEvalMatches(
            JsonNode body, List<Map<String, String>> matches, StringBuilder values, Violations violations) {
        JsonNode array = JsonFields.array(body, "evalMatches", "evalMatches", violations);
        if (array == null) {
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            String path = Violations.index("evalMatches", i);
            JsonNode match = array.get(i);
            if (!match.isObject()) {
                violations.add(path, "must be an object, got " + JsonFields.kind(match));
                continue;
            }
            matches.add(Labels.read(match, "tags", Violations.path(path, "tags"), violations));
            String metric = JsonFields.text(match, "metric", Violations.path(path, "metric"), violations);
            String value = JsonFields.text(match, "value", Violations.path(path, "value"), violations);
            values.append(values.length() == 0 ? "" : "; ")
                    .append(metric != null ? metric : "value")
                    .append('=')
                    .append(value != null ? value : "null");
        }
    }

    /** Tags with the same value in every match; none when there are no matches. */
    private static Map<String, String> commonTags(List<Map<String, String>> matches) {
        Map<String, String> common = new TreeMap<>();
        if (matches.isEmpty()) {
            return common;
        }
        common.putAll(matches.get(0));
        for (Map<String, String> match : matches.subList(1, matches.size())) {
            common.entrySet().removeIf(tag -> !Objects.equals(match.get(tag.getKey()), tag.getValue()));
        }
        return common;
    }

    private static void putIfPresent(Map<String, String> labels, String name, String value) {
        if (value != null) {
            labels.putIfAbsent(name, value);
        }
    }
}
