package dev.tocsin.console.domain;

import dev.tocsin.schemas.rules.LabelMatcher;
import dev.tocsin.schemas.rules.LabelMatchers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The queue page's forms as the operator API's bodies: a maintenance window
 * ({@code PUT /api/v1/maintenance/{id}}) and an Alertmanager v2 silence
 * ({@code POST /api/v2/silences}). Matchers are parsed by the shared {@link LabelMatchers} rule; every
 * other check is alert-ingest's, whose refusal is shown as it says it.
 */
public final class QueueForms {

    private QueueForms() {}

    /** A request body, or why the form cannot be one. */
    public record Body(Map<String, Object> body, String refusal) {}

    public static Body maintenance(Function<String, String> field) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<String> products = Arrays.stream(text(field, "products").split(","))
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .toList();
        body.put("products", products);
        body.put("title", text(field, "title"));
        try {
            body.put("startsAt", utc(text(field, "startsAt")).toString());
            body.put("endsAt", utc(text(field, "endsAt")).toString());
        } catch (DateTimeParseException e) {
            return new Body(null, "times must be like 2026-12-01T22:00 (UTC)");
        }
        putIf(body, "description", text(field, "description"));
        putIf(body, "state", text(field, "state"));
        return new Body(body, null);
    }

    /** A silence of {@code hours} from {@code now}, by {@code actor}. */
    public static Body silence(Function<String, String> field, String actor, Instant now) {
        List<LabelMatcher> parsed;
        try {
            parsed = LabelMatchers.parseList(text(field, "matchers"));
        } catch (IllegalArgumentException e) {
            return new Body(null, "matchers: " + e.getMessage());
        }
        long hours;
        try {
            hours = Long.parseLong(text(field, "hours"));
        } catch (NumberFormatException e) {
            return new Body(null, "hours must be a whole number");
        }
        List<Map<String, Object>> matchers = new ArrayList<>();
        for (LabelMatcher m : parsed) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", m.name());
            one.put("value", m.value());
            one.put("isRegex", m.type().isRegex());
            one.put("isEqual", m.type().isEqual());
            matchers.add(one);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        putIf(body, "id", text(field, "id"));
        body.put("matchers", matchers);
        body.put("startsAt", now.toString());
        body.put("endsAt", now.plus(Duration.ofHours(hours)).toString());
        body.put("createdBy", actor);
        body.put("comment", text(field, "comment"));
        return new Body(body, null);
    }

    /** {@code datetime-local} input (no zone), read as UTC; a full ISO instant is accepted too. */
    static Instant utc(String value) {
        if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return Instant.parse(value);
        }
        return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
    }

    private static String text(Function<String, String> field, String name) {
        String value = field.apply(name);
        return value == null ? "" : value.trim();
    }

    private static void putIf(Map<String, Object> body, String key, String value) {
        if (value != null && !value.isEmpty()) {
            body.put(key, value);
        }
    }
}
