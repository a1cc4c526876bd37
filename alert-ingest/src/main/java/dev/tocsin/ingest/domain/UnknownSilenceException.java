package dev.tocsin.ingest.domain;

/** A silence id that names no silence (Alertmanager answers 404). */
public final class UnknownSilenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownSilenceException(String silenceId) {
        super("no silence with id '" + JsonFields.clip(silenceId) + "'", null, false, false);
    }
}
