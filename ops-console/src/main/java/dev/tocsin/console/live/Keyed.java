package dev.tocsin.console.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest value per key of a compacted topic (a tombstone removes it), bounded: beyond
 * {@code limit} the key changed longest ago goes first.
 */
public final class Keyed<T> {

    private final int limit;
    private final Map<String, T> byKey;

    public Keyed(int limit) {
        this.limit = limit;
        this.byKey = new LinkedHashMap<>(16, 0.75f, false);
    }

    synchronized void apply(String key, T value) {
        byKey.remove(key);
        if (value != null) {
            byKey.put(key, value);
            if (byKey.size() > limit) {
                byKey.remove(byKey.keySet().iterator().next());
            }
        }
    }

    public synchronized List<T> values() {
        return new ArrayList<>(byKey.values());
    }

    public synchronized Optional<T> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }
}
