package dev.tocsin.publisher.delivery;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.tocsin.avro.Notification;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.runtime.errors.DeadLetterMetrics;
import dev.tocsin.runtime.errors.DeadLetters;
import dev.tocsin.runtime.http.HealthCheck;
import dev.tocsin.schemas.registry.SchemaRegistryException;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Delivers the WEBHOOK notifications of the notifications topic, on its own thread. Other
 * channels are skipped. A notification that is finally not delivered, or a record that is not a
 * notification at all, goes to the dead-letter topic with its original bytes and the reason.
 *
 * <p>At-least-once: a record's offset is committed only after it was delivered or its dead letter
 * was acknowledged, so a crash or shutdown in between sends it again; receivers deduplicate by
 * {@code X-Tocsin-Dedup-Key}. The consumer reads committed transactions only, since the
 * publisher writes notifications transactionally and an aborted one was never meant to be sent.
 *
 * <p>A new consumer group starts where {@code auto.offset.reset} says (Kafka's default,
 * {@code latest}): switching webhooks on should not replay the topic's retained history to
 * every subscriber.
 */
public final class WebhookDispatcher implements AutoCloseable {

    /** The service named in dead letters. */
    public static final String SERVICE = "status-publisher";
    /** The route named in dead letters. */
    public static final String ROUTE = "webhook";

    static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    /** How often offsets of skipped records are committed when nothing else commits them. */
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final long DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;
    private static final int MAX_POLL_RECORDS = 500;
    private static final Set<String> ERROR_HEADERS = Set.of(DeadLetters.HEADER_EXCEPTION, DeadLetters.HEADER_MESSAGE,
            DeadLetters.HEADER_STACKTRACE, DeadLetters.HEADER_TOPIC, DeadLetters.HEADER_PARTITION,
            DeadLetters.HEADER_OFFSET, DeadLetters.HEADER_SERVICE, DeadLetters.HEADER_ROUTE);

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final String notificationsTopic;
    private final Deserializer<Notification> notificationDeserializer;
    private final String deadLetterTopic;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final WebhookSender sender;
    private final WebhookMetrics metrics;
    private final DeadLetterMetrics deadLetterMetrics;
    private final Runnable onFatal;
    private final Thread thread;
    private final Object lifecycle = new Object();
    /** Counted down once the thread has committed what it finished and closed its clients. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Done but not yet committed, per partition: the offset to commit. Worker thread only. */
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    /** Last committed offset per partition, to rewind to when a commit fails. Worker thread only. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private long lastCommitNanos = System.nanoTime();

    private volatile boolean closing;
    private volatile Throwable failure;
    private boolean started;
    private boolean finished;

    /**
     * A dispatcher on new Kafka clients, not yet started.
     *
     * @param sender   delivers one notification
     * @param topics   the catalog: notifications are read from, dead letters written to, its topics
     * @param kafka    Kafka client properties (e.g. {@code ServiceConfig.kafkaProperties()})
     * @param groupId  consumer group; its committed offsets are the delivery progress
     * @param registry where the delivery meters go
     * @param onFatal  called once, from the dispatcher thread, when it stops on an unexpected error
     *                 (Kafka unusable, dead-letter write refused) so the process can exit and restart
     */
    public WebhookDispatcher(WebhookSender sender, Topics topics, Properties kafka, String groupId,
                             MeterRegistry registry, Runnable onFatal) {
        this(sender, topics.notifications(), topics.deadLetters(),
                new KafkaConsumer<>(consumerProperties(kafka, groupId, sender.longestDelivery()),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                new KafkaProducer<>(producerProperties(kafka), new ByteArraySerializer(), new ByteArraySerializer()),
                registry, onFatal);
    }

    /** A dispatcher on the given clients: tests hand in mock clients. */
    WebhookDispatcher(WebhookSender sender, Topic<String, Notification> notifications,
                      Topic<byte[], byte[]> deadLetters, Consumer<byte[], byte[]> consumer,
                      Producer<byte[], byte[]> producer, MeterRegistry registry, Runnable onFatal) {
        this.sender = sender;
        this.notificationsTopic = notifications.name();
        this.notificationDeserializer = notifications.valueSerde().deserializer();
        this.deadLetterTopic = deadLetters.name();
        this.consumer = consumer;
        this.producer = producer;
        this.metrics = new WebhookMetrics(registry);
        this.deadLetterMetrics = DeadLetterMetrics.of(registry, SERVICE);
        this.onFatal = onFatal;
        this.thread = new Thread(this::run, "webhook-dispatcher");
    }

    /**
     * Starts delivering with the given configuration, which must have webhooks enabled.
     *
     * @see #WebhookDispatcher(WebhookSender, Topics, Properties, String, MeterRegistry, Runnable)
     */
    public static WebhookDispatcher start(WebhookDeliveryConfig config, Topics topics, Properties kafka,
                                          String groupId, MeterRegistry registry, Runnable onFatal) {
        if (!config.enabled()) {
            throw new IllegalArgumentException(WebhookSettings.ENABLED.env() + " is false: webhook delivery is off");
        }
        return new WebhookDispatcher(new WebhookSender(config), topics, kafka, groupId, registry, onFatal).start();
    }

    /** Starts the dispatcher thread; returns this. */
    public WebhookDispatcher start() {
        synchronized (lifecycle) {
            if (started || closing) {
                throw new IllegalStateException("A webhook dispatcher starts once");
            }
            started = true;
            thread.start();
        }
        return this;
    }

    /** Ready while the dispatcher thread runs; not ready once it stopped on an error. */
    public HealthCheck health() {
        return () -> {
            Throwable error = failure;
            if (error != null) {
                return HealthCheck.Status.notReady("webhook dispatcher stopped: " + error);
            }
            return thread.isAlive() ? HealthCheck.Status.ready("webhook dispatcher running")
                    : HealthCheck.Status.notReady("webhook dispatcher not running");
        };
    }

    /**
     * Stops consuming and waits up to {@link #CLOSE_TIMEOUT} for the thread. A delivery in progress
     * is cut short and left uncommitted, so it is sent again after the restart.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closing = true;
            if (!started) {
                closeClients();
                return;
            }
            if (!finished) {
                consumer.wakeup();
                thread.interrupt();
            }
        }
        // not a join: onFatal may close us from the dispatcher thread, or exit the JVM on it
        if (Thread.currentThread() != thread) {
            try {
                if (!stopped.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Webhook dispatcher did not stop within {} ms", CLOSE_TIMEOUT.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Consumer properties: manual commits, committed reads, batches small enough for slow receivers. */
    static Properties consumerProperties(Properties kafka, String groupId, Duration longestDelivery) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Object interval = props.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        long maxPollInterval = interval == null ? DEFAULT_MAX_POLL_INTERVAL_MS : Long.parseLong(interval.toString().trim());
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                String.valueOf(maxPollRecords(Duration.ofMillis(maxPollInterval), longestDelivery)));
        return props;
    }

    /**
     * As many records as fit between two polls if every one of them took the longest delivery:
     * a batch that outlasts {@code max.poll.interval.ms} gets the consumer evicted from its group
     * and its commits refused.
     */
    static int maxPollRecords(Duration maxPollInterval, Duration longestDelivery) {
        long fit = maxPollInterval.toMillis() / Math.max(1, longestDelivery.toMillis());
        return (int) Math.max(1, Math.min(MAX_POLL_RECORDS, fit));
    }

    /** Producer properties: a dead letter is acknowledged only once it is safely replicated. */
    static Properties producerProperties(Properties kafka) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // dead letters are single acknowledged writes; a transactional id would demand transactions
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return props;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(notificationsTopic), new CommitBeforeRevoke());
            LOG.info("Webhook dispatcher delivering {}", notificationsTopic);
            while (!closing) {
                process(consumer.poll(POLL_TIMEOUT));
                if (!pending.isEmpty() && System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL.toNanos()) {
                    commitPending();
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
                // clear a shutdown interrupt, so the last commit and the close can still reach the broker
                Thread.interrupted();
            }
            commitOnExit();
            closeClients();
            stopped.countDown();
            Throwable error = failure;
            if (error != null) {
                LOG.error("Webhook dispatcher stopped; undelivered notifications stay uncommitted", error);
                onFatal.run();
            } else {
                LOG.info("Webhook dispatcher stopped");
            }
        }
    }

    private void process(ConsumerRecords<byte[], byte[]> batch) throws InterruptedException, ExecutionException {
        for (TopicPartition partition : batch.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : batch.records(partition)) {
                if (closing) {
                    return;
                }
                boolean acted = handle(record);
                pending.put(partition, new OffsetAndMetadata(record.offset() + 1));
                // a delivery or dead letter is committed at once: at most this one record is repeated
                if (acted && !commitPending()) {
                    rewind(batch);
                    return;
                }
            }
        }
    }

    /**
     * Delivers, dead-letters or skips one record.
     *
     * @return whether something was sent (webhook or dead letter), false for a skipped record
     */
    private boolean handle(ConsumerRecord<byte[], byte[]> record) throws InterruptedException, ExecutionException {
        Notification notification;
        try {
            notification = notificationDeserializer.deserialize(record.topic(), record.headers(), record.value());
            if (notification == null) {
                throw new SerializationException("Record has no value: there is no notification to deliver");
            }
        } catch (SerializationException e) {
            deadLetter(record, e, "deserialization");
            return true;
        } catch (SchemaRegistryException e) {
            if (registryUnavailable(e)) {
                throw e;
            }
            deadLetter(record, e, "deserialization");
            return true;
        }
        if (notification.getChannel() != NotificationChannel.WEBHOOK) {
            return false;
        }
        long start = System.nanoTime();
        DeliveryResult result = sender.send(notification);
        if (result.delivered()) {
            metrics.delivered(result, Duration.ofNanos(System.nanoTime() - start));
        } else {
            deadLetter(record, new WebhookDeliveryException(notification.getNotificationId(), result), ROUTE);
            metrics.deadLettered(result, Duration.ofNanos(System.nanoTime() - start));
        }
        return true;
    }

    /**
     * Whether the registry failed rather than the record: unreachable, overloaded or refusing our
     * credentials. Dead-lettering then would empty the topic into the dead letters; stopping keeps
     * the records for after the restart.
     */
    private static boolean registryUnavailable(SchemaRegistryException e) {
        int status = e.httpStatus();
        return status == 0 || status >= 500 || status == 401 || status == 403 || status == 408 || status == 429;
    }

    /** Writes the record's dead letter and waits for the broker's acknowledgement. */
    private void deadLetter(ConsumerRecord<byte[], byte[]> record, Exception reason, String stage)
            throws InterruptedException, ExecutionException {
        ProducerRecord<byte[], byte[]> letter = DeadLetters.fromHttp(deadLetterTopic, SERVICE, ROUTE, record.key(),
                record.value(), reason);
        for (Header header : record.headers()) {
            // the record's own headers travel along, unless they would pass for this failure's
            if (!ERROR_HEADERS.contains(header.key())) {
                letter.headers().add(header);
            }
        }
        letter.headers().add(DeadLetters.HEADER_TOPIC, record.topic().getBytes(UTF_8));
        letter.headers().add(DeadLetters.HEADER_PARTITION, String.valueOf(record.partition()).getBytes(UTF_8));
        letter.headers().add(DeadLetters.HEADER_OFFSET, String.valueOf(record.offset()).getBytes(UTF_8));
        // DeadLetterMetrics stamps the service header itself; keep it to one
        letter.headers().remove(DeadLetters.HEADER_SERVICE);
        deadLetterMetrics.record(stage, record.topic(), List.of(letter));
        producer.send(letter).get();
        LOG.warn("Dead-lettered {}-{}@{} ({}): {}", record.topic(), record.partition(), record.offset(), stage,
                reason.getMessage());
    }

    /** Commits what is done; false when the group no longer accepts our commits (rebalance). */
    private boolean commitPending() {
        if (pending.isEmpty()) {
            return true;
        }
        try {
            consumer.commitSync(pending);
            pending.forEach((partition, offset) -> committed.put(partition, offset.offset()));
            pending.clear();
            lastCommitNanos = System.nanoTime();
            return true;
        } catch (RebalanceInProgressException | CommitFailedException e) {
            LOG.warn("Offsets not committed ({}); the records since the last commit will be delivered again",
                    e.getClass().getSimpleName());
            pending.clear();
            return false;
        }
    }

    /**
     * After a refused commit, the partitions still ours restart from their last commit: the
     * consumer's position is already past the batch, and moving on would skip its remainder.
     */
    private void rewind(ConsumerRecords<byte[], byte[]> batch) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition partition : batch.partitions()) {
            if (assigned.contains(partition)) {
                long first = batch.records(partition).get(0).offset();
                consumer.seek(partition, committed.getOrDefault(partition, first));
            }
        }
    }

    private void commitOnExit() {
        // the first commit may meet the wakeup close() left behind; the second goes through
        for (int i = 0; i < 2 && !pending.isEmpty(); i++) {
            try {
                commitPending();
            } catch (WakeupException e) {
                LOG.debug("Commit on exit woken up; trying once more");
            } catch (KafkaException e) {
                LOG.warn("Offsets not committed on exit ({}); those records will be handled again", e.toString());
                return;
            }
        }
    }

    private void closeClients() {
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            LOG.warn("Error closing the webhook consumer: {}", e.toString());
        }
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warn("Error closing the dead-letter producer: {}", e.toString());
        }
    }

    /** Commits what is done for partitions about to go, so their next owner does not repeat it. */
    private final class CommitBeforeRevoke implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = pending.remove(partition);
                if (offset != null) {
                    done.put(partition, offset);
                }
                committed.remove(partition);
            }
            if (!done.isEmpty()) {
                try {
                    consumer.commitSync(done);
                } catch (RuntimeException e) {
                    LOG.warn("Offsets of revoked partitions not committed ({}); their next owner repeats them",
                            e.getClass().getSimpleName());
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.info("Webhook dispatcher assigned {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another member may own them already: committing now would overwrite its progress
            for (TopicPartition partition : partitions) {
                pending.remove(partition);
                committed.remove(partition);
            }
        }
    }
}
