package dev.tocsin.runtime.streams;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
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
        return new Builder<>(KeyValueStores.persistent(name, valueSerde));
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

    /**
     * Lazy: the store beneath is read as the iterator advances, merged with what was written since
     * the last flush (a sorted copy taken now: only the keys changed since the last commit), so a
     * range over a large store costs memory for neither its values nor its keys.
     */
    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        TreeMap<String, Optional<V>> changed = new TreeMap<>(CODE_POINT_ORDER);
        written.forEach((key, value) -> {
            if ((from == null || CODE_POINT_ORDER.compare(key, from) >= 0)
                    && (to == null || CODE_POINT_ORDER.compare(key, to) <= 0)) {
                changed.put(key, value);
            }
        });
        return new MergedIterator<>(wrapped().range(from, to), changed);
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

    /**
     * The order of the store beneath: String keys serialized as UTF-8 compare bytewise, which is
     * code point order (String.compareTo differs for characters beyond the BMP).
     */
    private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    /** The entries beneath, with the unflushed writes laid over them (an empty optional hides a key). */
    private static final class MergedIterator<V> implements KeyValueIterator<String, V> {
        private final KeyValueIterator<String, V> beneath;
        private final Iterator<Map.Entry<String, Optional<V>>> changed;
        private KeyValue<String, V> nextBeneath;
        private Map.Entry<String, Optional<V>> nextChanged;
        private KeyValue<String, V> next;

        MergedIterator(KeyValueIterator<String, V> beneath, TreeMap<String, Optional<V>> changed) {
            this.beneath = beneath;
            this.changed = changed.entrySet().iterator();
            this.nextBeneath = beneath.hasNext() ? beneath.next() : null;
            this.nextChanged = this.changed.hasNext() ? this.changed.next() : null;
        }

        @Override
        public boolean hasNext() {
            while (next == null && (nextBeneath != null || nextChanged != null)) {
                int order = nextBeneath == null
                        ? 1
                        : nextChanged == null ? -1 : CODE_POINT_ORDER.compare(nextBeneath.key, nextChanged.getKey());
                if (order < 0) {
                    next = nextBeneath;
                    nextBeneath = beneath.hasNext() ? beneath.next() : null;
                    continue;
                }
                if (order == 0) { // overwritten or deleted since the flush
                    nextBeneath = beneath.hasNext() ? beneath.next() : null;
                }
                Map.Entry<String, Optional<V>> written = nextChanged;
                nextChanged = changed.hasNext() ? changed.next() : null;
                written.getValue().ifPresent(value -> next = KeyValue.pair(written.getKey(), value));
            }
            return next != null;
        }

        @Override
        public KeyValue<String, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KeyValue<String, V> result = next;
            next = null;
            return result;
        }

        @Override
        public String peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return next.key;
        }

        @Override
        public void close() {
            beneath.close();
        }
    }

    private record Builder<V>(StoreBuilder<KeyValueStore<String, V>> beneath)
            implements StoreBuilder<KeyValueStore<String, V>> {

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
