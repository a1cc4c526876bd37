package dev.tocsin.runtime.errors;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Output that cannot be serialized, or is too large for the broker, sends the input record that
 * produced it to the dead-letter topic and processing goes on. Other send failures keep Kafka
 * Streams' default: retry what is retriable, fail the task otherwise (so exactly-once holds). Output
 * that cannot be serialized because the schema registry is unreachable or failing fails the task
 * ({@link TransientFailures}): its transaction aborts, so stores never move on while snapshots and
 * events are lost, and the input is processed again once the registry answers.
 */
public class DeadLetterProductionHandler extends DefaultProductionExceptionHandler {

    private DeadLetterMetrics metrics;
    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        metrics = DeadLetterMetrics.from(configs);
        Object topic = configs.get(org.apache.kafka.streams.StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null ? null : topic.toString();
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RecordTooLargeException && deadLetterTopic != null) {
            return Response.resume(metrics.record(
                    "production", context.topic(), DeadLetters.fromStreams(deadLetterTopic, context, exception)));
        }
        return super.handleError(context, record, exception);
    }

    @SuppressWarnings("rawtypes")
    @Override
    public Response handleSerializationError(
            ErrorHandlerContext context,
            ProducerRecord record,
            Exception exception,
            SerializationExceptionOrigin origin) {
        if (TransientFailures.isTransient(exception)) {
            return Response.fail();
        }
        if (deadLetterTopic == null) {
            return super.handleSerializationError(context, record, exception, origin);
        }
        return Response.resume(metrics.record(
                "serialization", context.topic(), DeadLetters.fromStreams(deadLetterTopic, context, exception)));
    }
}
