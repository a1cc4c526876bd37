package dev.tocsin.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.embedded.SharedTestStack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** What a restarted writer does about the transactions its crashed predecessor left open. */
class WriterRestartTest {

    /**
     * A writer killed mid-transaction leaves it open, holding back the partition's last stable
     * offset. The restarted writer, with the same stable transactional ids, fences it and has it
     * aborted as it starts, before any request reaches that committer. Before, a committer created
     * its producer on its first request, so an idle one left readers blocked for the whole
     * transaction timeout (here 15 minutes, so only the fencing can end it within the test).
     */
    @Test
    void aRestartedWriterAbortsWhatItsKilledPredecessorLeftOpenWithoutWaitingForARequest() throws Exception {
        String topic = "writer-restart-" + UUID.randomUUID();
        String prefix = "writer-restart-test-" + UUID.randomUUID();
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            killedMidTransaction(prefix + "-1", topic); // the predecessor's second committer
            assertThat(unstable(admin, partition))
                    .as("the open transaction holds the last stable offset")
                    .isEqualTo(1);

            try (TransactionalWriter restarted = new TransactionalWriter(
                    kafka(),
                    prefix,
                    2,
                    10,
                    1_000,
                    Duration.ofSeconds(5),
                    p -> {},
                    new GroupCommitMetrics(new SimpleMeterRegistry()))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (unstable(admin, partition) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(unstable(admin, partition))
                        .as("read_committed readers are past the dead transaction")
                        .isZero();
            }
        }
    }

    @Test
    void theTransactionTimeoutOutlastsEveryWaitForATransactionAndNoMore() {
        Duration timeout = Duration.ofSeconds(5);
        assertThat(TransactionalWriter.transactionTimeout(timeout)).isEqualTo(Duration.ofSeconds(30));
    }

    /** Begins a transaction with {@code transactionalId}, writes, and dies without ending it. */
    private static void killedMidTransaction(String transactionalId, String topic) {
        Properties config = kafka();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 900_000);
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, 0, null, "acknowledged-never".getBytes()));
        producer.flush();
        producer.close(Duration.ZERO); // no abort on the way out, as with kill -9
    }

    private static long unstable(Admin admin, TopicPartition partition) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = Map.of(partition, OffsetSpec.latest());
        long stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get()
                .get(partition)
                .offset();
        long high = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                .all()
                .get()
                .get(partition)
                .offset();
        return high - stable;
    }

    private static Properties kafka() {
        Properties props = new Properties();
        props.put("bootstrap.servers", SharedTestStack.bootstrapServers());
        return props;
    }
}
