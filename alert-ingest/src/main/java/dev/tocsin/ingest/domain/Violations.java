package dev.tocsin.ingest.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the violations of one payload while it is read, so every problem is reported at once;
 * {@link #throwIfAny()} turns them into an {@link InvalidPayloadException}.
 */
final class Violations {

    /** Field name used for the body itself. */
    static final String ROOT = "$";

    private final List<Violation> found = new ArrayList<>();

    void add(String field, String reason) {
        found.add(new Violation(field.isEmpty() ? ROOT : field, reason));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int size() {
        return found.size();
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidPayloadException(found);
        }
    }

    /** {@code prefix.name}, or just {@code name} at the root. */
    static String path(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** {@code prefix[index]}. */
    static String index(String prefix, int index) {
        return prefix + "[" + index + "]";
    }
}
