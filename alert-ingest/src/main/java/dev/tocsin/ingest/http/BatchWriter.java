package dev.tocsin.ingest.http;

import dev.tocsin.ingest.domain.InvalidPayloadException;
import dev.tocsin.ingest.domain.Violation;
import dev.tocsin.ingest.kafka.KafkaUnavailableException;
import dev.tocsin.ingest.kafka.TransactionalWriter;
import dev.tocsin.ingest.kafka.WriterBusyException;
import dev.tocsin.runtime.http.Problem;
import dev.tocsin.schemas.registry.SchemaRegistryException;
import dev.tocsin.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request's records into one batch and writes it in a Kafka transaction shared with
 * concurrent requests, returning once Kafka acknowledged it. Whatever may pass later (the writer
 * busy, Kafka, the registry or a lookup table unavailable) is a 503 with {@code Retry-After}; a
 * payload that can never be stored is a 422 naming each field.
 */
public final class BatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final String RETRY_AFTER_SECONDS = "5";
    /** Most bytes one record may take: Kafka's default producer and broker limits are about 1 MiB including overhead. */
    static final int MAX_RECORD_BYTES = 1_000_000;

    private final TransactionalWriter writer;
    private final IngestMetrics metrics;

    public BatchWriter(TransactionalWriter writer, IngestMetrics metrics) {
        this.writer = writer;
        this.metrics = metrics;
    }

    /** One request's records, their ids for the answer, the topic for metrics, and more for the answer. */
    record Batch(
            List<ProducerRecord<byte[], byte[]>> records, List<String> ids, String topic, Map<String, Object> answer) {
        Batch(List<ProducerRecord<byte[], byte[]>> records, List<String> ids, String topic) {
            this(records, ids, topic, Map.of());
        }
    }

    /** Makes a batch, answering a bad payload 422 and an unavailable registry or table 503. */
    Batch prepare(Route route, Supplier<Batch> maker) {
        try {
            return maker.get();
        } catch (InvalidPayloadException e) {
            throw Rejection.of(
                            "invalid-payload",
                            422,
                            "Unprocessable payload",
                            e.violations().size() + " problem(s) with the payload: " + summary(e.violations()))
                    .withErrors(e.violations().stream()
                            .map(v -> new Problem.FieldError(v.field(), v.reason()))
                            .toList());
        } catch (SchemaRegistryException e) {
            LOG.warn("Schema registry unavailable for {}, answering 503: {}", route.name(), e.getMessage());
            throw Rejection.unavailable(
                    "registry-unavailable",
                    "The schema registry could not be reached; nothing was written. Retry later.",
                    RETRY_AFTER_SECONDS);
        } catch (InvalidStateStoreException e) {
            LOG.info("Lookup table not queryable yet for {}, answering 503: {}", route.name(), e.getMessage());
            throw Rejection.unavailable(
                    "state-not-ready",
                    "A lookup table is still being restored; nothing was written. Retry later.",
                    RequestBodies.RETRY_AFTER_BUSY_SECONDS);
        }
    }

    /** The serialized records of {@code values}; one that Kafka could never store is a violation. */
    <V> Batch records(Topic<String, V> topic, List<V> values, Function<V, String> key, Function<V, String> id) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(values.size());
        List<String> ids = new ArrayList<>(values.size());
        for (V value : values) {
            byte[] k = topic.keySerde().serializer().serialize(topic.name(), key.apply(value));
            byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
            if (k.length + v.length > MAX_RECORD_BYTES) {
                // can never be stored: refuse it before it could fail the transaction it would share
                String field = values.size() == 1 ? "$" : "[" + ids.size() + "]";
                throw new InvalidPayloadException(List.of(new Violation(
                        field,
                        "is " + (k.length + v.length) + " bytes once stored, more than the " + MAX_RECORD_BYTES
                                + " one Kafka record may hold")));
            }
            records.add(new ProducerRecord<>(topic.name(), k, v));
            ids.add(id.apply(value));
        }
        return new Batch(records, ids, topic.name());
    }

    /** Writes the batch and counts it; returns once committed. */
    void write(Route route, Batch batch) {
        long started = System.nanoTime();
        try {
            writer.write(batch.records());
        } catch (WriterBusyException e) {
            LOG.warn("Kafka writer busy for {}, answering 503: {}", route.name(), e.getMessage());
            throw Rejection.unavailable(
                    "writer-busy",
                    "Too many requests are waiting for Kafka right now; nothing was written. Retry later.",
                    RequestBodies.RETRY_AFTER_BUSY_SECONDS);
        } catch (KafkaUnavailableException e) {
            LOG.warn("Kafka write for {} failed, answering 503: {}", route.name(), e.getMessage());
            throw Rejection.unavailable(
                    "kafka-unavailable",
                    "The records could not be stored right now; nothing was written. Retry later.",
                    RETRY_AFTER_SECONDS);
        }
        metrics.kafkaWrite(Duration.ofNanos(System.nanoTime() - started));
        metrics.accepted(route.name(), batch.topic(), batch.ids().size());
    }

    private static String summary(List<Violation> violations) {
        return violations.stream()
                        .limit(3)
                        .map(v -> v.field() + ": " + v.reason())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("")
                + (violations.size() > 3 ? "; ..." : "");
    }
}
