package dev.tocsin.ingest.kafka;

import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Silence;
import dev.tocsin.ingest.domain.IngestRetention;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes tombstones for what {@link IngestRetention} lets go: PagerDuty dedup keys resolved long
 * ago on {@code tocsin.ingest.pagerduty-alerts} and long-expired silences on {@code tocsin.silences}
 * (like Alertmanager's periodic silence garbage collection). It reads the global tables, so every
 * instance sweeps the same entries: their tombstones are alike and harmless twice. A sweep writes at
 * most {@link #MAX_PER_SWEEP} tombstones per topic, in transactions of {@link #PER_WRITE}.
 */
public final class RetentionSweeper implements AutoCloseable {

    static final int MAX_PER_SWEEP = 10_000;
    static final int PER_WRITE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);

    private final Topics topics;
    private final IngestRetention retention;
    private final Supplier<ReadOnlyKeyValueStore<String, MonitoringAlert>> pagerDuty;
    private final Supplier<ReadOnlyKeyValueStore<String, Silence>> silences;
    private final Consumer<List<ProducerRecord<byte[], byte[]>>> writer;
    private final PagerDutyMemory pagerDutyMemory;
    private final SilenceBook silenceBook;
    private final Clock clock;
    private final Counter pagerDutyForgotten;
    private final Counter silencesForgotten;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ingest-retention-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    /** The counts of one sweep. */
    public record Swept(int pagerDutyKeys, int silences) {}

    /**
     * @param writer writes records in one transaction (TransactionalWriter::write), throwing on failure
     * @param pagerDutyMemory and {@code silenceBook}: this instance's own recent writes, told what was
     *                        tombstoned so they do not show it again
     */
    public RetentionSweeper(
            Topics topics,
            IngestRetention retention,
            Supplier<ReadOnlyKeyValueStore<String, MonitoringAlert>> pagerDuty,
            Supplier<ReadOnlyKeyValueStore<String, Silence>> silences,
            Consumer<List<ProducerRecord<byte[], byte[]>>> writer,
            PagerDutyMemory pagerDutyMemory,
            SilenceBook silenceBook,
            Clock clock,
            MeterRegistry registry) {
        this.pagerDutyMemory = pagerDutyMemory;
        this.silenceBook = silenceBook;
        this.topics = topics;
        this.retention = retention;
        this.pagerDuty = pagerDuty;
        this.silences = silences;
        this.writer = writer;
        this.clock = clock;
        this.pagerDutyForgotten = Counter.builder("tocsin.ingest.retention.tombstones")
                .tag("topic", "pagerduty-alerts")
                .description("Tombstones written for entries past their retention")
                .register(registry);
        this.silencesForgotten = Counter.builder("tocsin.ingest.retention.tombstones")
                .tag("topic", "silences")
                .description("Tombstones written for entries past their retention")
                .register(registry);
    }

    /** Sweeps every {@code interval}, the first time one interval after start. */
    public RetentionSweeper every(Duration interval) {
        schedule.scheduleWithFixedDelay(
                this::sweepLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One sweep of both tables at the clock's now. */
    public Swept sweep() {
        Instant now = clock.instant();
        List<String> keys =
                forget(topics.pagerDutyAlerts(), pagerDuty.get(), (key, alert) -> retention.mayForget(alert, now));
        pagerDutyMemory.forget(keys);
        pagerDutyForgotten.increment(keys.size());
        List<String> expired =
                forget(topics.silences(), silences.get(), (key, silence) -> retention.mayForget(silence, now));
        silenceBook.forget(expired);
        silencesForgotten.increment(expired.size());
        return new Swept(keys.size(), expired.size());
    }

    private void sweepLogged() {
        try {
            Swept swept = sweep();
            if (swept.pagerDutyKeys() + swept.silences() > 0) {
                LOG.info(
                        "Retention: tombstoned {} PagerDuty dedup keys and {} expired silences",
                        swept.pagerDutyKeys(),
                        swept.silences());
            }
        } catch (InvalidStateStoreException e) {
            LOG.debug("Retention sweep skipped, tables not queryable: {}", e.getMessage());
        } catch (RuntimeException e) { // Kafka unreachable and the like: the next sweep tries again
            LOG.warn("Retention sweep failed, retried at the next interval: {}", e.toString());
        }
    }

    private <V> List<String> forget(
            Topic<String, V> topic, ReadOnlyKeyValueStore<String, V> table, BiPredicate<String, V> forget) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> all = table.all()) {
            while (all.hasNext() && keys.size() < MAX_PER_SWEEP) {
                KeyValue<String, V> entry = all.next();
                if (entry.value != null && forget.test(entry.key, entry.value)) {
                    keys.add(entry.key);
                }
            }
        }
        for (int from = 0; from < keys.size(); from += PER_WRITE) {
            List<ProducerRecord<byte[], byte[]>> tombstones = new ArrayList<>();
            for (String key : keys.subList(from, Math.min(keys.size(), from + PER_WRITE))) {
                tombstones.add(new ProducerRecord<>(
                        topic.name(), topic.keySerde().serializer().serialize(topic.name(), key), null));
            }
            writer.accept(tombstones);
        }
        return keys;
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
