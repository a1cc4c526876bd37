package dev.tocsin.runtime.streams;

import dev.tocsin.schemas.topics.Topic;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * How a topology reads, writes, repartitions and materializes a {@link Topic}: always with the
 * topic's own serdes, so a topology can never pair a topic with the wrong serde, and always named,
 * so processor and store names stay stable across releases.
 *
 * <p>Here rather than on {@code Topic} itself: the schemas module is the contract every client
 * shares and depends on kafka-clients only; these types are Kafka Streams'.
 */
public final class TopicStreams {

    private TopicStreams() {}

    /** Reading the topic, by the source node {@code sourceName}. */
    public static <K, V> Consumed<K, V> consumed(Topic<K, V> topic, String sourceName) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(sourceName);
    }

    /** Writing the topic, by the sink node {@code sinkName}. */
    public static <K, V> Produced<K, V> produced(Topic<K, V> topic, String sinkName) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(sinkName);
    }

    /** Repartitioning records of the topic's types through the repartition topic {@code name}. */
    public static <K, V> Repartitioned<K, V> repartitioned(Topic<K, V> topic, String name) {
        return Repartitioned.<K, V>as(name).withKeySerde(topic.keySerde()).withValueSerde(topic.valueSerde());
    }

    /** The topic as a table in the persistent store {@code storeName}. */
    public static <K, V> Materialized<K, V, KeyValueStore<Bytes, byte[]>> materializedAs(
            Topic<K, V> topic, String storeName) {
        return Materialized.<K, V, KeyValueStore<Bytes, byte[]>>as(storeName)
                .withKeySerde(topic.keySerde())
                .withValueSerde(topic.valueSerde());
    }

    /** The topic as a table in the store {@code store} supplies (e.g. an in-memory one). */
    public static <K, V> Materialized<K, V, KeyValueStore<Bytes, byte[]>> materializedAs(
            Topic<K, V> topic, KeyValueBytesStoreSupplier store) {
        return Materialized.<K, V>as(store).withKeySerde(topic.keySerde()).withValueSerde(topic.valueSerde());
    }
}
