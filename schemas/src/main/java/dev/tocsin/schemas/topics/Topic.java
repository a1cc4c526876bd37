package dev.tocsin.schemas.topics;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic: its full name and the serdes of its keys and values, so code reads and writes it with
 * its own serdes (topologies through {@code dev.tocsin.runtime.streams.TopicStreams}) and can never
 * pair a topic with the wrong serde.
 *
 * @param name        full topic name, prefix included
 * @param keySerde    serde of keys
 * @param valueSerde  serde of values
 * @param valueSchema Avro schema of values, registered under {@code <name>-value}; empty for topics
 *                    whose values are not Avro (raw ingest JSON, dead letters)
 * @param compacted   whether the topic keeps the latest value per key (cleanup.policy=compact)
 * @param retention   how long the topic keeps records (retention.ms) when it must differ from the
 *                    cluster default; empty for the default
 */
public record Topic<K, V>(
        String name,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        Optional<Schema> valueSchema,
        boolean compacted,
        Optional<Duration> retention) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(valueSchema, "valueSchema");
        Objects.requireNonNull(retention, "retention");
    }

    /** A topic on the cluster's default retention. */
    public Topic(String name, Serde<K> keySerde, Serde<V> valueSerde, Optional<Schema> valueSchema, boolean compacted) {
        this(name, keySerde, valueSerde, valueSchema, compacted, Optional.empty());
    }

    @Override
    public String toString() {
        return name;
    }
}
