package dev.tocsin.publisher.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.DeadLetter;
import dev.tocsin.avro.Notification;
import dev.tocsin.runtime.errors.DeadLetters;
import dev.tocsin.schemas.topics.Topic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's commit and dead-letter rules on mock Kafka clients; the broker test shows the
 * same end to end.
 */
class WebhookDispatcherTest {

    private static final String TOPIC = "test.notifications";
    private static final String RETRY_TOPIC = "test.webhook-retries";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final Serde<Notification> AVRO_BINARY =
            Serdes.serdeFrom((topic, notification) -> bytes(notification), WebhookDispatcherTest::notification);

    private final RecordingConsumer consumer = new RecordingConsumer();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch fatal = new CountDownLatch(1);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void deliveredWebhookIsCommittedAndOtherChannelsAreSkippedWithoutARequest() throws Exception {
        Receiver receiver = receiver(Receiver.answering(200));
        MockProducer<byte[], byte[]> producer = producer(true);
        Notification email = TestNotifications.email("ops@example.com").build();
        Notification webhook = TestNotifications.webhook(receiver.url()).build();
        Notification sms = TestNotifications.email("+15550100")
                .setChannel(dev.tocsin.avro.NotificationChannel.SMS)
                .build();

        start(producer, sender(3), record(0, bytes(email)), record(1, bytes(webhook)), record(2, bytes(sms)));

        await(() -> Long.valueOf(3).equals(consumer.commits.get(PARTITION)), "all three offsets committed");
        assertThat(receiver.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.header("X-Tocsin-Dedup-Key")).isEqualTo(webhook.getDedupKey()));
        assertThat(producer.history()).isEmpty();
        assertThat(count("delivered")).isEqualTo(1);
        assertThat(registry.get(WebhookMetrics.ATTEMPTS).counter().count()).isEqualTo(1);
    }

    @Test
    void offsetIsCommittedOnlyAfterTheDeadLetterIsAcknowledged() throws Exception {
        Receiver receiver = receiver(Receiver.answering(500));
        MockProducer<byte[], byte[]> producer = producer(false);
        Notification webhook = TestNotifications.webhook(receiver.url()).build();

        start(producer, sender(1), record(0, bytes(webhook)));

        await(() -> producer.history().size() == 1, "dead letter sent");
        Thread.sleep(200);
        assertThat(consumer.commits).as("nothing committed before the ack").doesNotContainKey(PARTITION);

        producer.completeNext();

        await(() -> Long.valueOf(1).equals(consumer.commits.get(PARTITION)), "offset committed after the ack");
        DeadLetter letter = decode(producer.history().get(0));
        assertThat(letter.getErrorClass()).isEqualTo(WebhookDeliveryException.class.getName());
        assertThat(letter.getErrorMessage())
                .contains(webhook.getNotificationId())
                .contains("1 attempt")
                .contains("HTTP 500");
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(bytes(webhook)));
        assertThat(producer.history().get(0).headers())
                .allSatisfy(header -> assertThat(new String(header.value(), UTF_8))
                        .doesNotContain(Receiver.TOKEN)
                        .doesNotContain("127.0.0.1"));
        assertThat(count("dead_lettered")).isEqualTo(1);
        assertThat(registry.get(WebhookMetrics.ATTEMPTS).counter().count()).isEqualTo(1);
    }

    @Test
    void aRetryableFailureGoesToTheRetryTopicWithItsTicketAndTheOffsetIsCommittedOnlyAfterTheAck() throws Exception {
        Receiver receiver = receiver(Receiver.answering(503));
        MockProducer<byte[], byte[]> producer = producer(false);
        Notification webhook = TestNotifications.webhook(receiver.url()).build();
        WebhookDeliveryConfig slow = new WebhookDeliveryConfig(
                        true, "secret", 5, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(2))
                .allowing("127.0.0.1");
        long before = System.currentTimeMillis();

        start(producer, new WebhookSender(slow), record(0, bytes(webhook)));

        await(() -> producer.history().size() == 1, "retry sent");
        Thread.sleep(200);
        assertThat(consumer.commits).as("nothing committed before the ack").doesNotContainKey(PARTITION);
        producer.completeNext();
        await(() -> Long.valueOf(1).equals(consumer.commits.get(PARTITION)), "offset committed after the ack");

        ProducerRecord<byte[], byte[]> retry = producer.history().get(0);
        assertThat(retry.topic()).isEqualTo(RETRY_TOPIC);
        assertThat(retry.key()).isEqualTo("recipient".getBytes(UTF_8));
        assertThat(retry.value()).isEqualTo(bytes(webhook));
        RetryTicket ticket = RetryTicket.readFrom(retry.headers()).orElseThrow();
        assertThat(ticket.attempt()).isEqualTo(2);
        assertThat(ticket.due().toEpochMilli()).isGreaterThanOrEqualTo(before + 30_000);
        assertThat(ticket.lastFailure()).contains("HTTP 503").doesNotContain(Receiver.TOKEN);
        assertThat(List.of(ticket.originTopic(), ticket.originPartition(), ticket.originOffset()))
                .containsExactly(TOPIC, 0, 0L);
        assertThat(receiver.requests())
                .as("the backoff is not waited for in memory")
                .hasSize(1);
        assertThat(count("delivered") + count("dead_lettered")).isZero();
        assertThat(registry.get(WebhookMetrics.RETRIES).counter().count()).isEqualTo(1);
    }

    @Test
    void refusedDeadLetterLeavesTheOffsetUncommittedAndStopsTheDispatcher() throws Exception {
        Receiver receiver = receiver(Receiver.answering(500));
        MockProducer<byte[], byte[]> producer = producer(false);
        WebhookDispatcher dispatcher = start(
                producer,
                sender(1),
                record(0, bytes(TestNotifications.webhook(receiver.url()).build())));

        await(() -> producer.history().size() == 1, "dead letter sent");
        producer.errorNext(new KafkaException("not authorized to write the dead-letter topic"));

        assertThat(fatal.await(10, TimeUnit.SECONDS)).as("onFatal called").isTrue();
        assertThat(consumer.commits).doesNotContainKey(PARTITION);
        assertThat(dispatcher.health().check().ready()).isFalse();
    }

    @Test
    void undecodableRecordIsDeadLetteredWithItsOriginalBytesAndCoordinates() throws Exception {
        MockProducer<byte[], byte[]> producer = producer(true);
        byte[] garbage = "not a notification".getBytes(UTF_8);
        ConsumerRecord<byte[], byte[]> poison = new ConsumerRecord<>(
                TOPIC,
                0,
                0,
                0L,
                TimestampType.CREATE_TIME,
                3,
                garbage.length,
                "key".getBytes(UTF_8),
                garbage,
                new RecordHeaders(List.of(new RecordHeader("trace-id", "t-1".getBytes(UTF_8)))),
                Optional.empty());

        start(producer, sender(3), poison);

        await(() -> Long.valueOf(1).equals(consumer.commits.get(PARTITION)), "poison pill committed");
        DeadLetter letter = decode(producer.history().get(0));
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(garbage));
        assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap("key".getBytes(UTF_8)));
        assertThat(letter.getErrorClass()).isEqualTo(SerializationException.class.getName());
        assertThat(letter.getService()).isEqualTo("status-publisher");
        assertThat(letter.getHttpRoute()).isEqualTo("webhook");
        assertThat(letter.getSourceTopic()).isEqualTo(TOPIC);
        assertThat(letter.getSourcePartition()).isZero();
        assertThat(letter.getSourceOffset()).isZero();
        assertThat(letter.getHeaders()).containsKey("trace-id");
        assertThat(registry.get("tocsin.dead.letters")
                        .tag("stage", "deserialization")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void refusedCommitRewindsSoTheNotificationIsDeliveredAgainRatherThanSkipped() throws Exception {
        Receiver receiver = receiver(Receiver.answering(200));
        ConsumerRecord<byte[], byte[]> record =
                record(0, bytes(TestNotifications.webhook(receiver.url()).build()));
        consumer.refuseNextCommit = true;

        start(producer(true), sender(1), record);

        await(() -> consumer.seeks.contains(0L), "rewound to the last committed offset");
        consumer.schedulePollTask(() -> consumer.addRecord(record));
        await(() -> Long.valueOf(1).equals(consumer.commits.get(PARTITION)), "committed after the second delivery");
        assertThat(receiver.requests())
                .as("at least once: delivered again, deduplicated by the receiver")
                .hasSize(2);
    }

    @Test
    void aRetryNotYetDueWaitsOnAPausedPartitionAndIsAttemptedWhenDue() throws Exception {
        Receiver receiver = receiver(Receiver.answering(204));
        MockProducer<byte[], byte[]> producer = producer(true);
        Notification webhook = TestNotifications.webhook(receiver.url()).build();
        TopicPartition retries = new TopicPartition(RETRY_TOPIC, 0);
        ConsumerRecord<byte[], byte[]> retry =
                new ConsumerRecord<>(RETRY_TOPIC, 0, 0, "recipient".getBytes(UTF_8), bytes(webhook));
        RetryTicket.after(1, java.time.Instant.now(), Duration.ofMillis(1500), "attempt 1: HTTP 503", TOPIC, 0, 7)
                .writeTo(retry.headers());

        startRetryLoop(producer, sender(3), retry);

        await(() -> consumer.paused().contains(retries), "partition paused until due");
        assertThat(consumer.seeks).as("moved back to the waiting record").contains(0L);
        // a broker fetches again from the position moved back to; MockConsumer forgets fetched records
        consumer.addRecord(retry);
        Thread.sleep(500);
        assertThat(receiver.requests()).as("not attempted before it is due").isEmpty();
        await(() -> receiver.requests().size() == 1, "attempted once due");
        await(() -> Long.valueOf(1).equals(consumer.commits.get(retries)), "retry committed");
        assertThat(receiver.requests().get(0).header(WebhookSender.ATTEMPT_HEADER))
                .isEqualTo("2");
        assertThat(producer.history()).isEmpty();
        assertThat(count("delivered")).isEqualTo(1);
    }

    @Test
    void theLastAttemptFromTheRetryTopicIsDeadLetteredNamingTheOriginalRecord() throws Exception {
        Receiver receiver = receiver(Receiver.answering(500));
        MockProducer<byte[], byte[]> producer = producer(true);
        Notification webhook = TestNotifications.webhook(receiver.url()).build();
        ConsumerRecord<byte[], byte[]> retry =
                new ConsumerRecord<>(RETRY_TOPIC, 0, 0, "recipient".getBytes(UTF_8), bytes(webhook));
        RetryTicket.after(2, java.time.Instant.now(), Duration.ZERO, "attempt 2: HTTP 500", TOPIC, 0, 7)
                .writeTo(retry.headers());

        startRetryLoop(producer, sender(3), retry);

        await(() -> producer.history().size() == 1, "dead letter sent");
        DeadLetter letter = decode(producer.history().get(0));
        assertThat(letter.getSourceTopic()).isEqualTo(TOPIC);
        assertThat(new String(
                        producer.history()
                                .get(0)
                                .headers()
                                .lastHeader(DeadLetters.HEADER_OFFSET)
                                .value(),
                        UTF_8))
                .isEqualTo("7");
        assertThat(letter.getErrorMessage()).contains("3 attempts").contains("HTTP 500");
        assertThat(receiver.requests().get(0).header(WebhookSender.ATTEMPT_HEADER))
                .isEqualTo("3");
    }

    @Test
    void aStuckReceiverDoesNotDelayDeliveryToAnotherReceiver() throws Exception {
        Receiver stuck = receiver(Receiver.answering(Receiver.Answer.slow(200, Duration.ofMinutes(2))));
        Receiver fast = receiver(Receiver.answering(204));
        WebhookDeliveryConfig patient = new WebhookDeliveryConfig(
                        true, "secret", 3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(60))
                .allowing("127.0.0.1");
        Notification toStuck = TestNotifications.webhook(stuck.url()).build();
        Notification toFast =
                TestNotifications.webhook(fast.url()).setSubscriptionId("sub-2").build();

        start(
                producer(true),
                new WebhookSender(patient),
                record(0, "stuck", bytes(toStuck)),
                record(1, "fast", bytes(toFast)));

        await(() -> fast.requests().size() == 1, "the fast receiver got its webhook");
        await(() -> count("delivered") == 1, "the fast delivery finished");
        assertThat(stuck.requests())
                .as("the stuck receiver was asked first and has not answered")
                .hasSize(1);
        assertThat(count("delivered") + count("dead_lettered")).isEqualTo(1);
        Thread.sleep(200);
        assertThat(consumer.commits)
                .as("offset 0 is unfinished, so nothing is committed past it")
                .doesNotContainKey(PARTITION);
    }

    @Test
    void oneRecipientsFirstAttemptsAreInOrderButARetriedNotificationIsOvertakenByTheNext() throws Exception {
        Receiver receiver = receiver(Receiver.answering(503, 200));
        Notification first = TestNotifications.webhook(receiver.url()).build();
        Notification second = TestNotifications.webhook(receiver.url()).build();
        MockProducer<byte[], byte[]> producer = producer(true);

        start(producer, sender(5), record(0, bytes(first)), record(1, bytes(second)));

        await(() -> Long.valueOf(2).equals(consumer.commits.get(PARTITION)), "both committed");
        assertThat(receiver.requests())
                .extracting(r -> r.header("X-Tocsin-Dedup-Key"))
                .containsExactly(first.getDedupKey(), second.getDedupKey());
        assertThat(producer.history()).singleElement().satisfies(retry -> {
            assertThat(retry.topic()).isEqualTo(RETRY_TOPIC);
            assertThat(retry.value()).isEqualTo(bytes(first));
        });
    }

    @Test
    void anInternalAddressIsDeadLetteredWithTheReasonAndWithoutTheUrl() throws Exception {
        Receiver receiver = receiver(Receiver.answering(200));
        MockProducer<byte[], byte[]> producer = producer(true);
        WebhookDeliveryConfig strict = new WebhookDeliveryConfig(
                true, "secret", 3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(2));
        Notification webhook = TestNotifications.webhook(receiver.url()).build();

        start(producer, new WebhookSender(strict), record(0, bytes(webhook)));

        await(() -> Long.valueOf(1).equals(consumer.commits.get(PARTITION)), "dead-lettered and committed");
        assertThat(receiver.requests()).isEmpty();
        DeadLetter letter = decode(producer.history().get(0));
        assertThat(letter.getErrorMessage())
                .contains(webhook.getNotificationId())
                .contains("address refused: resolves to a loopback address")
                .doesNotContain(Receiver.TOKEN)
                .doesNotContain("127.0.0.1");
        assertThat(registry.get(WebhookMetrics.ATTEMPTS).counter().count()).isZero();
    }

    // ---- harness

    @SafeVarargs
    private WebhookDispatcher start(
            MockProducer<byte[], byte[]> producer, WebhookSender sender, ConsumerRecord<byte[], byte[]>... records) {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                consumer.addRecord(record);
            }
        });
        WebhookDispatcher dispatcher = new WebhookDispatcher(
                sender,
                2,
                new Topic<>(TOPIC, Serdes.String(), AVRO_BINARY, Optional.empty(), false),
                new Topic<>(RETRY_TOPIC, Serdes.ByteArray(), Serdes.ByteArray(), Optional.empty(), false),
                new Topic<>("test.dead-letters", Serdes.ByteArray(), Serdes.ByteArray(), Optional.empty(), false),
                false,
                consumer,
                producer,
                registry,
                fatal::countDown);
        resources.add(dispatcher);
        return dispatcher.start();
    }

    /** The retry loop on the mock clients, assigned the retry topic's partition 0 holding {@code records}. */
    @SafeVarargs
    private WebhookDispatcher startRetryLoop(
            MockProducer<byte[], byte[]> producer, WebhookSender sender, ConsumerRecord<byte[], byte[]>... records) {
        TopicPartition retries = new TopicPartition(RETRY_TOPIC, 0);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(retries));
            consumer.updateBeginningOffsets(Map.of(retries, 0L));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                consumer.addRecord(record);
            }
        });
        WebhookDispatcher dispatcher = new WebhookDispatcher(
                sender,
                2,
                new Topic<>(TOPIC, Serdes.String(), AVRO_BINARY, Optional.empty(), false),
                new Topic<>(RETRY_TOPIC, Serdes.ByteArray(), Serdes.ByteArray(), Optional.empty(), false),
                new Topic<>("test.dead-letters", Serdes.ByteArray(), Serdes.ByteArray(), Optional.empty(), false),
                true,
                consumer,
                producer,
                registry,
                fatal::countDown);
        resources.add(dispatcher);
        return dispatcher.start();
    }

    private Receiver receiver(Receiver receiver) {
        resources.add(receiver);
        return receiver;
    }

    private static WebhookSender sender(int maxAttempts) {
        WebhookDeliveryConfig config = new WebhookDeliveryConfig(
                        true, "secret", maxAttempts, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(2))
                .allowing("127.0.0.1");
        return new WebhookSender(config);
    }

    private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
        return record(offset, "recipient", value);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String key, byte[] value) {
        return new ConsumerRecord<>(TOPIC, 0, offset, key.getBytes(UTF_8), value);
    }

    private static DeadLetter decode(ProducerRecord<byte[], byte[]> sent) {
        return DeadLetters.decode(new ConsumerRecord<>(
                sent.topic(),
                0,
                0,
                0L,
                TimestampType.CREATE_TIME,
                -1,
                -1,
                sent.key(),
                sent.value(),
                sent.headers(),
                Optional.empty()));
    }

    private double count(String outcome) {
        return registry.get(WebhookMetrics.DELIVERIES)
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static byte[] bytes(Notification notification) {
        try {
            ByteBuffer buffer = notification.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new SerializationException(e);
        }
    }

    private static Notification notification(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return Notification.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("not a notification: " + e.getMessage(), e);
        }
    }

    /** Remembers commits past close, and idles a little on empty polls instead of spinning. */
    private static final class RecordingConsumer extends MockConsumer<byte[], byte[]> {

        final Map<TopicPartition, Long> commits = new ConcurrentHashMap<>();
        final List<Long> seeks = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean refuseNextCommit;

        RecordingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (refuseNextCommit) {
                refuseNextCommit = false;
                throw new CommitFailedException("group rebalanced");
            }
            super.commitSync(offsets);
            offsets.forEach((partition, offset) -> commits.put(partition, offset.offset()));
        }

        @Override
        public synchronized void seek(TopicPartition partition, long offset) {
            super.seek(partition, offset);
            seeks.add(offset);
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    throw new InterruptException(e);
                }
            }
            return records;
        }
    }
}
