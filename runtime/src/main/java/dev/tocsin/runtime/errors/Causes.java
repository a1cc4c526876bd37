package dev.tocsin.runtime.errors;

import java.util.Optional;
import java.util.function.Predicate;

/** Walks a failure's cause chain: Kafka Streams wraps what a handler sees in its own exceptions. */
final class Causes {

    private Causes() {}

    /** The failure itself or the first of its causes that matches. */
    static Optional<Throwable> find(Throwable failure, Predicate<Throwable> wanted) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (wanted.test(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
