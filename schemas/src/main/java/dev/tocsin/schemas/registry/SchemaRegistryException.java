package dev.tocsin.schemas.registry;

/**
 * A schema registry call failed. The message names the registry, the subject or schema id and
 * the HTTP status, so an operator can tell a missing subject from bad credentials at a glance.
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status of the failed call, or 0 when the registry could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Whether the registry, not the record, is at fault: unreachable (status 0), overloaded or failing
     * (408, 429, 5xx), or refusing our credentials (401, 403). Such a failure may pass later and must
     * never send a good record to the dead-letter topic; a 404 (unknown schema id or subject) or 409
     * (incompatible schema) is about the record and will not change by retrying.
     */
    public boolean isTransient() {
        return httpStatus == 0
                || httpStatus == 401
                || httpStatus == 403
                || httpStatus == 408
                || httpStatus == 429
                || httpStatus / 100 == 5;
    }

    /** Confluent error code from the response body (e.g. 40401 subject not found), or 0. */
    public int errorCode() {
        return errorCode;
    }
}
