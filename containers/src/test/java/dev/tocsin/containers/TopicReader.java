package dev.tocsin.containers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from the start (committed records only, as the services' consumers do). */
final class TopicReader {

    private TopicReader() {}

    /** Raw records of {@code topic} until one satisfies {@code wanted} or {@code timeout} passed; everything read, in order. */
    static List<ConsumerRecord<byte[], byte[]>> readUntil(
            String bootstrap, String topic, Predicate<ConsumerRecord<byte[], byte[]>> wanted, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers", bootstrap,
                        "group.id", "containers-reader-" + UUID.randomUUID(),
                        "auto.offset.reset", "earliest",
                        "isolation.level", "read_committed",
                        "enable.auto.commit", "false"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    read.add(record);
                    if (wanted.test(record)) {
                        return read;
                    }
                }
            }
        }
        return read;
    }
}
