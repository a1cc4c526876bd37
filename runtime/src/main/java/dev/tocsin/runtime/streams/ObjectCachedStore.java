package dev.tocsin.runtime.streams;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store that keeps the values written since the last commit as objects and hands them
 * to the (cached, changelogged, RocksDB) store beneath only when Kafka Streams flushes its caches
 * before committing. Kafka Streams' own record cache holds <em>serialized</em> values, so every
 * put of a hot key serializes it: in an alert storm the correlator spent half its time writing the
 * same ~10 KB incident in Avro once per alert. Here a hot key is serialized once per commit.
 *
 * <p>Exactly-once is unchanged: what a commit covers was written beneath before the commit (the
 * flush runs first), and a task that is closed dirty drops its unflushed objects with the record
 * cache ({@link #clearCache}). Callers must not mutate a value after putting it or after getting
 * it (the correlator's rules work on copies). Reads from other threads (interactive queries) see
 * the latest objects, like reads through the record cache.
 */
public final class ObjectCachedStore<V> extends WrappedStateStore<KeyValueStore<String, V>, String, V>
        implements KeyValueStore<String, V> {

    /** Written since the last flush; an empty optional is a delete. */
    private final ConcurrentHashMap<String, Optional<V>> written = new ConcurrentHashMap<>();

    ObjectCachedStore(KeyValueStore<String, V> beneath) {
        super(beneath);
    }

    /** A persistent, cached, changelogged store of {@code name} with this object layer on top. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> builder(String name, Serde<V> valueSerde) {
        return new Builder<>(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
                .withCachingEnabled());
    }

    @Override
    public V get(String key) {
        Optional<V> value = written.get(key);
        return value != null ? value.orElse(null) : wrapped().get(key);
    }

    @Override
    public void put(String key, V value) {
        written.put(key, Optional.ofNullable(value));
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(String key) {
        V current = get(key);
        written.put(key, Optional.empty());
        return current;
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        TreeMap<String, V> merged = new TreeMap<>();
        try (KeyValueIterator<String, V> beneath = wrapped().range(from, to)) {
            beneath.forEachRemaining(entry -> merged.put(entry.key, entry.value));
        }
        written.forEach((key, value) -> {
            if ((from == null || key.compareTo(from) >= 0) && (to == null || key.compareTo(to) <= 0)) {
                value.ifPresentOrElse(v -> merged.put(key, v), () -> merged.remove(key));
            }
        });
        return iterator(merged);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return range(null, null);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries() + written.size();
    }

    /** Kafka Streams flushes caches before every commit: the objects go beneath first, then on to the changelog. */
    @Override
    public void flushCache() {
        writeBeneath();
        super.flushCache();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        writeBeneath();
        super.commit(changelogOffsets);
    }

    /** A task closed dirty (or revived after a failed transaction) forgets what it had not committed. */
    @Override
    public void clearCache() {
        written.clear();
        super.clearCache();
    }

    @Override
    public void close() {
        written.clear();
        super.close();
    }

    private void writeBeneath() {
        for (Iterator<Map.Entry<String, Optional<V>>> it = written.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Optional<V>> entry = it.next();
            if (entry.getValue().isPresent()) {
                wrapped().put(entry.getKey(), entry.getValue().get());
            } else {
                wrapped().delete(entry.getKey());
            }
            it.remove();
        }
    }

    private static <V> KeyValueIterator<String, V> iterator(TreeMap<String, V> entries) {
        List<KeyValue<String, V>> list = new ArrayList<>(entries.size());
        entries.forEach((key, value) -> list.add(KeyValue.pair(key, value)));
        return new KeyValueIterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                return index < list.size();
            }

            @Override
            public KeyValue<String, V> next() {
                return list.get(index++);
            }

            @Override
            public String peekNextKey() {
                return list.get(index).key;
            }

            @Override
            public void close() {
            }
        };
    }

    private record Builder<V>(StoreBuilder<KeyValueStore<String, V>> beneath) implements StoreBuilder<KeyValueStore<String, V>> {

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
            beneath.withCachingEnabled();
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
            beneath.withCachingDisabled();
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
            beneath.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
            beneath.withLoggingDisabled();
            return this;
        }

        @Override
        public KeyValueStore<String, V> build() {
            return new ObjectCachedStore<>(beneath.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return beneath.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return beneath.loggingEnabled();
        }

        @Override
        public String name() {
            return beneath.name();
        }
    }
}
