package dev.tocsin.ingest.domain;

import java.util.List;

/**
 * A payload that cannot be used, with every violation found in it (not just the first), so the
 * sender can fix them all at once. Nothing of a rejected payload is ingested.
 */
public final class InvalidPayloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public InvalidPayloadException(List<Violation> violations) {
        super(message(violations));
        this.violations = List.copyOf(violations);
    }

    /** The violations, in the order they were found (payload order). */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid payload needs at least one violation");
        }
        StringBuilder text = new StringBuilder("invalid payload (")
                .append(violations.size())
                .append(violations.size() == 1 ? " violation): " : " violations): ");
        int shown = Math.min(violations.size(), 10);
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "" : "; ").append(violations.get(i));
        }
        if (shown < violations.size()) {
            text.append("; ...");
        }
        return text.toString();
    }
}
