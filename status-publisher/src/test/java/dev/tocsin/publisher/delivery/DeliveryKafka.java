package dev.tocsin.publisher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Notification;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The delivery integration tests' topics on the shared embedded broker: create, produce, read, await commits. */
public final class DeliveryKafka {

    static final int PARTITIONS = 2;

    private DeliveryKafka() {}

    static Topics topics() {
        AvroSerdes serdes =
                new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl())));
        Topics topics = Topics.create("it-webhook-" + UUID.randomUUID() + ".", serdes);
        try (Admin admin = admin()) {
            TopicProvisioner.createTopics(admin, topics, PARTITIONS, (short) 1);
        }
        return topics;
    }

    static Properties kafka() {
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", SharedTestStack.bootstrapServers());
        kafka.put("auto.offset.reset", "earliest");
        return kafka;
    }

    static void awaitRecords(String topic, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (readAll(topic).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(topic + " has fewer than " + count + " records");
            }
            Thread.sleep(200);
        }
    }

    static void produce(Topics topics, Notification... notifications) throws Exception {
        try (KafkaProducer<String, Notification> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedTestStack.bootstrapServers(), "acks", "all"),
                topics.notifications().keySerde().serializer(),
                topics.notifications().valueSerde().serializer())) {
            for (Notification notification : notifications) {
                producer.send(new ProducerRecord<>(
                                topics.notifications().name(), notification.getSubscriptionId(), notification))
                        .get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Waits until the group's committed offsets add up to {@code total} records of {@code topic}. */
    static void awaitCommitted(String group, String topic, long total) throws Exception {
        awaitCommitted(group, topic, total, Duration.ofSeconds(60));
    }

    /**
     * Waits up to {@code timeout} until the group's committed offsets add up to {@code total} records of
     * {@code topic} (of {@link #PARTITIONS} partitions); the Zendesk write-back's tests use it too.
     */
    public static void awaitCommitted(String group, String topic, long total, Duration timeout) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> end = admin
                    .listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .entrySet()
                    .stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
            assertThat(end.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
            while (System.nanoTime() < deadline) {
                committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetAndMetadata> now = committed;
                if (partitions.stream()
                        .allMatch(tp -> end.get(tp) == 0
                                || (now.get(tp) != null && now.get(tp).offset() >= end.get(tp)))) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("group " + group + " committed " + committed + ", end offsets " + end);
        }
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", SharedTestStack.bootstrapServers(), "isolation.level", "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()));
    }
}
