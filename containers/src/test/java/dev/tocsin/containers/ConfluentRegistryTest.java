package dev.tocsin.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.schemas.SampleRecords;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.registry.SchemaRegistryException;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.serde.ConfluentWire;
import dev.tocsin.schemas.serde.Subjects;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our registry client and Confluent-wire serde against Confluent's own schema registry
 * ({@code confluentinc/cp-schema-registry}) and a real {@code apache/kafka} broker.
 */
@RequiresImages({ImageNames.KAFKA, ImageNames.SCHEMA_REGISTRY})
class ConfluentRegistryTest {

    private static ConfluentStack stack;
    private static Topics topics;
    private static Map<String, Integer> registered;

    @BeforeAll
    static void registerEverySubject() {
        stack = ConfluentStack.shared();
        String prefix = "registry-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        SchemaRegistryClient provisioner = new SchemaRegistryClient(SchemaRegistryConfig.of(stack.registryUrl()));
        topics = Topics.create(prefix, new AvroSerdes(provisioner));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            TopicProvisioner.createTopics(admin, topics, 1, (short) 1);
        }
        registered = TopicProvisioner.registerSchemas(provisioner, topics);
    }

    /** A client with empty caches that never registers, as a production service runs. */
    private static SchemaRegistryClient productionClient() {
        return new SchemaRegistryClient(
                SchemaRegistryConfig.of(stack.registryUrl()).withAutoRegister(false));
    }

    @Test
    void everySubjectRegisteredWithOurClientReadsBackFromConfluentAsTheSameSchemaUnderTheSameId() {
        SchemaRegistryClient reader = productionClient();
        SchemaRegistryClient againRegistering = new SchemaRegistryClient(SchemaRegistryConfig.of(stack.registryUrl()));
        List<Topic<?, ?>> avroTopics =
                topics.all().stream().filter(t -> t.valueSchema().isPresent()).toList();

        assertThat(registered).hasSize(avroTopics.size());
        assertThat(reader.subjects()).containsAll(registered.keySet());
        for (Topic<?, ?> topic : avroTopics) {
            Schema ours = topic.valueSchema().orElseThrow();
            String subject = Subjects.valueSubject(topic.name());
            int id = registered.get(subject);
            Schema confluents = reader.schemaById(id);

            assertThat(reader.versions(subject)).as(subject).containsExactly(1);
            assertThat(SchemaNormalization.parsingFingerprint64(confluents))
                    .as(subject)
                    .isEqualTo(SchemaNormalization.parsingFingerprint64(ours));
            assertThat(confluents).as(subject).isEqualTo(ours);
            assertThat(reader.lookup(subject, ours)).as("lookup of " + subject).isEqualTo(id);
            assertThat(againRegistering.register(subject, ours))
                    .as("registering " + subject + " again")
                    .isEqualTo(id);
        }
    }

    @Test
    void everyContractWrittenByOurSerializerIsReadBackByOurDeserializerThroughConfluentAndTheBroker() throws Exception {
        Topics writing = Topics.create(prefixOf(topics), new AvroSerdes(productionClient()));
        Topics reading = Topics.create(prefixOf(topics), new AvroSerdes(productionClient()));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Topic<?, ?> topic : writing.all()) {
                if (topic.valueSchema().isPresent()) {
                    producer.send(new ProducerRecord<>(topic.name(), "key".getBytes(), serializeSample(topic)))
                            .get();
                }
            }
        }
        for (Topic<?, ?> topic : reading.all()) {
            if (topic.valueSchema().isEmpty()) {
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> read = TopicReader.readUntil(
                    stack.bootstrapServers(), topic.name(), record -> true, Duration.ofSeconds(30));
            assertThat(read).as(topic.name()).hasSize(1);
            byte[] payload = read.get(0).value();

            assertThat(ConfluentWire.schemaId(topic.name(), payload))
                    .as("schema id in the header of " + topic.name())
                    .isEqualTo(registered.get(Subjects.valueSubject(topic.name())));
            assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), payload))
                    .as(topic.name())
                    .isEqualTo(sampleOf(topic));
        }
    }

    @Test
    void confluentsRefusalsReachOurClientAsFinalFailuresWithConfluentsErrorCodes() {
        SchemaRegistryClient client = productionClient();
        Schema alert = AvroSerdes.schemaOf(MonitoringAlert.class);

        SchemaRegistryException unknownSubject = catchThrowableOfType(
                SchemaRegistryException.class,
                () -> client.lookup("no-such-topic-" + UUID.randomUUID() + "-value", alert));
        SchemaRegistryException unknownId =
                catchThrowableOfType(SchemaRegistryException.class, () -> client.schemaById(Integer.MAX_VALUE));

        assertThat(unknownSubject.httpStatus()).isEqualTo(404);
        assertThat(unknownSubject.errorCode()).isEqualTo(40401);
        assertThat(unknownSubject.isTransient())
                .as("a missing subject is the record's fault, not the registry's")
                .isFalse();
        assertThat(unknownId.httpStatus()).isEqualTo(404);
        assertThat(unknownId.errorCode()).isEqualTo(40403);
        assertThat(unknownId.isTransient()).isFalse();
    }

    private static String prefixOf(Topics catalog) {
        String alerts = catalog.alerts().name();
        return alerts.substring(0, alerts.length() - "alerts".length());
    }

    @SuppressWarnings("unchecked")
    private static <V> byte[] serializeSample(Topic<?, V> topic) {
        return topic.valueSerde().serializer().serialize(topic.name(), (V) sampleOf(topic));
    }

    @SuppressWarnings("unchecked")
    private static SpecificRecord sampleOf(Topic<?, ?> topic) {
        Class<? extends SpecificRecord> type = (Class<? extends SpecificRecord>)
                SpecificData.get().getClass(topic.valueSchema().orElseThrow());
        return SampleRecords.fullyPopulated(type);
    }
}
