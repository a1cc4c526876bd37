package dev.tocsin.runtime.errors;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tocsin.avro.DeadLetter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * The one dead-letter format of every service: Kafka Streams' KIP-1034 layout. Key and value are
 * the original bytes; the reason and the source coordinates travel in headers. Streams' own
 * handlers write it for consumed records; this class writes the same layout for what they do not
 * cover (oversized output, records consumed outside Kafka Streams) and decodes it into the
 * {@link DeadLetter} view. The service header is stamped by {@link DeadLetterMetrics#record}.
 */
public final class DeadLetters {

    public static final String HEADER_EXCEPTION = "__streams.errors.exception";
    public static final String HEADER_MESSAGE = "__streams.errors.message";
    public static final String HEADER_STACKTRACE = "__streams.errors.stacktrace";
    public static final String HEADER_TOPIC = "__streams.errors.topic";
    public static final String HEADER_PARTITION = "__streams.errors.partition";
    public static final String HEADER_OFFSET = "__streams.errors.offset";
    public static final String HEADER_SERVICE = "tocsin.dlq.service";
    public static final String HEADER_ROUTE = "tocsin.dlq.route";

    private static final List<String> ERROR_HEADERS = List.of(
            HEADER_EXCEPTION,
            HEADER_MESSAGE,
            HEADER_STACKTRACE,
            HEADER_TOPIC,
            HEADER_PARTITION,
            HEADER_OFFSET,
            HEADER_SERVICE,
            HEADER_ROUTE);

    private DeadLetters() {}

    /** The dead letter for the input record behind a Streams error context. */
    static List<ProducerRecord<byte[], byte[]>> fromStreams(
            String deadLetterTopic, ErrorHandlerContext context, Exception error) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                deadLetterTopic, null, context.timestamp(), context.sourceRawKey(), context.sourceRawValue());
        if (context.headers() != null) {
            context.headers().forEach(record.headers()::add);
        }
        addError(record.headers(), error);
        addSource(record.headers(), context.topic(), context.partition(), context.offset());
        return List.of(record);
    }

    /**
     * The dead letter for a record consumed outside Kafka Streams: its key, value and own headers,
     * with {@code source} and {@code sourceOffset} as the source coordinates (the record's own, or
     * where it first came from when it was read from a retry topic).
     *
     * @param route what gave up on the record (e.g. {@code webhook})
     */
    public static ProducerRecord<byte[], byte[]> fromConsumerRecord(
            String deadLetterTopic,
            ConsumerRecord<byte[], byte[]> record,
            TopicPartition source,
            long sourceOffset,
            String route,
            Exception error) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
        for (Header header : record.headers()) {
            // the record's own headers travel along, unless they would pass for this failure's
            if (!ERROR_HEADERS.contains(header.key())) {
                letter.headers().add(header);
            }
        }
        addError(letter.headers(), error);
        add(letter.headers(), HEADER_ROUTE, route);
        addSource(letter.headers(), source.topic(), source.partition(), sourceOffset);
        return letter;
    }

    /** Reads a dead-letter message back into its structured view. */
    public static DeadLetter decode(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        Map<String, ByteBuffer> original = new HashMap<>();
        for (Header header : headers) {
            if (!ERROR_HEADERS.contains(header.key()) && header.value() != null) {
                original.put(header.key(), ByteBuffer.wrap(header.value()));
            }
        }
        String partition = text(headers, HEADER_PARTITION);
        String offset = text(headers, HEADER_OFFSET);
        return DeadLetter.newBuilder()
                .setService(orElse(text(headers, HEADER_SERVICE), "unknown"))
                .setSourceTopic(text(headers, HEADER_TOPIC))
                .setSourcePartition(partition == null ? null : Integer.valueOf(partition))
                .setSourceOffset(offset == null ? null : Long.valueOf(offset))
                .setHttpRoute(text(headers, HEADER_ROUTE))
                .setErrorClass(orElse(text(headers, HEADER_EXCEPTION), "unknown"))
                .setErrorMessage(text(headers, HEADER_MESSAGE))
                .setStackTrace(text(headers, HEADER_STACKTRACE))
                .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setHeaders(original)
                .setAt(Instant.ofEpochMilli(record.timestamp()))
                .build();
    }

    private static void addError(Headers headers, Exception error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        add(headers, HEADER_EXCEPTION, error.getClass().getName());
        add(headers, HEADER_MESSAGE, error.getMessage());
        add(headers, HEADER_STACKTRACE, trace.toString());
    }

    private static void addSource(Headers headers, String topic, int partition, long offset) {
        add(headers, HEADER_TOPIC, topic);
        add(headers, HEADER_PARTITION, String.valueOf(partition));
        add(headers, HEADER_OFFSET, String.valueOf(offset));
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value == null ? null : value.getBytes(UTF_8));
    }

    private static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
