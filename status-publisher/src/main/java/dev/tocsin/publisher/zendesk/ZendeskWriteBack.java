package dev.tocsin.publisher.zendesk;

import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.runtime.errors.DeadLetterMetrics;
import dev.tocsin.runtime.errors.DeadLetters;
import dev.tocsin.runtime.http.HealthCheck;
import dev.tocsin.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code tocsin.ticket-updates} back to Zendesk, one update at a time (Zendesk's rate
 * limit is per account, so parallel requests would only meet it sooner). An update Zendesk refuses
 * for good (a 4xx other than 429, or 5xx on every attempt) goes to the dead-letter topic with its
 * original bytes and the reason; so does a record that is not a ticket update.
 *
 * <p>Each update is applied exactly once, across restarts and rebalances:
 * <ol>
 *   <li>its offset is committed (synchronously) right after Zendesk accepted all its edits or its
 *       dead letter was acknowledged, and before the next update of its partition is touched, so
 *       at most one update per partition can be applied but not committed: the one in hand when the
 *       process stopped or the group rebalanced;</li>
 *   <li>every edit carries {@code metadata: {tocsin_update_id, tocsin_edit}}, which Zendesk keeps on
 *       the edit's audit; the first update of a partition after it was (re)assigned is therefore
 *       checked against the ticket's audits, and only the edits Zendesk does not have are made;</li>
 *   <li>the problem ticket of an incident is found by its {@code external_id} before one is created,
 *       and created under an {@code Idempotency-Key} (see {@link TicketUpdateApplier}).</li>
 * </ol>
 * A rebalance during a retry wait abandons the update in hand (uncommitted) and rewinds the batch;
 * the update is then taken up again with the audit check.
 *
 * <p>A new consumer group starts where {@code auto.offset.reset} says (Kafka's default,
 * {@code latest}): switching the write-back on does not replay old updates into tickets.
 */
public final class ZendeskWriteBack implements AutoCloseable {

    /** The service named in dead letters. */
    public static final String SERVICE = "status-publisher";
    /** The route named in dead letters. */
    public static final String ROUTE = "zendesk";

    static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    /** How often a waiting write-back polls (every partition paused) to stay in its group. */
    static final Duration WAIT_SLICE = Duration.ofMillis(200);

    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Updates taken per poll: each may wait out a rate limit, and the batch must not outlast max.poll.interval.ms. */
    static final int MAX_POLL_RECORDS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskWriteBack.class);

    private final String topic;
    private final String deadLetterTopic;
    private final Deserializer<TicketUpdate> deserializer;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final TicketUpdateApplier applier;
    private final ZendeskMetrics metrics;
    private final DeadLetterMetrics deadLetterMetrics;
    private final Runnable onFatal;
    private final Thread thread;

    /** Partitions whose next update may already be (partly) in Zendesk. Poll thread only. */
    private final Set<TopicPartition> maybeApplied = new HashSet<>();
    /** Counts rebalances; a batch taken in an earlier generation is abandoned. Poll thread only. */
    private long generation;

    private final Object lifecycle = new Object();
    private volatile boolean closing;
    private volatile Throwable failure;
    /** Set once the thread stopped polling; a close after it must not interrupt the clients' own close. */
    private boolean finished;

    /**
     * A write-back on new Kafka clients, not yet started.
     *
     * @param groupId its consumer group; the committed offsets are the write-back's progress
     * @param onFatal called once, from the write-back thread, when it stops on an unexpected error
     *                (Kafka unusable, dead-letter write refused) so the process can exit and restart
     */
    public ZendeskWriteBack(
            ZendeskConfig config,
            Topics topics,
            Properties kafka,
            String groupId,
            MeterRegistry registry,
            Runnable onFatal) {
        this(
                new ZendeskMetrics(registry),
                config,
                topics,
                new KafkaConsumer<>(
                        consumerProperties(kafka, groupId), new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                new KafkaProducer<>(producerProperties(kafka), new ByteArraySerializer(), new ByteArraySerializer()),
                registry,
                onFatal);
    }

    private ZendeskWriteBack(
            ZendeskMetrics metrics,
            ZendeskConfig config,
            Topics topics,
            Consumer<byte[], byte[]> consumer,
            Producer<byte[], byte[]> producer,
            MeterRegistry registry,
            Runnable onFatal) {
        this.topic = topics.ticketUpdates().name();
        this.deadLetterTopic = topics.deadLetters().name();
        this.deserializer = topics.ticketUpdates().valueSerde().deserializer();
        this.consumer = consumer;
        this.producer = producer;
        this.metrics = metrics;
        this.applier = new TicketUpdateApplier(new ZendeskApi(config, metrics), config, metrics);
        this.deadLetterMetrics = DeadLetterMetrics.of(registry, SERVICE);
        this.onFatal = onFatal;
        this.thread = new Thread(this::run, "zendesk-write-back");
    }

    /** Starts a write-back; see the constructor. */
    public static ZendeskWriteBack start(
            ZendeskConfig config,
            Topics topics,
            Properties kafka,
            String groupId,
            MeterRegistry registry,
            Runnable onFatal) {
        ZendeskWriteBack writeBack = new ZendeskWriteBack(config, topics, kafka, groupId, registry, onFatal);
        writeBack.thread.start();
        return writeBack;
    }

    /** Ready while the write-back thread runs; not ready once it stopped on an error. */
    public HealthCheck health() {
        return () -> {
            Throwable error = failure;
            if (error != null) {
                return HealthCheck.Status.notReady("zendesk write-back stopped: " + error);
            }
            return thread.isAlive()
                    ? HealthCheck.Status.ready("zendesk write-back running")
                    : HealthCheck.Status.notReady("zendesk write-back not running");
        };
    }

    static Properties consumerProperties(Properties kafka, String groupId) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the correlator writes ticket updates transactionally; an aborted one was never meant to be applied
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(MAX_POLL_RECORDS));
        return props;
    }

    /** A dead letter is acknowledged only once it is safely replicated. */
    static Properties producerProperties(Properties kafka) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return props;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalances());
            LOG.info("Zendesk write-back applying {}", topic);
            while (!closing) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL_TIMEOUT);
                if (!batch.isEmpty()) {
                    take(batch);
                }
            }
        } catch (WakeupException | InterruptException | InterruptedException e) {
            if (!closing) {
                failure = e;
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            synchronized (lifecycle) {
                finished = true;
                // clear a shutdown interrupt, so the clients can still leave the group cleanly
                Thread.interrupted();
            }
            closeClients();
            Throwable error = failure;
            if (error != null) {
                LOG.error("Zendesk write-back stopped; unapplied ticket updates stay uncommitted", error);
                onFatal.run();
            } else {
                LOG.info("Zendesk write-back stopped");
            }
        }
    }

    /** Applies a batch in offset order per partition, committing after each update. */
    private void take(ConsumerRecords<byte[], byte[]> batch) throws InterruptedException, ExecutionException {
        long taken = generation;
        Map<TopicPartition, Long> next = new HashMap<>();
        for (TopicPartition partition : batch.partitions()) {
            next.put(partition, batch.records(partition).get(0).offset());
        }
        for (TopicPartition partition : batch.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : batch.records(partition)) {
                if (closing) {
                    return;
                }
                if (generation != taken || !handle(record, partition)) {
                    rewind(next);
                    return;
                }
                next.put(partition, record.offset() + 1);
            }
        }
    }

    /**
     * Applies or dead-letters one record and commits it.
     *
     * @return false when the group rebalanced or refused the commit: the batch must be rewound
     */
    private boolean handle(ConsumerRecord<byte[], byte[]> record, TopicPartition partition)
            throws InterruptedException, ExecutionException {
        long started = System.nanoTime();
        String outcome;
        TicketUpdate update;
        try {
            update = record.value() == null ? null : deserializer.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            update = null;
        }
        if (update == null) {
            deadLetter(
                    record,
                    new ZendeskRejection(
                            "record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                                    + " is not a ticket update",
                            0));
            outcome = ZendeskMetrics.DEAD_LETTERED;
        } else {
            long generationAtStart = generation;
            try {
                outcome = applier.apply(update, maybeApplied.contains(partition), this::await);
            } catch (Waiter.PartitionLost e) {
                LOG.info(
                        "Group rebalanced while {} waited; it is taken up again from the committed offset",
                        update.getUpdateId());
                return false;
            } catch (ZendeskRejection e) {
                deadLetter(
                        record,
                        new ZendeskRejection(
                                "ticket update " + update.getUpdateId() + ": " + e.getMessage(), e.status()));
                outcome = ZendeskMetrics.DEAD_LETTERED;
            } catch (RuntimeException e) {
                // a bug or an unexpected answer must not stop every later update: the reason goes with the dead letter
                deadLetter(
                        record,
                        new ZendeskRejection(
                                "ticket update " + update.getUpdateId() + ": "
                                        + e.getClass().getSimpleName() + ": " + e.getMessage(),
                                0));
                outcome = ZendeskMetrics.DEAD_LETTERED;
            }
            if (generation != generationAtStart) {
                return false;
            }
        }
        // counted when Zendesk (or the dead-letter topic) has it; a refused commit shows up again as already_applied
        metrics.finished(outcome, Duration.ofNanos(System.nanoTime() - started));
        try {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.info(
                    "Commit of {}@{} refused ({}); the update is checked against Zendesk when taken up again",
                    partition,
                    record.offset(),
                    e.getClass().getSimpleName());
            maybeApplied.add(partition);
            return false;
        }
        maybeApplied.remove(partition);
        return true;
    }

    /**
     * Moves every partition of an abandoned batch that is still ours back to its first unfinished
     * record, which may already be (partly) in Zendesk.
     */
    private void rewind(Map<TopicPartition, Long> next) {
        Set<TopicPartition> owned = consumer.assignment();
        next.forEach((partition, offset) -> {
            if (owned.contains(partition)) {
                consumer.seek(partition, offset);
                maybeApplied.add(partition);
            }
        });
    }

    /**
     * Waits with every partition paused, polling so the group keeps this member; a poll that still
     * returns records (a partition assigned meanwhile) is undone by seeking back to them.
     */
    private void await(Duration duration) throws InterruptedException, Waiter.PartitionLost {
        long waitingFrom = generation;
        long end = System.nanoTime() + duration.toNanos();
        try {
            while (!closing) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                consumer.pause(consumer.assignment());
                ConsumerRecords<byte[], byte[]> stray =
                        consumer.poll(Duration.ofNanos(Math.min(left, WAIT_SLICE.toNanos())));
                for (TopicPartition partition : stray.partitions()) {
                    consumer.seek(partition, stray.records(partition).get(0).offset());
                }
                if (generation != waitingFrom) {
                    throw new Waiter.PartitionLost();
                }
            }
            throw new InterruptedException("closing");
        } finally {
            consumer.resume(consumer.assignment());
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, ZendeskRejection reason)
            throws InterruptedException, ExecutionException {
        ProducerRecord<byte[], byte[]> letter = DeadLetters.fromConsumerRecord(
                deadLetterTopic,
                record,
                new TopicPartition(record.topic(), record.partition()),
                record.offset(),
                ROUTE,
                reason);
        deadLetterMetrics.record("processing", record.topic(), List.of(letter));
        producer.send(letter).get();
        LOG.warn(
                "Dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason.getMessage());
    }

    /** Stops applying and waits up to {@link #CLOSE_TIMEOUT}; an update in hand stays uncommitted. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closing = true;
            if (!finished) {
                consumer.wakeup();
                thread.interrupt();
            }
        }
        try {
            thread.join(TimeUnit.MILLISECONDS.convert(CLOSE_TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeClients() {
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            LOG.warn("Closing the Zendesk write-back consumer failed", e);
        }
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warn("Closing the Zendesk write-back producer failed", e);
        }
    }

    /** Every change of assignment starts a new generation; a newly assigned partition's first update is checked. */
    private final class Rebalances implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                generation++;
            }
            maybeApplied.addAll(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                generation++;
            }
            maybeApplied.removeAll(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }
}
