package dev.tocsin.runtime.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.schemas.registry.SchemaRegistryException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** Which failures fail the task (retry, never dead-letter) and which are the record's own fault. */
class FailureTriageTest {

    @Test
    void registryFailuresThatMayPassAreTransientAndRecordFaultsAreNot() {
        assertThat(TransientFailures.isTransient(new RuntimeException(new SchemaRegistryException("down", 0, 0, null))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SchemaRegistryException("overloaded", 503, 50301, null)))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SchemaRegistryException("slow down", 429, 0, null)))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SchemaRegistryException("credentials", 401, 0, null)))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SchemaRegistryException("forbidden", 403, 0, null)))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SchemaRegistryException("unknown schema id", 404, 40403, null)))
                .isFalse();
        assertThat(TransientFailures.isTransient(new SchemaRegistryException("incompatible", 409, 409, null)))
                .isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("bad record")))
                .isFalse();
        assertThat(TransientFailures.describe(
                        new RuntimeException("wrapper", new SchemaRegistryException("registry down", 0, 0, null))))
                .isEqualTo("registry down");
    }

    @Test
    void invariantViolationFailsTheTaskInsteadOfDeadLetteringHalfAppliedState() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        Map<String, Object> configs = new HashMap<>();
        configs.put(DeadLetterMetrics.REGISTRY_CONFIG, new SimpleMeterRegistry());
        configs.put(DeadLetterMetrics.SERVICE_CONFIG, "test");
        handler.configure(configs);

        ProcessingExceptionHandler.Response response = handler.handleError(
                (ErrorHandlerContext) null,
                new Record<>("chat", "value", 0L),
                new RuntimeException(new InvariantViolation("still due")));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    }
}
