package dev.tocsin.publisher.delivery;

import dev.tocsin.avro.Notification;
import dev.tocsin.runtime.errors.DeadLetterMetrics;
import dev.tocsin.runtime.errors.DeadLetters;
import dev.tocsin.runtime.http.HealthCheck;
import dev.tocsin.schemas.registry.SchemaRegistryException;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the notifications of one channel ({@link ChannelSender#channel()}: WEBHOOK with a
 * {@link WebhookSender}, EMAIL with an {@link EmailSender}) of the notifications topic. Other channels are skipped. A
 * notification that is finally not delivered, or a record that is not a notification at all,
 * goes to the dead-letter topic with its original bytes and the reason.
 *
 * <p>Retries go through the webhook retry topic (non-blocking retries): the first attempt is made
 * at once; when it fails with a retryable outcome, the notification is written to the retry topic
 * with a {@link RetryTicket} (next attempt, due time, reason, origin) and its source record is then
 * finished, so a long backoff never holds the source partition's commit. A second instance of this
 * class, the retry loop (its own consumer group, started with the first), reads the retry topic: it
 * holds a partition (seek back and pause, never a sleep) until its next record is due, then makes
 * that attempt and writes the outcome: delivered, the next retry, or a dead letter after the last.
 * A not-yet-due record holds the later records of its retry partition, whatever their due times.
 *
 * <p>Isolation: one thread polls; a pool of {@link WebhookDeliveryConfig#concurrency()} threads
 * makes the requests, each bounded by the request deadline, so a slow or dead receiver holds one
 * request slot at a time and never the others' deliveries; its host's circuit opens after repeated
 * failures. Notifications with the same key (the recipient) are attempted one after the other; one
 * that goes to the retry topic can be overtaken by a later notification to the same recipient.
 * When too many notifications are unfinished, the consumer pauses until they drain.
 *
 * <p>At-least-once: a partition's offset is committed only up to its first record not yet
 * delivered, handed to the retry topic or dead-lettered (with that write acknowledged), so a crash
 * or shutdown attempts every unfinished record again, and possibly some finished after it;
 * receivers deduplicate by {@code X-Tocsin-Dedup-Key}. The consumers read committed transactions
 * only, since the publisher writes notifications transactionally and an aborted one was never
 * meant to be sent.
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
    /** Poll timeout while deliveries are in flight, so their outcomes are settled promptly. */
    static final Duration BUSY_POLL_TIMEOUT = Duration.ofMillis(20);
    /** How often offsets of skipped records are committed when nothing else commits them. */
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Unfinished notifications above which the consumer pauses; it resumes below half. */
    static final int MAX_IN_FLIGHT = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final String notificationsTopic;
    private final String retryTopic;
    /** Whether this is the retry loop: it reads the retry topic and waits for each record's due time. */
    private final boolean retryLoop;

    private final Deserializer<Notification> notificationDeserializer;
    private final String deadLetterTopic;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final ChannelSender sender;
    /** The route named in dead letters: the channel, e.g. {@code webhook} or {@code email}. */
    private final String route;

    private final WebhookMetrics metrics;
    private final DeadLetterMetrics deadLetterMetrics;
    private final Runnable onFatal;
    private final Thread thread;
    private final ExecutorService workers;
    private final Object lifecycle = new Object();
    /** Counted down once the thread has committed what it finished and closed its clients. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Progress per owned partition; a job whose partition's entry was replaced is stale. Poll thread only. */
    private final Map<TopicPartition, PendingOffsets> progress = new HashMap<>();
    /** Jobs per recipient, the running one first. Poll thread only. */
    private final Map<String, ArrayDeque<Job>> lanes = new HashMap<>();
    /** Outcomes handed from the delivery threads to the poll thread. */
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<TopicPartition> paused = new HashSet<>();
    /** Retry partitions paused until their next record is due (epoch ms). Poll thread only. */
    private final Map<TopicPartition, Long> waiting = new HashMap<>();
    /** The retry loop started with this source loop, closed and checked with it; null in the retry loop. */
    private WebhookDispatcher retries;

    private long lastCommitNanos = System.nanoTime();

    private volatile boolean closing;
    private volatile Throwable failure;
    private boolean started;
    private boolean finished;

    /**
     * A dispatcher on new Kafka clients, not yet started.
     *
     * @param sender      delivers one notification
     * @param concurrency requests in flight at once
     * @param topics      the catalog: notifications are read from, dead letters written to, its topics
     * @param kafka       Kafka client properties (e.g. {@code ServiceConfig.kafkaProperties()})
     * @param groupId     consumer group; its committed offsets are the delivery progress
     * @param registry    where the delivery meters go
     * @param onFatal     called once, from the dispatcher thread, when it stops on an unexpected error
     *                    (Kafka unusable, dead-letter write refused) so the process can exit and restart
     */
    public WebhookDispatcher(
            ChannelSender sender,
            int concurrency,
            Topics topics,
            Properties kafka,
            String groupId,
            MeterRegistry registry,
            Runnable onFatal) {
        this(
                sender,
                concurrency,
                topics.notifications(),
                topics.webhookRetries(),
                topics.deadLetters(),
                false,
                new KafkaConsumer<>(
                        consumerProperties(kafka, groupId), new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                new KafkaProducer<>(producerProperties(kafka), new ByteArraySerializer(), new ByteArraySerializer()),
                registry,
                onFatal);
        this.retries = new WebhookDispatcher(
                sender,
                concurrency,
                topics.notifications(),
                topics.webhookRetries(),
                topics.deadLetters(),
                true,
                new KafkaConsumer<>(
                        retryConsumerProperties(kafka, groupId),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer()),
                new KafkaProducer<>(producerProperties(kafka), new ByteArraySerializer(), new ByteArraySerializer()),
                registry,
                onFatal);
    }

    /**
     * A dispatcher on the given clients: tests hand in mock clients.
     *
     * @param retryLoop false for the loop reading {@code notifications}, true for the one reading {@code retries}
     */
    WebhookDispatcher(
            ChannelSender sender,
            int concurrency,
            Topic<String, Notification> notifications,
            Topic<byte[], byte[]> retries,
            Topic<byte[], byte[]> deadLetters,
            boolean retryLoop,
            Consumer<byte[], byte[]> consumer,
            Producer<byte[], byte[]> producer,
            MeterRegistry registry,
            Runnable onFatal) {
        this.sender = sender;
        this.route = sender.channel().name().toLowerCase(java.util.Locale.ROOT);
        this.notificationsTopic = notifications.name();
        this.retryTopic = retries.name();
        this.retryLoop = retryLoop;
        this.notificationDeserializer = notifications.valueSerde().deserializer();
        this.deadLetterTopic = deadLetters.name();
        this.consumer = consumer;
        this.producer = producer;
        this.metrics = new WebhookMetrics(registry, route, inFlight::get, sender::openCircuits);
        this.deadLetterMetrics = DeadLetterMetrics.of(registry, SERVICE);
        this.onFatal = onFatal;
        String name = retryLoop ? route + "-retry" : route;
        this.thread = new Thread(this::run, name + "-dispatcher");
        AtomicInteger workerNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread worker = new Thread(runnable, name + "-delivery-" + workerNumber.incrementAndGet());
            worker.setDaemon(true);
            return worker;
        });
    }

    /**
     * Starts delivering with the given configuration, which must have webhooks enabled.
     *
     * @see #WebhookDispatcher(WebhookSender, int, Topics, Properties, String, MeterRegistry, Runnable)
     */
    public static WebhookDispatcher start(
            WebhookDeliveryConfig config,
            Topics topics,
            Properties kafka,
            String groupId,
            MeterRegistry registry,
            Runnable onFatal) {
        if (!config.enabled()) {
            throw new IllegalArgumentException(WebhookSettings.ENABLED.env() + " is false: webhook delivery is off");
        }
        return new WebhookDispatcher(
                        new WebhookSender(config), config.concurrency(), topics, kafka, groupId, registry, onFatal)
                .start();
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
        if (retries != null) {
            retries.start();
        }
        return this;
    }

    /** Ready while the dispatcher thread runs; not ready once it stopped on an error. */
    public HealthCheck health() {
        HealthCheck own = ownHealth();
        return retries == null ? own : HealthCheck.allOf(own, retries.ownHealth());
    }

    private HealthCheck ownHealth() {
        return () -> {
            Throwable error = failure;
            if (error != null) {
                return HealthCheck.Status.notReady("webhook dispatcher stopped: " + error);
            }
            return thread.isAlive()
                    ? HealthCheck.Status.ready("webhook dispatcher running")
                    : HealthCheck.Status.notReady("webhook dispatcher not running");
        };
    }

    /**
     * Stops consuming and waits up to {@link #CLOSE_TIMEOUT} for the thread. A delivery in progress
     * is cut short and left uncommitted, so it is sent again after the restart.
     */
    @Override
    public void close() {
        if (retries != null) {
            retries.close();
        }
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

    /** Consumer properties: manual commits, committed reads. */
    static Properties consumerProperties(Properties kafka, String groupId) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    /**
     * Retry consumer properties: its own group ({@code <groupId>-retries}), and a new group starts at
     * the earliest retry, since every record on the retry topic is a delivery still owed.
     */
    static Properties retryConsumerProperties(Properties kafka, String groupId) {
        Properties props = consumerProperties(kafka, groupId + "-retries");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
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
            String input = retryLoop ? retryTopic : notificationsTopic;
            consumer.subscribe(List.of(input), new CommitBeforeRevoke());
            LOG.info("{} dispatcher delivering {}", route, input);
            while (!closing) {
                resumeDue();
                boolean acted = take(consumer.poll(inFlight.get() > 0 ? BUSY_POLL_TIMEOUT : POLL_TIMEOUT));
                acted |= settle();
                if (acted || System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL.toNanos()) {
                    commitFinished();
                }
                throttle();
                Throwable error = failure;
                if (error != null) {
                    throw error;
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
            // deliveries in progress are cut short and stay uncommitted: sent again after the restart
            workers.shutdownNow();
            commitOnExit();
            closeClients();
            stopped.countDown();
            Throwable error = failure;
            if (error != null) {
                LOG.error("{} dispatcher stopped; undelivered notifications stay uncommitted", route, error);
                onFatal.run();
            } else {
                LOG.info("{} dispatcher stopped", route);
            }
        }
    }

    /**
     * Takes on a batch: webhooks go to their recipient's lane, everything else is finished at once.
     *
     * @return whether a record was dead-lettered
     */
    private boolean take(ConsumerRecords<byte[], byte[]> batch) throws InterruptedException, ExecutionException {
        boolean acted = false;
        for (TopicPartition partition : batch.partitions()) {
            PendingOffsets offsets = progress.computeIfAbsent(partition, p -> new PendingOffsets());
            for (ConsumerRecord<byte[], byte[]> record : batch.records(partition)) {
                Optional<RetryTicket> ticket = retryLoop ? RetryTicket.readFrom(record.headers()) : Optional.empty();
                if (ticket.isPresent() && !ticket.get().dueAt(Instant.now())) {
                    waitUntilDue(partition, record.offset(), ticket.get());
                    break;
                }
                offsets.started(record.offset());
                Optional<Notification> decoded = decode(record);
                acted |= decoded.isEmpty();
                Optional<Notification> webhook = decoded.filter(n -> n.getChannel() == sender.channel());
                if (webhook.isEmpty()) {
                    offsets.finished(record.offset());
                    continue;
                }
                inFlight.incrementAndGet();
                Job job = new Job(
                        record, partition, offsets, webhook.get(), lane(record, webhook.get()), ticket.orElse(null));
                ArrayDeque<Job> lane = lanes.computeIfAbsent(job.lane, l -> new ArrayDeque<>());
                lane.add(job);
                if (lane.size() == 1) {
                    launch(job);
                }
            }
        }
        return acted;
    }

    /**
     * Holds a retry partition at a record not yet due: the consumer is moved back to it and the
     * partition paused until {@link #resumeDue()} sees it due. The records after it wait as well.
     */
    private void waitUntilDue(TopicPartition partition, long offset, RetryTicket ticket) {
        consumer.seek(partition, offset);
        consumer.pause(List.of(partition));
        waiting.put(partition, ticket.due().toEpochMilli());
    }

    /** Resumes the retry partitions whose next record is due, unless the whole consumer is throttled. */
    private void resumeDue() {
        if (waiting.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        List<TopicPartition> due = waiting.entrySet().stream()
                .filter(entry -> entry.getValue() <= now)
                .map(Map.Entry::getKey)
                .toList();
        due.forEach(waiting::remove);
        List<TopicPartition> resumable = due.stream()
                .filter(partition -> !paused.contains(partition))
                .filter(consumer.assignment()::contains)
                .toList();
        if (!resumable.isEmpty()) {
            consumer.resume(resumable);
        }
    }

    /** The record's notification; empty for a record that is none, which is dead-lettered here. */
    private Optional<Notification> decode(ConsumerRecord<byte[], byte[]> record)
            throws InterruptedException, ExecutionException {
        Notification notification;
        try {
            notification = notificationDeserializer.deserialize(record.topic(), record.headers(), record.value());
            if (notification == null) {
                throw new SerializationException("Record has no value: there is no notification to deliver");
            }
        } catch (SerializationException e) {
            deadLetter(record, e, "deserialization");
            return Optional.empty();
        } catch (SchemaRegistryException e) {
            if (registryUnavailable(e)) {
                throw e;
            }
            deadLetter(record, e, "deserialization");
            return Optional.empty();
        }
        return Optional.of(notification);
    }

    /** Same recipient, same lane: its notifications arrive in order. */
    private static String lane(ConsumerRecord<byte[], byte[]> record, Notification notification) {
        return record.key() == null
                ? "id:" + notification.getNotificationId()
                : "key:" + HexFormat.of().formatHex(record.key());
    }

    private void launch(Job job) {
        job.startNanos = System.nanoTime();
        try {
            workers.execute(() -> attempt(job));
        } catch (RejectedExecutionException e) {
            // shutting down: the job stays unfinished and uncommitted
        }
    }

    /** One attempt, on a delivery thread; a retry goes to the retry topic, see {@link #settle()}. */
    private void attempt(Job job) {
        if (closing) {
            return;
        }
        if (job.abandoned) {
            // its partition went elsewhere or was rewound: stop asking, let the lane move on
            outcomes.add(new Outcome(job, null, null));
            return;
        }
        try {
            DeliveryStep step = sender.attempt(job.notification, job.attempt);
            if (step.requested()) {
                metrics.requested();
            }
            outcomes.add(new Outcome(job, step, null));
        } catch (RuntimeException e) {
            outcomes.add(new Outcome(job, null, e));
        }
    }

    /**
     * Applies the outcomes the delivery threads reported: metrics, retries, dead letters, offsets,
     * and the next job of each lane. A record is finished only once its retry or dead letter is
     * acknowledged, so its offset is never committed ahead of the write that carries it on.
     *
     * @return whether something was delivered, handed to the retry topic or dead-lettered
     */
    private boolean settle() throws InterruptedException, ExecutionException {
        boolean acted = false;
        for (Outcome outcome = outcomes.poll(); outcome != null; outcome = outcomes.poll()) {
            Job job = outcome.job;
            inFlight.decrementAndGet();
            advance(job.lane);
            if (outcome.error != null) {
                throw new IllegalStateException("Webhook delivery failed unexpectedly", outcome.error);
            }
            if (stale(job)) {
                continue; // the partition went elsewhere or was rewound: its next owner repeats it
            }
            Duration took = Duration.ofNanos(System.nanoTime() - job.startNanos);
            DeliveryStep step = outcome.step;
            if (!step.finished()) {
                retryLater(job, step);
                metrics.retried();
            } else if (step.result().delivered()) {
                metrics.delivered(took);
            } else {
                deadLetter(
                        job.record,
                        sender.failure(job.notification.getNotificationId(), step.result()),
                        route,
                        job.originTopic(),
                        job.originPartition(),
                        job.originOffset());
                metrics.deadLettered(took);
            }
            job.offsets.finished(job.record.offset());
            acted = true;
        }
        return acted;
    }

    /** Writes the job's notification to the retry topic for its next attempt and waits for the acknowledgement. */
    private void retryLater(Job job, DeliveryStep step) throws InterruptedException, ExecutionException {
        RetryTicket ticket = RetryTicket.after(
                job.attempt,
                Instant.now(),
                step.retryIn(),
                step.failure(),
                job.originTopic(),
                job.originPartition(),
                job.originOffset());
        ProducerRecord<byte[], byte[]> retry =
                new ProducerRecord<>(retryTopic, null, job.record.key(), job.record.value(), job.record.headers());
        ticket.writeTo(retry.headers());
        producer.send(retry).get();
        LOG.debug(
                "Webhook notification {}: attempt {} due at {} ({})",
                job.notification.getNotificationId(),
                ticket.attempt(),
                ticket.due(),
                ticket.lastFailure());
    }

    /** Drops the lane's finished head and starts its next job that is not stale. */
    private void advance(String laneKey) {
        ArrayDeque<Job> lane = lanes.get(laneKey);
        lane.poll();
        while (!lane.isEmpty() && stale(lane.peek())) {
            lane.poll();
            inFlight.decrementAndGet();
        }
        if (lane.isEmpty()) {
            lanes.remove(laneKey);
        } else {
            launch(lane.peek());
        }
    }

    private boolean stale(Job job) {
        return progress.get(job.partition) != job.offsets;
    }

    /** Forgets a partition's progress; its jobs become stale and stop before their next attempt. */
    private PendingOffsets forget(TopicPartition partition) {
        PendingOffsets offsets = progress.remove(partition);
        for (ArrayDeque<Job> lane : lanes.values()) {
            for (Job job : lane) {
                if (job.offsets == offsets) {
                    job.abandoned = true;
                }
            }
        }
        return offsets;
    }

    /** Pauses the consumer while too much is unfinished, so memory stays bounded. */
    private void throttle() {
        if (paused.isEmpty() && inFlight.get() >= MAX_IN_FLIGHT) {
            paused.addAll(consumer.assignment());
            consumer.pause(paused);
            LOG.info("Webhook dispatcher paused: {} notifications unfinished", inFlight.get());
        } else if (!paused.isEmpty() && inFlight.get() < MAX_IN_FLIGHT / 2) {
            paused.retainAll(consumer.assignment());
            // a retry partition waiting for its due time stays paused
            paused.removeAll(waiting.keySet());
            consumer.resume(paused);
            paused.clear();
        }
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
        deadLetter(record, reason, stage, record.topic(), record.partition(), record.offset());
    }

    /** Writes the record's dead letter naming where it first came from, and waits for the acknowledgement. */
    private void deadLetter(
            ConsumerRecord<byte[], byte[]> record,
            Exception reason,
            String stage,
            String topic,
            int partition,
            long offset)
            throws InterruptedException, ExecutionException {
        ProducerRecord<byte[], byte[]> letter = DeadLetters.fromConsumerRecord(
                deadLetterTopic, record, new TopicPartition(topic, partition), offset, route, reason);
        deadLetterMetrics.record(stage, topic, List.of(letter));
        producer.send(letter).get();
        LOG.warn(
                "Dead-lettered {}-{}@{} ({}): {}",
                record.topic(),
                record.partition(),
                record.offset(),
                stage,
                reason.getMessage());
    }

    /**
     * Commits every partition up to its first unfinished record. When the group no longer accepts
     * our commits (rebalance), the partitions still ours restart from their last commit: the
     * consumer's position is already past records that are not finished, and moving on would skip them.
     */
    private void commitFinished() {
        lastCommitNanos = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        progress.forEach((partition, offsets) ->
                offsets.committable().ifPresent(offset -> commit.put(partition, new OffsetAndMetadata(offset))));
        if (commit.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(commit);
            commit.forEach((partition, offset) -> progress.get(partition).committed(offset.offset()));
        } catch (RebalanceInProgressException | CommitFailedException e) {
            LOG.warn(
                    "Offsets not committed ({}); the records since the last commit will be delivered again",
                    e.getClass().getSimpleName());
            Set<TopicPartition> assigned = consumer.assignment();
            for (TopicPartition partition : Set.copyOf(progress.keySet())) {
                PendingOffsets offsets = forget(partition);
                if (assigned.contains(partition)) {
                    offsets.restartAt().ifPresent(offset -> consumer.seek(partition, offset));
                }
            }
        }
    }

    private void commitOnExit() {
        // the first commit may meet the wakeup close() left behind; the second goes through
        for (int i = 0; i < 2; i++) {
            try {
                commitFinished();
                return;
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

    /** One webhook notification being attempted: the first attempt, or the retry its ticket names. */
    private static final class Job {
        final ConsumerRecord<byte[], byte[]> record;
        final TopicPartition partition;
        final PendingOffsets offsets;
        final Notification notification;
        final String lane;
        final int attempt;
        /** The retry ticket the record came with; null on a first attempt. */
        final RetryTicket ticket;

        volatile long startNanos;
        /** Set when its partition is forgotten: no further attempts. */
        volatile boolean abandoned;

        Job(
                ConsumerRecord<byte[], byte[]> record,
                TopicPartition partition,
                PendingOffsets offsets,
                Notification notification,
                String lane,
                RetryTicket ticket) {
            this.record = record;
            this.partition = partition;
            this.offsets = offsets;
            this.notification = notification;
            this.lane = lane;
            this.ticket = ticket;
            this.attempt = ticket == null ? 1 : ticket.attempt();
        }

        String originTopic() {
            return ticket == null ? record.topic() : ticket.originTopic();
        }

        int originPartition() {
            return ticket == null ? record.partition() : ticket.originPartition();
        }

        long originOffset() {
            return ticket == null ? record.offset() : ticket.originOffset();
        }
    }

    /** How a job's attempt ended: its step (done or retry), or an unexpected error. */
    private record Outcome(Job job, DeliveryStep step, RuntimeException error) {}

    /** Commits what is finished for partitions about to go, so their next owner does not repeat it. */
    private final class CommitBeforeRevoke implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            for (TopicPartition partition : partitions) {
                waiting.remove(partition);
                PendingOffsets offsets = forget(partition);
                if (offsets != null) {
                    offsets.committable().ifPresent(offset -> done.put(partition, new OffsetAndMetadata(offset)));
                }
            }
            if (!done.isEmpty()) {
                try {
                    consumer.commitSync(done);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Offsets of revoked partitions not committed ({}); their next owner repeats them",
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
                waiting.remove(partition);
                forget(partition);
            }
        }
    }
}
