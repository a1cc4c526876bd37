package dev.tocsin.ingest.kafka;

import dev.tocsin.avro.Silence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The silences as this instance answers them: the global store of {@code tocsin.silences} (every
 * instance's writes, surviving restarts) overlaid with the versions this instance wrote itself
 * recently. The overlay gives read-your-writes: {@code amtool silence add} followed at once by
 * {@code amtool silence query} must list the silence, but the global store sees a committed write
 * only a poll later. An own version is shown until the store holds it or a version updated later
 * (another instance's change), and at most for {@link #OVERLAY_AGE}, by when the store has it
 * whatever the clocks say.
 */
public final class SilenceBook {

    static final Duration OVERLAY_AGE = Duration.ofMinutes(1);
    private static final int OVERLAY_SIZE = 10_000;

    private record Own(Silence silence, long writtenAtNanos) {}

    private final Supplier<ReadOnlyKeyValueStore<String, Silence>> store;
    private final LongSupplier nanoTime;
    private final Map<String, Own> own = new BoundedLinkedMap<>(OVERLAY_SIZE, false);

    /** @param store the global store; throws InvalidStateStoreException while it is not queryable */
    public SilenceBook(Supplier<ReadOnlyKeyValueStore<String, Silence>> store, LongSupplier nanoTime) {
        this.store = store;
        this.nanoTime = nanoTime;
    }

    /** Remembers versions once Kafka committed them. */
    public synchronized void written(List<Silence> versions) {
        long now = nanoTime.getAsLong();
        for (Silence version : versions) {
            own.remove(version.getSilenceId()); // re-insert: the map keeps write order for eviction
            own.put(version.getSilenceId(), new Own(version, now));
        }
    }

    /** Drops own versions of silences that were tombstoned (RetentionSweeper), so they are not shown again. */
    public synchronized void forget(java.util.Collection<String> silenceIds) {
        silenceIds.forEach(own::remove);
    }

    public Optional<Silence> find(String silenceId) {
        Silence stored = store.get().get(silenceId);
        synchronized (this) {
            return Optional.ofNullable(newest(silenceId, stored));
        }
    }

    /** Every silence, expired ones included. */
    public List<Silence> all() {
        Map<String, Silence> byId = new HashMap<>();
        try (KeyValueIterator<String, Silence> stored = store.get().all()) {
            while (stored.hasNext()) {
                KeyValue<String, Silence> next = stored.next();
                if (next.value != null) {
                    byId.put(next.key, next.value);
                }
            }
        }
        synchronized (this) {
            for (String id : new ArrayList<>(own.keySet())) {
                Silence newest = newest(id, byId.get(id));
                if (newest != null) {
                    byId.put(id, newest);
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** The own version while the store lags behind it, else the stored one (forgetting the own one). */
    private Silence newest(String silenceId, Silence stored) {
        Own mine = own.get(silenceId);
        if (mine == null) {
            return stored;
        }
        boolean storeCaughtUp = stored != null
                && (stored.equals(mine.silence())
                        || stored.getUpdatedAt().isAfter(mine.silence().getUpdatedAt()));
        boolean old = nanoTime.getAsLong() - mine.writtenAtNanos() > OVERLAY_AGE.toNanos();
        if (storeCaughtUp || old) {
            own.remove(silenceId);
            return stored;
        }
        return mine.silence();
    }
}
