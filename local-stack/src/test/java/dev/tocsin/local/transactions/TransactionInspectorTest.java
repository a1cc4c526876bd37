package dev.tocsin.local.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.embedded.kafka.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real hanging transaction on the embedded broker: a producer begins a transaction, writes, and
 * dies; then its coordinator's state is lost, so no coordinator will ever end that transaction and
 * the partition's last stable offset stays put. The operator's tool finds it and aborts it.
 */
class TransactionInspectorTest {

    private static final String TOPIC = "orders";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @TempDir
    Path dataDir;

    @Test
    void aTransactionNoCoordinatorWillEndIsFoundAsHangingAndItsAbortUnblocksReadCommittedReaders() throws Exception {
        EmbeddedKafka kafka =
                EmbeddedKafka.builder().dataDir(dataDir).port(0).build().start();
        try {
            try (Admin admin = admin(kafka)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
                        .all()
                        .get();
            }
            abandonOpenTransaction(kafka);
            try (Admin admin = admin(kafka)) {
                List<OpenTransaction> open = new TransactionInspector(admin, Clock.systemUTC()).open(List.of(TOPIC));
                assertThat(open).singleElement().satisfies(t -> {
                    assertThat(t.transactionalId()).contains("abandoned");
                    assertThat(t.coordinatorWillEndIt())
                            .as("its coordinator still times it out")
                            .isTrue();
                    assertThat(t.isHanging(Duration.ZERO)).isFalse();
                });
            }
        } finally {
            kafka.close();
        }
        loseTransactionCoordinatorState();

        kafka = EmbeddedKafka.builder().dataDir(dataDir).port(0).build().start();
        try (Admin admin = admin(kafka)) {
            assertThat(unstableOffsets(admin))
                    .as("the open transaction holds the last stable offset back")
                    .isEqualTo(1);
            TransactionInspector inspector = new TransactionInspector(admin, Clock.systemUTC());
            List<OpenTransaction> hanging = inspector.hanging(List.of(TOPIC), Duration.ZERO);
            assertThat(hanging).singleElement().satisfies(t -> {
                assertThat(t.partition()).isEqualTo(PARTITION);
                assertThat(t.startOffset()).isZero();
                assertThat(t.transactionalId())
                        .as("no transactional id owns its producer any more")
                        .isEmpty();
            });
            assertThat(inspector.hanging(List.of(TOPIC), Duration.ofMinutes(15)))
                    .as("younger than any transaction timeout: not hanging yet")
                    .isEmpty();

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = TransactionsCommand.run(
                    new String[] {
                        "find-hanging",
                        "--bootstrap-server",
                        kafka.bootstrapServers(),
                        "--topic",
                        TOPIC,
                        "--older-than",
                        "0s"
                    },
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    System.err);
            assertThat(status).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("orders-0")
                    .contains("start offset 0")
                    .contains("HANGING");

            out.reset();
            status = TransactionsCommand.run(
                    new String[] {
                        "abort",
                        "--bootstrap-server",
                        kafka.bootstrapServers(),
                        "--topic",
                        TOPIC,
                        "--partition",
                        "0",
                        "--start-offset",
                        "0"
                    },
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    System.err);
            assertThat(status).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Aborted: orders-0");
            assertThat(inspector.open(List.of(TOPIC))).isEmpty();
            assertThat(unstableOffsets(admin))
                    .as("read_committed readers move past the aborted transaction")
                    .isZero();
        } finally {
            kafka.close();
        }
    }

    @Test
    void durationsAreReadAsOperatorsWriteThem() {
        assertThat(TransactionsCommand.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TransactionsCommand.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(TransactionsCommand.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(TransactionsCommand.duration("PT5M")).isEqualTo(Duration.ofMinutes(5));
    }

    /** Begins a transaction, writes one record and dies without ending it (no abort on the way out). */
    private static void abandonOpenTransaction(EmbeddedKafka kafka) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "abandoned");
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 900_000);
        KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, 0, "order-1", "placed"));
        producer.flush();
        producer.close(Duration.ZERO); // a kill: the transaction stays open
    }

    /** What a lost or truncated {@code __transaction_state} log does: the coordinator forgets every transaction. */
    private void loseTransactionCoordinatorState() throws IOException {
        try (Stream<Path> dirs = Files.list(dataDir.resolve("kafka-logs"))) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("__transaction_state-"))
                    .toList()) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static long unstableOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = Map.of(PARTITION, OffsetSpec.latest());
        long stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get()
                .get(PARTITION)
                .offset();
        long high = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                .all()
                .get()
                .get(PARTITION)
                .offset();
        return high - stable;
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }
}
