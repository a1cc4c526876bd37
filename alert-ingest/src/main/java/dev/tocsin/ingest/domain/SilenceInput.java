package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.SilenceMatcher;
import dev.tocsin.schemas.rules.LabelMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a silence posted to {@code POST /api/v2/silences} in Alertmanager API v2's shape and checks
 * it as Alertmanager does: at least one matcher, label names as Prometheus allows them, valid regular
 * expressions, not every matcher matching the empty string (such a silence would silence every
 * alert), start before end and an end not in the past. Every violation is reported at once.
 * <pre>
 * {"id":"optional, to update", "matchers":[{"name":"alertname","value":"Foo","isRegex":false,"isEqual":true}],
 *  "startsAt":"RFC 3339", "endsAt":"RFC 3339", "createdBy":"...", "comment":"..."}
 * </pre>
 */
public final class SilenceInput {

    /** Prometheus label names, which Alertmanager 0.25 requires of a silence's matchers. */
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private SilenceInput() {}

    /**
     * @param now when the request arrived: the end of a silence must not lie before it
     * @throws InvalidPayloadException listing every violation
     */
    public static PostedSilence posted(JsonNode body, Instant now) {
        Violations violations = new Violations();
        if (body == null || !body.isObject()) {
            violations.add(Violations.ROOT, "must be a JSON object (a silence), got " + JsonFields.kind(body));
            violations.throwIfAny();
        }
        String id = JsonFields.text(body, "id", "id", violations);
        List<SilenceMatcher> matchers = matchers(body, violations);
        Instant startsAt = Timestamps.required(body, "startsAt", "startsAt", violations);
        Instant endsAt = Timestamps.required(body, "endsAt", "endsAt", violations);
        String createdBy = JsonFields.requiredText(body, "createdBy", "createdBy", violations);
        String comment = JsonFields.requiredText(body, "comment", "comment", violations);
        if (startsAt != null && endsAt != null) {
            if (!startsAt.isBefore(endsAt)) {
                violations.add("endsAt", "must be after startsAt");
            } else if (endsAt.isBefore(now)) {
                violations.add("endsAt", "must not be in the past");
            }
        }
        violations.throwIfAny();
        return new PostedSilence(
                id, matchers, Timestamps.millis(startsAt), Timestamps.millis(endsAt), createdBy, comment);
    }

    private static List<SilenceMatcher> matchers(JsonNode body, Violations violations) {
        JsonNode array = JsonFields.array(body, "matchers", "matchers", violations);
        List<SilenceMatcher> matchers = new ArrayList<>();
        if (array == null) {
            if (!JsonFields.has(body, "matchers")) {
                violations.add("matchers", "required: at least one matcher");
            }
            return matchers;
        }
        if (array.isEmpty()) {
            violations.add("matchers", "required: at least one matcher");
            return matchers;
        }
        boolean allMatchEmpty = true;
        int before = violations.size();
        for (int i = 0; i < array.size(); i++) {
            String path = Violations.index("matchers", i);
            SilenceMatcher matcher = matcher(array.get(i), path, violations);
            if (matcher != null) {
                matchers.add(matcher);
                allMatchEmpty &= matchesEmpty(matcher);
            }
        }
        if (violations.size() == before && allMatchEmpty) {
            violations.add(
                    "matchers",
                    "at least one matcher must not match the empty string: "
                            + "this silence would silence every alert");
        }
        return matchers;
    }

    private static SilenceMatcher matcher(JsonNode node, String path, Violations violations) {
        if (node == null || !node.isObject()) {
            violations.add(path, "must be an object {name, value, isRegex, isEqual}, got " + JsonFields.kind(node));
            return null;
        }
        int before = violations.size();
        String name = JsonFields.requiredText(node, "name", Violations.path(path, "name"), violations);
        if (name != null && !LABEL_NAME.matcher(name).matches()) {
            violations.add(
                    Violations.path(path, "name"),
                    "'" + JsonFields.clip(name)
                            + "' is no label name: letters, digits and _, not starting with a digit");
        }
        String value = value(node, Violations.path(path, "value"), violations);
        boolean isRegex = JsonFields.flag(node, "isRegex", false, Violations.path(path, "isRegex"), violations);
        boolean isEqual = JsonFields.flag(node, "isEqual", true, Violations.path(path, "isEqual"), violations);
        if (violations.size() > before) {
            return null;
        }
        try {
            new LabelMatcher(name, LabelMatcher.Type.of(isRegex, isEqual), value); // compiles a regex value
        } catch (IllegalArgumentException e) {
            violations.add(Violations.path(path, "value"), e.getMessage());
            return null;
        }
        return SilenceMatcher.newBuilder()
                .setName(name)
                .setValue(value)
                .setIsRegex(isRegex)
                .setIsEqual(isEqual)
                .build();
    }

    /** The value exactly as sent (not trimmed: spaces may be part of a label value); the empty string is a value. */
    private static String value(JsonNode node, String path, Violations violations) {
        JsonNode value = JsonFields.field(node, "value");
        if (value == null) {
            violations.add(path, "required");
            return null;
        }
        String text = JsonFields.scalarText(value);
        if (text == null) {
            violations.add(path, "must be a string, got " + JsonFields.kind(value));
        }
        return text;
    }

    /** Alertmanager's test: would the matcher hold for an alert without the label? */
    private static boolean matchesEmpty(SilenceMatcher m) {
        return new LabelMatcher(m.getName(), LabelMatcher.Type.of(m.getIsRegex(), m.getIsEqual()), m.getValue())
                .matches(Map.of());
    }
}
