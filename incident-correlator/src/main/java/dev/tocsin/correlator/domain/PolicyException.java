package dev.tocsin.correlator.domain;

import java.util.List;

/** A policy file that cannot be used; the message lists every problem, each naming its field. */
public final class PolicyException extends RuntimeException {

    private final List<String> problems;

    public PolicyException(String source, List<String> problems) {
        super("invalid correlator policy " + source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, e.g. {@code triage.organizations: must be at least 1, was 0}. */
    public List<String> problems() {
        return problems;
    }
}
