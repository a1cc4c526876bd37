package dev.tocsin.ingest.domain;

/** Expiring a silence that has already expired: nothing to do, and Alertmanager refuses it too. */
public final class ExpiredSilenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExpiredSilenceException(String silenceId) {
        super("silence " + JsonFields.clip(silenceId) + " already expired", null, false, false);
    }
}
