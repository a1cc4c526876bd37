package dev.tocsin.runtime.errors;

import dev.tocsin.schemas.registry.SchemaRegistryException;

/**
 * Tells a failure of the infrastructure (today: the schema registry unreachable, failing, rate
 * limiting or refusing our credentials) from a failure of the record. Only the record's own faults
 * are poison pills for the dead-letter topic; an infrastructure failure fails the task, so its
 * transaction aborts (stores and outputs stay together) and the record is processed again once the
 * infrastructure is back.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    /** Whether the failure, or any cause of it, is an infrastructure failure that may pass. */
    public static boolean isTransient(Throwable failure) {
        return transientCause(failure) != null;
    }

    /** What failed, in the infrastructure's words (the wrapping exceptions only say that a handler failed). */
    public static String describe(Throwable failure) {
        Throwable cause = transientCause(failure);
        return (cause != null ? cause : failure).getMessage();
    }

    private static Throwable transientCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException registry && registry.isTransient()) {
                return t;
            }
        }
        return null;
    }
}
