package dev.tocsin.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.DeadLetter;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Signal;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.ServiceConfig;
import dev.tocsin.runtime.errors.DeadLetters;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison pills never stop a service and are never lost: a record that is not Avro and a record
 * whose processing throws both land on the dead-letter topic with their original bytes, source
 * coordinates and error, are counted, and the good record after them is processed.
 */
class DeadLetterHandlingTest {

    @TempDir
    Path stateDir;

    @Test
    void undecodableAndFailingRecordsGoToDeadLettersWithOriginalBytesAndProcessingGoesOn() throws Exception {
        String prefix = "dlq-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        AvroSerdes serdes =
                new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl())));
        Topics topics = Topics.create(prefix, serdes);
        String output = prefix + "out";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(topics.alerts().name(), 1, (short) 1),
                            new NewTopic(topics.deadLetters().name(), 1, (short) 1),
                            new NewTopic(output, 1, (short) 1)))
                    .all()
                    .get();
        }
        ServiceConfig config = ServiceConfig.from(
                new Environment(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        SharedTestStack.bootstrapServers(),
                        "TOCSIN_STATE_DIR",
                        stateDir.toString(),
                        "TOCSIN_APPLICATION_ID",
                        prefix + "app",
                        "KAFKA_COMMIT_INTERVAL_MS",
                        "100")),
                "dlq-test",
                0);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.alerts().name(), TopicStreams.consumed(topics.alerts(), "read-alerts"))
                .mapValues(
                        alert -> {
                            if (alert.getSummary().contains("poison")) {
                                throw new IllegalStateException("cannot process " + alert.getAlertId());
                            }
                            return alert.getSummary();
                        },
                        Named.as("summarize"))
                .to(
                        output,
                        Produced.with(
                                        org.apache.kafka.common.serialization.Serdes.String(),
                                        org.apache.kafka.common.serialization.Serdes.String())
                                .withName("write-summaries"));
        Topology topology = builder.build();

        byte[] notAvro = "{\"status\":\"firing\"}".getBytes(StandardCharsets.UTF_8);
        byte[] poison = topics.alerts()
                .valueSerde()
                .serializer()
                .serialize(topics.alerts().name(), alert("a-poison", "poison pill"));
        byte[] good = topics.alerts()
                .valueSerde()
                .serializer()
                .serialize(topics.alerts().name(), alert("a-good", "latency high"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.alerts().name(), "chat".getBytes(), notAvro))
                    .get();
            producer.send(new ProducerRecord<>(topics.alerts().name(), "chat".getBytes(), poison))
                    .get();
            producer.send(new ProducerRecord<>(topics.alerts().name(), "chat".getBytes(), good))
                    .get();
        }

        try (ServiceMetrics metrics = new ServiceMetrics("dlq-test");
                StreamsRunner runner = new StreamsRunner(
                        topology,
                        StreamsRunner.properties(config, topics.deadLetters().name(), metrics),
                        metrics,
                        Duration.ofSeconds(10),
                        () -> {})) {
            runner.start();

            List<ConsumerRecord<byte[], byte[]>> outputs = readCommitted(output, 1);
            assertThat(new String(outputs.get(0).value(), StandardCharsets.UTF_8))
                    .isEqualTo("latency high");

            List<ConsumerRecord<byte[], byte[]>> deadLetters =
                    readCommitted(topics.deadLetters().name(), 2);
            DeadLetter undecodable = DeadLetters.decode(deadLetters.get(0));
            assertThat(undecodable.getValue().array()).isEqualTo(notAvro);
            assertThat(undecodable.getErrorClass()).endsWith("SerializationException");
            assertThat(undecodable.getErrorMessage()).contains("magic byte");
            assertThat(undecodable.getSourceTopic()).isEqualTo(topics.alerts().name());
            assertThat(undecodable.getSourceOffset()).isEqualTo(0L);
            assertThat(undecodable.getService()).isEqualTo("dlq-test");

            DeadLetter failed = DeadLetters.decode(deadLetters.get(1));
            assertThat(failed.getValue().array()).isEqualTo(poison);
            assertThat(failed.getErrorMessage()).contains("cannot process a-poison");
            assertThat(failed.getSourceOffset()).isEqualTo(1L);
            assertThat(new String(failed.getKey().array(), StandardCharsets.UTF_8))
                    .isEqualTo("chat");

            assertThat(runner.check().ready()).isTrue();
            assertThat(metrics.scrape())
                    .contains("tocsin_dead_letters_total{service=\"dlq-test\",stage=\"deserialization\"")
                    .contains("stage=\"processing\"");
        }
    }

    private static MonitoringAlert alert(String id, String summary) {
        return MonitoringAlert.newBuilder()
                .setAlertId(id)
                .setFingerprint("fp-" + id)
                .setSource(AlertSource.GENERIC)
                .setSourceName("test")
                .setStatus(AlertStatus.FIRING)
                .setProduct("chat")
                .setSignal(Signal.LATENCY)
                .setSummary(summary)
                .setStartsAt(Instant.parse("2026-11-21T10:00:00Z"))
                .setReceivedAt(Instant.parse("2026-11-21T10:00:01Z"))
                .build();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        SharedTestStack.bootstrapServers(),
                        "isolation.level",
                        "read_committed",
                        "group.id",
                        "reader-" + UUID.randomUUID(),
                        "auto.offset.reset",
                        "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            while (records.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).as("records on " + topic).hasSize(expected);
        return records;
    }
}
