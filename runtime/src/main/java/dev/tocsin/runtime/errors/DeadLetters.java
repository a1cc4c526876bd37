package dev.tocsin.runtime.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tocsin.avro.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The one dead-letter format of every service: Kafka Streams' KIP-1034 layout. Key and value are
 * the original bytes; the reason and the source coordinates travel in headers. Streams' own
 * handlers write it for consumed records; this class writes the same layout for what they do not
 * cover (oversized output, HTTP requests) and decodes it into the {@link DeadLetter} view.
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

    private static final List<String> ERROR_HEADERS = List.of(HEADER_EXCEPTION, HEADER_MESSAGE, HEADER_STACKTRACE,
            HEADER_TOPIC, HEADER_PARTITION, HEADER_OFFSET, HEADER_SERVICE, HEADER_ROUTE);

    private DeadLetters() {
    }

    /** The dead letter for the input record behind a Streams error context. */
    static List<ProducerRecord<byte[], byte[]>> fromStreams(String deadLetterTopic, ErrorHandlerContext context,
                                                            Exception error) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterTopic, null, context.timestamp(),
                context.sourceRawKey(), context.sourceRawValue());
        if (context.headers() != null) {
            context.headers().forEach(record.headers()::add);
        }
        addError(record.headers(), error);
        add(record.headers(), HEADER_TOPIC, context.topic());
        add(record.headers(), HEADER_PARTITION, String.valueOf(context.partition()));
        add(record.headers(), HEADER_OFFSET, String.valueOf(context.offset()));
        return List.of(record);
    }

    /**
     * The dead letter for something received over HTTP that could not be turned into a record,
     * e.g. a payload the normalizer rejected after it was accepted for later inspection.
     */
    public static ProducerRecord<byte[], byte[]> fromHttp(String deadLetterTopic, String service, String route,
                                                          byte[] key, byte[] body, Exception error) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterTopic, key, body);
        addError(record.headers(), error);
        add(record.headers(), HEADER_ROUTE, route);
        add(record.headers(), HEADER_SERVICE, service);
        return record;
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
