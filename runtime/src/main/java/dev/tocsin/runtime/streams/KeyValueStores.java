package dev.tocsin.runtime.streams;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The key-value stores of the services' processors: keyed by a string (a product or an id),
 * changelogged, and cached, so the many puts of a hot key (an incident during a storm) become one
 * changelog write per commit.
 */
public final class KeyValueStores {

    private KeyValueStores() {}

    /** A RocksDB store named {@code name}. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> persistent(String name, Serde<V> valueSerde) {
        return cached(Stores.persistentKeyValueStore(name), valueSerde);
    }

    /** An in-memory store named {@code name}, restored from its changelog. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> inMemory(String name, Serde<V> valueSerde) {
        return cached(Stores.inMemoryKeyValueStore(name), valueSerde);
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> cached(
            KeyValueBytesStoreSupplier supplier, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), valueSerde)
                .withCachingEnabled();
    }
}
