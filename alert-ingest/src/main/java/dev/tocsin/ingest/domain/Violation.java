package dev.tocsin.ingest.domain;

import java.util.Objects;

/**
 * One reason a payload was rejected.
 *
 * @param field  where in the payload, JSON-pointer-like: {@code alerts[2].status}, {@code payload.summary};
 *               {@code $} is the body itself
 * @param reason a short sentence saying what is wrong and, where it helps, what is allowed; it never
 *               repeats personal data or secrets from the payload
 */
public record Violation(String field, String reason) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
