package dev.tocsin.publisher.zendesk;

/**
 * Zendesk refused an update for good: a 4xx answer other than 429, an answer that is not what the
 * API documents, or a 5xx / no answer on every attempt. The message names the request and the
 * reason, never the API token or the Authorization header, and goes into the dead letter.
 */
public final class ZendeskRejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    ZendeskRejection(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The last HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }
}
