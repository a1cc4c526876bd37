package dev.tocsin.ingest.kafka;

/** Kafka did not acknowledge a write in time; nothing of the batch is visible to readers. */
public class KafkaUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
