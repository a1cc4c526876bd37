package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads label and annotation maps ({@code {"name":"value"}}) into sorted string maps. Numbers and
 * booleans become their exact text and null values are dropped; a nested object or array in a
 * label is a violation, except where a source documents free-form details
 * ({@link #flatten}, PagerDuty {@code custom_details}).
 */
final class Labels {

    private Labels() {}

    /** A string map field; absent gives an empty map. */
    static Map<String, String> read(JsonNode parent, String name, String path, Violations violations) {
        Map<String, String> labels = new TreeMap<>();
        JsonNode object = JsonFields.object(parent, name, path, violations);
        if (object == null) {
            return labels;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getValue().isNull()) {
                continue;
            }
            String value = JsonFields.scalarText(entry.getValue());
            if (value == null) {
                violations.add(
                        Violations.path(path, entry.getKey()),
                        "label values must be strings, got " + JsonFields.kind(entry.getValue()));
            } else {
                labels.put(entry.getKey(), value);
            }
        }
        return labels;
    }

    /** Free-form details as strings: scalars as their text, nested values as compact JSON. */
    static Map<String, String> flatten(JsonNode object) {
        Map<String, String> labels = new TreeMap<>();
        if (object == null || !object.isObject()) {
            return labels;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            String text = JsonFields.scalarText(value);
            labels.put(entry.getKey(), text != null ? text : value.toString());
        }
        return labels;
    }

    /** The first of the named labels that has a non-blank value, trimmed, or null. */
    static String first(Map<String, String> labels, Iterable<String> names) {
        for (String name : names) {
            String value = labels.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    /** The label's non-blank value, trimmed, or null. */
    static String value(Map<String, String> labels, String name) {
        String value = labels.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
