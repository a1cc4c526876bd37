package dev.tocsin.ingest.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A linked map that drops its eldest entry beyond a capacity: what an instance remembers of its own
 * recent writes while the shared global table catches up (not thread-safe; callers synchronize).
 */
final class BoundedLinkedMap<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;

    private final int capacity;

    /** @param accessOrder true: the least recently read or written goes first; false: the least recently inserted */
    BoundedLinkedMap(int capacity, boolean accessOrder) {
        super(Math.min(capacity, 256), 0.75f, accessOrder);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
