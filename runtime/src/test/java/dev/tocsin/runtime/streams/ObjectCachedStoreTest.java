package dev.tocsin.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class ObjectCachedStoreTest {

    private final CountingStore beneath = new CountingStore();
    private final ObjectCachedStore<String> store = new ObjectCachedStore<>(beneath);

    @Test
    void aHotKeyIsWrittenBeneathOncePerFlushWithItsLatestValue() {
        for (int i = 1; i <= 100; i++) {
            store.put("chat-1", "version " + i);
        }
        assertThat(beneath.writes).isZero();

        store.flushCache();

        assertThat(beneath.writes).isEqualTo(1);
        assertThat(beneath.map).containsEntry("chat-1", "version 100");
    }

    @Test
    void aCommitWritesBeneathToo() {
        store.put("chat-1", "v1");
        store.commit(Map.of());
        assertThat(beneath.map).containsEntry("chat-1", "v1");
    }

    @Test
    void readsSeeWhatWasWrittenBeforeTheFlush() {
        beneath.map.put("a", "old a");
        beneath.map.put("b", "old b");
        store.put("b", "new b");
        store.put("c", "new c");
        store.delete("a");

        assertThat(store.get("a")).isNull();
        assertThat(store.get("b")).isEqualTo("new b");
        assertThat(store.putIfAbsent("c", "ignored")).isEqualTo("new c");
        List<String> all = new ArrayList<>();
        try (KeyValueIterator<String, String> it = store.all()) {
            it.forEachRemaining(kv -> all.add(kv.key + "=" + kv.value));
        }
        assertThat(all).containsExactly("b=new b", "c=new c");
        try (KeyValueIterator<String, String> it = store.range("c", "z")) {
            assertThat(it.next().key).isEqualTo("c");
            assertThat(it.hasNext()).isFalse();
        }

        store.flushCache();
        assertThat(beneath.map).containsOnlyKeys("b", "c");
    }

    @Test
    void aRangeReadsTheStoreBeneathAsItAdvancesWithTheUnflushedWritesLaidOver() {
        for (int i = 0; i < 1000; i++) {
            beneath.map.put(String.format("k%04d", i), "old");
        }
        store.put("k0001", "new");
        store.delete("k0002");
        store.put("k0002a", "inserted");

        List<String> first = new ArrayList<>();
        try (KeyValueIterator<String, String> it = store.range("k0001", null)) {
            for (int i = 0; i < 3; i++) {
                KeyValue<String, String> kv = it.next();
                first.add(kv.key + "=" + kv.value);
            }
        }

        assertThat(first).containsExactly("k0001=new", "k0002a=inserted", "k0003=old");
        assertThat(beneath.reads).as("only the head of the range was read").isLessThan(10);
    }

    @Test
    void aTaskClosedDirtyForgetsWhatItHadNotFlushed() {
        beneath.map.put("chat-1", "committed");
        store.put("chat-1", "uncommitted");

        store.clearCache();

        assertThat(store.get("chat-1")).isEqualTo("committed");
        store.flushCache();
        assertThat(beneath.map).containsEntry("chat-1", "committed");
        assertThat(beneath.writes).isZero();
    }

    /** A sorted map standing in for the cached, changelogged RocksDB store beneath; counts writes. */
    private static final class CountingStore implements KeyValueStore<String, String> {
        final TreeMap<String, String> map = new TreeMap<>();
        int writes;
        int reads;

        @Override
        public void put(String key, String value) {
            writes++;
            map.put(key, value);
        }

        @Override
        public String putIfAbsent(String key, String value) {
            return map.containsKey(key) ? map.get(key) : map.put(key, value);
        }

        @Override
        public void putAll(List<KeyValue<String, String>> entries) {
            entries.forEach(e -> put(e.key, e.value));
        }

        @Override
        public String delete(String key) {
            writes++;
            return map.remove(key);
        }

        @Override
        public String get(String key) {
            return map.get(key);
        }

        @Override
        public KeyValueIterator<String, String> range(String from, String to) {
            Iterator<Map.Entry<String, String>> it = (from == null && to == null
                            ? map
                            : map.subMap(
                                    from == null ? map.firstKey() : from, true, to == null ? map.lastKey() : to, true))
                    .entrySet()
                    .iterator();
            return new KeyValueIterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public KeyValue<String, String> next() {
                    Map.Entry<String, String> e = it.next();
                    reads++;
                    return KeyValue.pair(e.getKey(), e.getValue());
                }

                @Override
                public String peekNextKey() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public KeyValueIterator<String, String> all() {
            return range(null, null);
        }

        @Override
        public long approximateNumEntries() {
            return map.size();
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {}

        @Override
        public void close() {}

        @Override
        public boolean persistent() {
            return true;
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }
}
