package dev.tocsin.runtime.errors;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Counts dead letters ({@code tocsin_dead_letters_total{stage,topic}}) and stamps them with the
 * service that wrote them. Kafka Streams creates its exception handlers by class name, so the
 * service's registry and name reach them through the Streams configuration under
 * {@link #REGISTRY_CONFIG} and {@link #SERVICE_CONFIG}.
 *
 * <p>The series of every stage and input topic exist at zero from the start ({@link #preRegister}):
 * a series born at 1 has no earlier sample, so {@code increase()} and {@code rate()} would miss the
 * first dead letter of a topic, the one an operator most wants paged on.
 */
public final class DeadLetterMetrics {

    public static final String REGISTRY_CONFIG = "tocsin.dead.letter.meter.registry";
    public static final String SERVICE_CONFIG = "tocsin.dead.letter.service";
    public static final String METER = "tocsin.dead.letters";
    /** The stages the Streams handlers report (deserialization, processing, production, serialization). */
    public static final List<String> STREAMS_STAGES =
            List.of("deserialization", "processing", "production", "serialization");

    private final MeterRegistry registry;
    private final String service;

    private DeadLetterMetrics(MeterRegistry registry, String service) {
        this.registry = registry;
        this.service = service;
    }

    /** From a handler's {@code configure} map; falls back to the global registry. */
    public static DeadLetterMetrics from(Map<String, ?> configs) {
        Object registry = configs.get(REGISTRY_CONFIG);
        Object service = configs.get(SERVICE_CONFIG);
        return new DeadLetterMetrics(
                registry instanceof MeterRegistry r ? r : Metrics.globalRegistry,
                service == null ? "unknown" : service.toString());
    }

    public static DeadLetterMetrics of(MeterRegistry registry, String service) {
        return new DeadLetterMetrics(registry, service);
    }

    /** Registers the counter of every stage and topic at zero (see the class comment). */
    public void preRegister(Collection<String> stages, Collection<String> sourceTopics) {
        for (String stage : stages) {
            for (String topic : sourceTopics) {
                counter(stage, topic);
            }
        }
    }

    /** Counts {@code records} and adds the service header to each. */
    public List<ProducerRecord<byte[], byte[]>> record(
            String stage, String sourceTopic, List<ProducerRecord<byte[], byte[]>> records) {
        counter(stage, sourceTopic).increment(Math.max(1, records.size()));
        for (ProducerRecord<byte[], byte[]> record : records) {
            record.headers().add(new RecordHeader(DeadLetters.HEADER_SERVICE, service.getBytes(UTF_8)));
        }
        return records;
    }

    private Counter counter(String stage, String sourceTopic) {
        return Counter.builder(METER)
                .description("Records sent to the dead-letter topic")
                .tag("stage", stage)
                .tag("topic", sourceTopic == null ? "none" : sourceTopic)
                .register(registry);
    }
}
