package dev.tocsin.embedded.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's changes kept in a compacted, single-partition Kafka topic ({@code _schemas} by
 * default). One partition keeps every change in one order; compaction keeps the latest record per
 * key, which is all a replay needs.
 */
final class KafkaRegistryLog implements RegistryLog {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRegistryLog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String topic;
    private final TopicPartition partition;
    private final RegistryLogCodec codec = new RegistryLogCodec();
    private final KafkaProducer<String, String> producer;

    private KafkaRegistryLog(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.producer = new KafkaProducer<>(producerProperties());
    }

    /** Creates the topic when it is missing and connects the producer. */
    static KafkaRegistryLog open(String bootstrapServers, String topic) {
        ensureTopic(bootstrapServers, topic);
        return new KafkaRegistryLog(bootstrapServers, topic);
    }

    private static void ensureTopic(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "tocsin-schema-registry-admin");
        try (Admin admin = Admin.create(config)) {
            NewTopic newTopic = new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Created schemas topic {}", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create schemas topic " + topic, e.getCause());
                }
            }
            // More partitions would lose the single order that replay relies on.
            TopicDescription description = describeOnceKnown(admin, topic);
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("Schemas topic " + topic + " must have exactly 1 partition, has "
                        + description.partitions().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing schemas topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot prepare schemas topic " + topic + " on " + bootstrapServers, e);
        }
    }

    /** A topic just created may not be in every broker's metadata yet: retry until it is, within the timeout. */
    private static TopicDescription describeOnceKnown(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void replay(Consumer<RegistryEvent> sink) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            // The end offset taken now is "everything acknowledged before we started".
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            int records = 0;
            while (consumer.position(partition, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out reading schemas topic " + topic + " to offset " + end);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    records++;
                    try {
                        codec.decode(record.key(), record.value()).ifPresent(sink);
                    } catch (IllegalArgumentException e) {
                        // One unreadable record should not make every schema unavailable.
                        LOG.warn(
                                "Skipping unreadable record at offset {} of {}: {}",
                                record.offset(),
                                topic,
                                e.getMessage());
                    }
                }
            }
            LOG.info("Read {} records from schemas topic {} (end offset {})", records, topic, end);
        }
    }

    @Override
    public void append(RegistryEvent event) {
        RegistryLogCodec.KeyValue kv = codec.encode(event);
        try {
            producer.send(new ProducerRecord<>(topic, 0, kv.key(), kv.value()))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("interrupted while writing to " + topic, e);
        } catch (ExecutionException e) {
            throw RegistryException.storeError("cannot write to " + topic + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw RegistryException.storeTimeout("writing to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "tocsin-schema-registry-" + topic);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Requests wait for the write, so fail within the HTTP client's patience, not after 2 minutes.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tocsin-schema-registry-reader-" + topic);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }
}
