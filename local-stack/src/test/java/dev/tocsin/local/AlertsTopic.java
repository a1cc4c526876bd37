package dev.tocsin.local;

import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** {@code tocsin.alerts} as a read_committed reader sees it, and how far each partition's last stable offset lags. */
final class AlertsTopic {

    private final String bootstrapServers;
    private final Topic<String, MonitoringAlert> alerts;

    AlertsTopic(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.alerts = Topics.create(
                        Topics.DEFAULT_PREFIX,
                        new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(registryUrl))))
                .alerts();
    }

    /** Summaries of every alert a read_committed reader sees, from the beginning to the last stable offset. */
    Set<String> committedSummaries() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Set<String> summaries = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(alerts.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // read_committed: the last stable offsets
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    summaries.add(alerts.valueSerde()
                            .deserializer()
                            .deserialize(record.topic(), record.value())
                            .getSummary());
                }
            }
        }
        return summaries;
    }

    /** Per partition, how many offsets read_committed readers cannot see yet (high watermark minus last stable offset). */
    Map<Integer, Long> unstableOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Set<TopicPartition> partitions = admin
                    .describeTopics(Set.of(alerts.name()))
                    .allTopicNames()
                    .get()
                    .get(alerts.name())
                    .partitions()
                    .stream()
                    .map(p -> new TopicPartition(alerts.name(), p.partition()))
                    .collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> latest =
                    partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get();
            var high = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .all()
                    .get();
            Map<Integer, Long> lag = new HashMap<>();
            partitions.forEach(p ->
                    lag.put(p.partition(), high.get(p).offset() - stable.get(p).offset()));
            return lag;
        }
    }
}
