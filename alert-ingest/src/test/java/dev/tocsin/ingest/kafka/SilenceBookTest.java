package dev.tocsin.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Silence;
import dev.tocsin.avro.SilenceMatcher;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

class SilenceBookTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final Map<String, Silence> stored = new TreeMap<>();
    private final AtomicLong nanos = new AtomicLong();
    private final SilenceBook book = new SilenceBook(() -> new MapStore(stored), nanos::get);

    private static Silence version(String id, Instant updatedAt, String comment) {
        return Silence.newBuilder()
                .setSilenceId(id)
                .setMatchers(List.of(
                        SilenceMatcher.newBuilder().setName("a").setValue("1").build()))
                .setStartsAt(T0)
                .setEndsAt(T0.plusSeconds(3600))
                .setCreatedBy("me")
                .setComment(comment)
                .setUpdatedAt(updatedAt)
                .build();
    }

    @Test
    void anOwnWriteIsReadBeforeTheStoreHasIt() {
        Silence mine = version("s1", T0, "mine");
        book.written(List.of(mine));

        assertThat(book.find("s1")).contains(mine);
        assertThat(book.all()).containsExactly(mine);
    }

    @Test
    void anOwnUpdateHidesTheOlderStoredVersionUntilTheStoreCatchesUp() {
        stored.put("s1", version("s1", T0, "old"));
        Silence mine = version("s1", T0.plusSeconds(1), "mine");
        book.written(List.of(mine));

        assertThat(book.find("s1")).contains(mine);

        stored.put("s1", mine);
        assertThat(book.find("s1")).contains(mine);
    }

    @Test
    void aLaterVersionFromAnotherInstanceWinsOverTheOwnOne() {
        book.written(List.of(version("s1", T0, "mine")));
        Silence theirs = version("s1", T0.plusSeconds(5), "theirs");
        stored.put("s1", theirs);

        assertThat(book.find("s1")).contains(theirs);
        assertThat(book.all()).containsExactly(theirs);
    }

    @Test
    void anOwnVersionIsForgottenAfterAMinuteWhateverTheClocksSay() {
        stored.put("s1", version("s1", T0.plusSeconds(60), "stored, stamped by a clock ahead"));
        book.written(List.of(version("s1", T0.plusSeconds(120), "mine")));
        Silence storedLater = version("s1", T0.plusSeconds(90), "another instance, clock behind");
        stored.put("s1", storedLater);

        nanos.addAndGet(SilenceBook.OVERLAY_AGE.toNanos() + 1);

        assertThat(book.find("s1")).contains(storedLater);
    }

    /** A map as a read-only key-value store. */
    private record MapStore(Map<String, Silence> map) implements ReadOnlyKeyValueStore<String, Silence> {

        @Override
        public Silence get(String key) {
            return map.get(key);
        }

        @Override
        public KeyValueIterator<String, Silence> range(String from, String to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public KeyValueIterator<String, Silence> all() {
            Iterator<Map.Entry<String, Silence>> entries =
                    List.copyOf(map.entrySet()).iterator();
            return new KeyValueIterator<>() {
                @Override
                public void close() {}

                @Override
                public String peekNextKey() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public boolean hasNext() {
                    return entries.hasNext();
                }

                @Override
                public KeyValue<String, Silence> next() {
                    Map.Entry<String, Silence> next = entries.next();
                    return KeyValue.pair(next.getKey(), next.getValue());
                }
            };
        }

        @Override
        public long approximateNumEntries() {
            return map.size();
        }
    }
}
