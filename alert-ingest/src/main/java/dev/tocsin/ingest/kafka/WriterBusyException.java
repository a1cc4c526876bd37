package dev.tocsin.ingest.kafka;

/** Too many requests already wait for a Kafka transaction; this one was refused at once and nothing was written. */
public final class WriterBusyException extends KafkaUnavailableException {

    private static final long serialVersionUID = 1L;

    public WriterBusyException(String message) {
        super(message, null);
    }
}
