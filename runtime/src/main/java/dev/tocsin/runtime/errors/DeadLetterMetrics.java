package dev.tocsin.runtime.errors;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Counts dead letters ({@code tocsin_dead_letters_total{stage,topic}}) and stamps them with the
 * service that wrote them. Kafka Streams creates its exception handlers by class name, so the
 * service's registry and name reach them through the Streams configuration under
 * {@link #REGISTRY_CONFIG} and {@link #SERVICE_CONFIG}.
 */
public final class DeadLetterMetrics {

    public static final String REGISTRY_CONFIG = "tocsin.dead.letter.meter.registry";
    public static final String SERVICE_CONFIG = "tocsin.dead.letter.service";
    public static final String METER = "tocsin.dead.letters";

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
        return new DeadLetterMetrics(registry instanceof MeterRegistry r ? r : Metrics.globalRegistry,
                service == null ? "unknown" : service.toString());
    }

    public static DeadLetterMetrics of(MeterRegistry registry, String service) {
        return new DeadLetterMetrics(registry, service);
    }

    /** Counts {@code records} and adds the service header to each. */
    public List<ProducerRecord<byte[], byte[]>> record(String stage, String sourceTopic,
                                                       List<ProducerRecord<byte[], byte[]>> records) {
        Counter.builder(METER)
                .description("Records sent to the dead-letter topic")
                .tag("stage", stage)
                .tag("topic", sourceTopic == null ? "none" : sourceTopic)
                .register(registry)
                .increment(Math.max(1, records.size()));
        for (ProducerRecord<byte[], byte[]> record : records) {
            record.headers().add(new RecordHeader(DeadLetters.HEADER_SERVICE, service.getBytes(UTF_8)));
        }
        return records;
    }
}
