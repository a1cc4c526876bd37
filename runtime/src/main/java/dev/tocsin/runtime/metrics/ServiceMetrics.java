package dev.tocsin.runtime.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The Prometheus registry of one service: JVM and process metrics from the start, Kafka client
 * and Streams metrics once those clients exist. Every meter carries the tag {@code service}.
 *
 * <p>Kafka registers a few dozen meters per state store, processor node and broker connection,
 * most of them DEBUG-level and NaN at the default recording level: left in, a correlator scrape
 * was 730 KB. {@link #isKept} keeps what an operator alerts on (threads, tasks, lag, commit and
 * process rates, store sizes) and drops the rest.
 */
public final class ServiceMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> binders = new ArrayList<>();

    public ServiceMetrics(String service) {
        registry.config().commonTags(List.of(Tag.of("service", service)));
        registry.config().meterFilter(MeterFilter.deny(id -> !isKept(id)));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Per-store meters worth a scrape: how big each store is, not how fast each operation on it was. */
    private static final List<String> KEPT_STORE_METERS = List.of(
            "kafka.stream.state.estimate.num.keys", "kafka.stream.state.total.sst.files.size",
            "kafka.stream.state.size.all.mem.tables", "kafka.stream.state.block.cache.usage");

    /** Whether a meter is worth exporting (see the class comment). */
    static boolean isKept(Meter.Id id) {
        String name = id.getName();
        if (name.startsWith("kafka.stream.state.")) {
            return KEPT_STORE_METERS.contains(name);
        }
        if (name.startsWith("kafka.") && id.getTag("partition") != null) {
            return name.equals("kafka.consumer.fetch.manager.records.lag"); // per partition, only the lag itself
        }
        return !name.startsWith("kafka.stream.processor.node.") // per processor node: the task totals suffice
                && !(name.startsWith("kafka.") && name.contains(".node.")) // per broker connection of every client
                && !name.startsWith("kafka.stream.record.cache.") // hit ratio per store
                && !name.startsWith("kafka.admin.client.") // Streams' internal admin client
                && !name.startsWith("kafka.consumer.fetch.manager.records.lead") // per partition; lag says the same
                && !name.equals("kafka.consumer.fetch.manager.preferred.read.replica")
                && !name.contains(".reauthentication.");
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Binds Kafka Streams metrics; call once the instance is RUNNING so its clients exist. */
    public void bind(KafkaStreams streams) {
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
        binders.add(metrics);
    }

    /** Binds a producer's client metrics. */
    public void bind(Producer<?, ?> producer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
        binders.add(metrics);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception ignored) {
                // closing metrics must never block shutdown
            }
        }
        registry.close();
    }
}
