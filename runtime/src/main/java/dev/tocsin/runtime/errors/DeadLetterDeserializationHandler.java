package dev.tocsin.runtime.errors;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * A record that cannot be deserialized (not Avro, unknown schema id, broken bytes) is logged
 * with its coordinates, sent with its original bytes to the dead-letter topic (KIP-1034) and
 * counted; processing goes on. Nothing is skipped silently. A record that cannot be decoded because
 * the schema registry is unreachable or failing is not a poison pill: the task fails and retries
 * it ({@link TransientFailures}).
 */
public class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

    private DeadLetterMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        metrics = DeadLetterMetrics.from(configs);
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (TransientFailures.isTransient(exception)) {
            return Response.fail();
        }
        Response response = super.handleError(context, record, exception);
        return Response.resume(metrics.record("deserialization", context.topic(), response.deadLetterQueueRecords()));
    }
}
