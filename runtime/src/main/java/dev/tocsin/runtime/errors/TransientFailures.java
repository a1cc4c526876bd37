package dev.tocsin.runtime.errors;

import dev.tocsin.schemas.registry.SchemaRegistryException;
import java.util.Optional;

/**
 * Tells a failure of the infrastructure (today: the schema registry unreachable, failing, rate
 * limiting or refusing our credentials) from a failure of the record. Only the record's own faults
 * are poison pills for the dead-letter topic; an infrastructure failure fails the task, so its
 * transaction aborts (stores and outputs stay together) and the record is processed again once the
 * infrastructure is back.
 */
public final class TransientFailures {

    private TransientFailures() {}

    /** Whether the failure, or any cause of it, is an infrastructure failure that may pass. */
    public static boolean isTransient(Throwable failure) {
        return transientCause(failure).isPresent();
    }

    /** What failed, in the infrastructure's words (the wrapping exceptions only say that a handler failed). */
    public static String describe(Throwable failure) {
        return transientCause(failure).orElse(failure).getMessage();
    }

    private static Optional<Throwable> transientCause(Throwable failure) {
        return Causes.find(failure, t -> t instanceof SchemaRegistryException registry && registry.isTransient());
    }
}
