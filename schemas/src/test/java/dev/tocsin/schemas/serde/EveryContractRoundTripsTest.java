package dev.tocsin.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.embedded.kafka.SharedKafka;
import dev.tocsin.schemas.SampleRecords;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every contract, fully populated, survives our serializer, a real broker and our deserializer. */
class EveryContractRoundTripsTest {

    private static final String PREFIX =
            "roundtrip-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static Topics topics;

    @BeforeAll
    static void createTopics() throws Exception {
        topics = Topics.create(
                PREFIX,
                new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl()))));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(topics.all().stream()
                            .map(t -> new NewTopic(t.name(), 1, (short) 1))
                            .toList())
                    .all()
                    .get();
        }
    }

    static Stream<String> avroTopics() {
        return Stream.of(
                "alerts",
                "customer-reports",
                "incident-commands",
                "maintenance-windows",
                "subscriptions",
                "silences",
                "incidents",
                "incident-events",
                "ticket-updates",
                "status-events",
                "component-daily",
                "notifications",
                "notifications-withheld");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("avroTopics")
    void fullyPopulatedRecordRoundTripsThroughRegistryAndBroker(String shortName) {
        Topic<?, ?> topic = topics.all().stream()
                .filter(t -> t.name().equals(PREFIX + shortName))
                .findFirst()
                .orElseThrow();
        assertRoundTrip(topic);
    }

    @SuppressWarnings("unchecked")
    private static <V> void assertRoundTrip(Topic<?, V> topic) {
        Class<? extends SpecificRecord> type = (Class<? extends SpecificRecord>)
                SpecificData.get().getClass(topic.valueSchema().orElseThrow());
        V sample = (V) SampleRecords.fullyPopulated(type);
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), sample);

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedKafka.bootstrapServers(), "acks", "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), "key".getBytes(), bytes))
                    .get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        byte[] consumed = readOne(topic.name());
        V decoded = topic.valueSerde().deserializer().deserialize(topic.name(), consumed);

        assertThat(consumed[0]).as("Confluent magic byte").isEqualTo((byte) 0);
        assertThat(decoded).isEqualTo(sample);
    }

    private static byte[] readOne(String topic) {
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(Set.of(tp));
            consumer.seekToBeginning(Set.of(tp));
            long deadline = System.currentTimeMillis() + 15_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        assertThat(values).as("record on " + topic).hasSize(1);
        return values.get(0);
    }
}
