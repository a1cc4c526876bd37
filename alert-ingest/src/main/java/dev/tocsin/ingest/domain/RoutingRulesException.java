package dev.tocsin.ingest.domain;

/** A routing-rules file that cannot be used; the message names the file, the rule and what is wrong. */
public final class RoutingRulesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RoutingRulesException(String message) {
        super(message);
    }

    public RoutingRulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
