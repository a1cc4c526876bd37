package dev.tocsin.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.embedded.SharedTestStack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Group commit against the real broker: shared transactions, acknowledgement only after the commit, a bounded queue. */
class GroupCommitTest {

    /**
     * When write returns, the transaction's commit was acknowledged by the coordinator: the records
     * are replicated in the log (below the high watermark) and the commit is decided; the markers that
     * make them visible to read_committed readers follow within milliseconds (Kafka writes them after
     * answering the commit), so every acknowledged record is then read committed.
     */
    @Test
    void concurrentRequestsShareTransactionsAndEachIsAcknowledgedOnlyOnceStoredAndCommitted() throws Exception {
        String topic = "group-commit-" + UUID.randomUUID();
        TopicPartition partition = new TopicPartition(topic, 0);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        int requests = 24;
        Map<String, Long> highWatermarkWhenAcknowledged = new ConcurrentHashMap<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()));
                TransactionalWriter writer = new TransactionalWriter(
                        kafka(SharedTestStack.bootstrapServers()),
                        "group-commit-test-" + UUID.randomUUID(),
                        1,
                        100,
                        20_000,
                        Duration.ofSeconds(20),
                        p -> {},
                        new GroupCommitMetrics(registry))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            writer.write(List.of(
                    record(topic, "warm-up"))); // the producer exists, so the requests below only wait for commits

            ExecutorService senders = Executors.newFixedThreadPool(requests);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String id = "request-" + i;
                sent.add(senders.submit(() -> {
                    start.await();
                    writer.write(List.of(record(topic, id), record(topic, id)));
                    // the high watermark: everything below it is appended and replicated (acks=all)
                    long stored = admin.listOffsets(
                                    Map.of(partition, OffsetSpec.latest()),
                                    new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                            .partitionResult(partition)
                            .get()
                            .offset();
                    highWatermarkWhenAcknowledged.put(id, stored);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
            senders.shutdown();

            Map<String, List<Long>> offsetsById = readCommitted(topic, 1 + 2 * requests);
            for (int i = 0; i < requests; i++) {
                String id = "request-" + i;
                assertThat(offsetsById.get(id))
                        .as(id)
                        .hasSize(2)
                        .allSatisfy(offset -> assertThat(offset).isLessThan(highWatermarkWhenAcknowledged.get(id)));
            }
            double transactions = registry.get("tocsin.ingest.transactions")
                    .tag("outcome", "committed")
                    .counter()
                    .count();
            assertThat(transactions)
                    .as("transactions for 1 + %d requests", requests)
                    .isLessThan(1 + requests);
            assertThat(registry.get("tocsin.ingest.transaction.requests")
                            .summary()
                            .max())
                    .isGreaterThan(1);
        }
    }

    @Test
    void aFullQueueRefusesAtOnceAndNothingIsWritten() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // no broker answers: the one committer blocks creating its producer, one request waits, the rest are refused
        try (TransactionalWriter writer = new TransactionalWriter(
                kafka("127.0.0.1:" + closedPort),
                "full-queue-test",
                1,
                1,
                100,
                Duration.ofSeconds(4),
                p -> {},
                GroupCommitMetrics.discarding())) {
            ExecutorService senders = Executors.newFixedThreadPool(3);
            List<Future<Throwable>> outcomes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                outcomes.add(senders.submit(() -> {
                    try {
                        writer.write(List.of(record("nowhere", "x")));
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<Throwable> outcome : outcomes) {
                failures.add(outcome.get(60, TimeUnit.SECONDS));
            }
            senders.shutdown();

            assertThat(failures).allSatisfy(e -> assertThat(e).isInstanceOf(KafkaUnavailableException.class));
            assertThat(failures).anySatisfy(e -> assertThat(e).isInstanceOf(WriterBusyException.class));
        }
        assertThatThrownBy(() -> new TransactionalWriter(
                        kafka("x:1"), "t", 1, 0, 1, Duration.ofSeconds(1), p -> {}, GroupCommitMetrics.discarding()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, List<Long>> readCommitted(String topic, int expected) {
        Map<String, List<Long>> offsets = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        SharedTestStack.bootstrapServers(),
                        "isolation.level",
                        "read_committed",
                        "group.id",
                        "reader-" + UUID.randomUUID(),
                        "auto.offset.reset",
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            int read = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            while (read < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    offsets.computeIfAbsent(r.value(), k -> new ArrayList<>()).add(r.offset());
                    read++;
                }
            }
        }
        return offsets;
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String value) {
        return new ProducerRecord<>(
                topic, value.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    private static Properties kafka(String bootstrap) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrap);
        return properties;
    }
}
