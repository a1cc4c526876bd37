package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of a generic payload, which is one object or an array of objects. Paths are
 * {@code ""} for a single object and {@code [i]} for array entries, so violations read
 * {@code status} or {@code [2].status}.
 */
final class Items {

    record Item(String path, JsonNode node) {
        String field(String name) {
            return Violations.path(path, name);
        }
    }

    private Items() {}

    static List<Item> of(JsonNode body, int maxItems, String noun, Violations violations) {
        List<Item> items = new ArrayList<>();
        if (body != null && body.isObject()) {
            items.add(new Item("", body));
            return items;
        }
        if (body == null || !body.isArray()) {
            violations.add(
                    Violations.ROOT,
                    "must be one " + noun + " object or an array of them, got " + JsonFields.kind(body));
            return items;
        }
        if (body.isEmpty()) {
            violations.add(Violations.ROOT, "must hold at least one " + noun);
            return items;
        }
        if (body.size() > maxItems) {
            violations.add(
                    Violations.ROOT,
                    "holds " + body.size() + " " + noun + "s, more than the limit of " + maxItems + " per request");
            return items;
        }
        for (int i = 0; i < body.size(); i++) {
            String path = "[" + i + "]";
            JsonNode node = body.get(i);
            if (node.isObject()) {
                items.add(new Item(path, node));
            } else {
                violations.add(path, "must be an object, got " + JsonFields.kind(node));
            }
        }
        return items;
    }
}
