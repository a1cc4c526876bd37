package dev.tocsin.runtime.errors;

/**
 * A domain rule found its own state inconsistent: a defect, not a bad record. Unlike a poison pill
 * it must not be dead-lettered while processing goes on, because the rule may have applied part of
 * its changes: the dead-letter processing handler fails the task instead, so the transaction aborts
 * and the state is restored to its last committed version (and the service stops loudly).
 */
public class InvariantViolation extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public InvariantViolation(String message) {
        super(message);
    }
}
