package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.MonitoringAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads PagerDuty Events API v2 events.
 *
 * <ul>
 *   <li>{@code trigger} is FIRING, {@code acknowledge} ACKNOWLEDGED, {@code resolve} RESOLVED; the
 *       fingerprint is the {@code dedup_key}. A trigger without one gets the hash of its stable
 *       fields: payload source, component, group and class (not summary or details, which change
 *       between repeats).</li>
 *   <li>Labels are the {@code custom_details} (nested values as JSON text) plus the payload's
 *       {@code source}, {@code component}, {@code group}, {@code class} and {@code severity}, which win
 *       over details of the same name. {@code class} is the alert name (PagerDuty: "ping failure",
 *       "cpu load").</li>
 *   <li>Product: from the configured product labels (so a {@code product} or {@code service} custom
 *       detail), else from the routing rules (which see source, component, group and class as
 *       labels), else {@code payload.group} when the catalog knows it as a product or alias, else
 *       the unclassified product. Source and component are hosts and parts, never taken as products.</li>
 *   <li>{@code acknowledge}/{@code resolve} events carry only the dedup_key: product and the rest are
 *       copied from the last known alert with that fingerprint ({@link KnownAlerts}); unknown ones are
 *       ignored (no alert, no violation), as PagerDuty itself does: there is nothing to acknowledge.</li>
 *   <li>Change events (no {@code event_action}, sent to {@code /v2/change/enqueue}) are rejected:
 *       they report deploys and config changes, not alerts.</li>
 *   <li>The {@code routing_key} is a secret: it is never read into labels, annotations or messages.</li>
 * </ul>
 */
final class PagerDutyNormalizer {

    static final String SOURCE_NAME = "pagerduty";
    private static final String ACTIONS = "trigger, acknowledge, resolve";
    private static final String SEVERITIES = "critical, error, warning, info";

    private PagerDutyNormalizer() {}

    /** What the answer says about an acknowledge or resolve whose dedup key no trigger is known for. */
    static final String IGNORED_UNKNOWN_DEDUP_KEY = "no alert with this dedup_key is known, so there is nothing to "
            + "acknowledge or resolve: the event was ignored, as PagerDuty does";

    static List<AlertDraft> read(
            JsonNode body,
            ProductCatalog catalog,
            KnownAlerts known,
            NormalizationEvents events,
            Violations violations) {
        List<AlertDraft> drafts = new ArrayList<>();
        if (body == null || !body.isObject()) {
            violations.add(
                    Violations.ROOT,
                    "must be a JSON object (a PagerDuty Events API v2 event), got " + JsonFields.kind(body));
            return drafts;
        }
        AlertDraft draft = new AlertDraft("", AlertSource.PAGERDUTY, SOURCE_NAME);
        String action = JsonFields.text(body, "event_action", "event_action", violations);
        draft.fingerprint = JsonFields.text(body, "dedup_key", "dedup_key", violations);
        if (action == null) {
            if (!JsonFields.has(body, "event_action")) {
                violations.add(
                        "event_action",
                        JsonFields.has(body, "payload")
                                ? "missing: this is a PagerDuty change event; change events are not alerts and are not ingested"
                                : "required; allowed: " + ACTIONS);
            }
            return drafts;
        }
        // a draft whose event lacks what identifies it is dropped, so only that cause is reported
        boolean identified = switch (action.toLowerCase(Locale.ROOT)) {
            case "trigger" -> trigger(body, draft, catalog, violations);
            case "acknowledge" -> followUp(body, draft, AlertStatus.ACKNOWLEDGED, known, events, violations);
            case "resolve" -> followUp(body, draft, AlertStatus.RESOLVED, known, events, violations);
            default -> {
                violations.add("event_action", "unknown value '" + JsonFields.clip(action) + "'; allowed: " + ACTIONS);
                yield false;
            }
        };
        if (identified) {
            drafts.add(draft);
        }
        return drafts;
    }

    private static boolean trigger(JsonNode body, AlertDraft draft, ProductCatalog catalog, Violations violations) {
        draft.status = AlertStatus.FIRING;
        JsonNode payload = JsonFields.object(body, "payload", "payload", violations);
        if (payload == null) {
            if (!JsonFields.has(body, "payload")) {
                violations.add("payload", "required for trigger events");
            }
            return false;
        }
        draft.summary = JsonFields.requiredText(payload, "summary", "payload.summary", violations);
        String source = JsonFields.requiredText(payload, "source", "payload.source", violations);
        String severity = JsonFields.requiredText(payload, "severity", "payload.severity", violations);
        if (severity != null
                && !List.of("critical", "error", "warning", "info").contains(severity.toLowerCase(Locale.ROOT))) {
            violations.add(
                    "payload.severity", "unknown value '" + JsonFields.clip(severity) + "'; allowed: " + SEVERITIES);
        }
        String component = JsonFields.text(payload, "component", "payload.component", violations);
        String group = JsonFields.text(payload, "group", "payload.group", violations);
        String type = JsonFields.text(payload, "class", "payload.class", violations);
        draft.startsAt = Timestamps.readNanos(payload, "timestamp", "payload.timestamp", violations);

        JsonNode details = JsonFields.field(payload, "custom_details");
        draft.labels = Labels.flatten(details);
        if (details != null && !details.isObject()) {
            // PagerDuty also accepts a plain string or list as details: kept for humans, not as labels
            draft.annotations.put("custom_details", details.isTextual() ? details.textValue() : details.toString());
        }
        Map<String, String> standard = new TreeMap<>();
        putIfPresent(standard, "source", source);
        putIfPresent(standard, "component", component);
        putIfPresent(standard, "group", group);
        putIfPresent(standard, "class", type);
        putIfPresent(standard, "severity", severity);
        draft.labels.putAll(standard);
        if (draft.fingerprint == null) {
            Map<String, String> stable = new TreeMap<>(standard);
            stable.remove("severity");
            draft.fingerprint = Fingerprints.ofLabels(stable);
        }
        draft.alertName = type;
        draft.severityText = severity;
        draft.component = component;

        if (group != null) {
            draft.productGuess = catalog.find(group).orElse(null);
        }
        readLinks(body, draft, violations);
        return true;
    }

    private static boolean followUp(
            JsonNode body,
            AlertDraft draft,
            AlertStatus status,
            KnownAlerts known,
            NormalizationEvents events,
            Violations violations) {
        draft.status = status;
        if (draft.fingerprint == null) {
            violations.add(
                    "dedup_key",
                    "required for " + (status == AlertStatus.RESOLVED ? "resolve" : "acknowledge") + " events");
            return false;
        }
        Optional<MonitoringAlert> previous = known.find(draft.fingerprint);
        if (previous.isEmpty()) {
            // counted only once the rest of the event is valid: a malformed event is refused, not ignored
            if (violations.isEmpty()) {
                events.unknownDedupKey(status == AlertStatus.RESOLVED ? "resolve" : "acknowledge");
            }
            return false;
        }
        MonitoringAlert alert = previous.get();
        draft.product = alert.getProduct();
        draft.component = alert.getComponent();
        draft.region = alert.getRegion();
        draft.signal = alert.getSignal();
        draft.severity = alert.getSeverityHint();
        draft.alertName = alert.getAlertName();
        draft.summary = alert.getSummary();
        draft.description = alert.getDescription();
        draft.labels = new TreeMap<>(alert.getLabels());
        draft.annotations = new TreeMap<>(alert.getAnnotations());
        draft.startsAt = alert.getStartsAt();
        draft.generatorUrl = alert.getGeneratorUrl();
        draft.links = new ArrayList<>(alert.getLinks());
        readLinks(body, draft, violations);
        return true;
    }

    private static void readLinks(JsonNode body, AlertDraft draft, Violations violations) {
        String client = JsonFields.text(body, "client", "client", violations);
        String clientUrl = JsonFields.text(body, "client_url", "client_url", violations);
        if (client != null) {
            draft.annotations.put("client", client);
        }
        if (clientUrl != null) {
            draft.generatorUrl = clientUrl;
        }
        JsonNode links = JsonFields.array(body, "links", "links", violations);
        if (links == null) {
            return;
        }
        for (int i = 0; i < links.size(); i++) {
            JsonNode link = links.get(i);
            String path = Violations.index("links", i);
            String href = link.isObject()
                    ? JsonFields.text(link, "href", Violations.path(path, "href"), violations)
                    : JsonFields.scalarText(link);
            if (!link.isObject() && href == null && !link.isNull()) {
                violations.add(path, "must be an object with href, got " + JsonFields.kind(link));
            }
            Links.addIfPresent(href, draft.links);
        }
    }

    private static void putIfPresent(Map<String, String> labels, String name, String value) {
        if (value != null) {
            labels.put(name, value);
        }
    }
}
