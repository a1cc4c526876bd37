package dev.tocsin.correlator.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cursor pagination of {@code GET /api/v1/incidents}, in incident id order, and of
 * {@code GET /api/v1/alerts?held=true}, in alert key order (an item's {@code id} is its key). The list is the union
 * of several sources (each local partition's store, each other instance), and each source may stop
 * early: after {@code limit} matches, or after a scan budget when a filter matches little. A source
 * answers a {@link Slice}: its matches in id order and the position up to which it has looked.
 * The merged page holds only ids up to the smallest position, where every source has looked, so
 * nothing is skipped, and the next cursor is where the page ends. The cursor encodes only an
 * incident id, so it means the same on every instance and after a rebalance.
 */
final class IncidentPages {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final String VERSION = "1:";

    private IncidentPages() {}

    /**
     * One source's answer.
     *
     * @param items    matching incident summaries (each with its {@code id}), in id order
     * @param position the last id this source looked at, or null when it looked to its end
     */
    record Slice(List<Map<String, Object>> items, String position) {}

    /**
     * A page of the merged list.
     *
     * @param items the summaries, in id order
     * @param next  the position to continue after, or null when the list ends here
     */
    record Page(List<Map<String, Object>> items, String next) {}

    static Page merge(List<Slice> slices, int limit) {
        String bound = null;
        for (Slice slice : slices) {
            if (slice.position() != null && (bound == null || slice.position().compareTo(bound) < 0)) {
                bound = slice.position();
            }
        }
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Slice slice : slices) {
            for (Map<String, Object> item : slice.items()) {
                if (bound == null || id(item).compareTo(bound) <= 0) {
                    kept.add(item);
                }
            }
        }
        kept.sort(Comparator.comparing(IncidentPages::id));
        if (kept.size() > limit) {
            List<Map<String, Object>> page = new ArrayList<>(kept.subList(0, limit));
            return new Page(page, id(page.get(page.size() - 1)));
        }
        return new Page(kept, bound);
    }

    /** The opaque cursor of a position (URL-safe). */
    static String cursor(String position) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((VERSION + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor encodes; empty when it is not one this API made. */
    static Optional<String> position(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return text.startsWith(VERSION) && text.length() > VERSION.length()
                    ? Optional.of(text.substring(VERSION.length()))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The smallest key after {@code position}: where a range scan resumes. */
    static String after(String position) {
        return position + '\u0000';
    }

    private static String id(Map<String, Object> item) {
        return String.valueOf(item.get("id"));
    }
}
