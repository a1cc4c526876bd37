package dev.tocsin.runtime.errors;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A record whose processing throws (KIP-1033) goes with its original input bytes to the
 * dead-letter topic (KIP-1034), counted and logged with the processor and source coordinates;
 * the task goes on with the next record instead of crashing on a poison pill. An infrastructure
 * failure ({@link TransientFailures}, e.g. a store value that cannot be serialized while the schema
 * registry is down) fails the task instead, so the record is retried, never dead-lettered; so does
 * an {@link InvariantViolation}, whose rule may have applied half of its changes.
 */
public class DeadLetterProcessingHandler extends LogAndContinueProcessingExceptionHandler {

    private DeadLetterMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        metrics = DeadLetterMetrics.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (TransientFailures.isTransient(exception)
                || Causes.find(exception, InvariantViolation.class::isInstance).isPresent()) {
            return Response.fail();
        }
        Response response = super.handleError(context, record, exception);
        return Response.resume(metrics.record("processing", context.topic(), response.deadLetterQueueRecords()));
    }
}
