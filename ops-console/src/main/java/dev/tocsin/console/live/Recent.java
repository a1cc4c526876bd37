package dev.tocsin.console.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The newest records of one kind, newest first, at most {@code limit}. */
public final class Recent<T> {

    private final int limit;
    private final Deque<T> items = new ArrayDeque<>();

    public Recent(int limit) {
        this.limit = limit;
    }

    synchronized void add(T item) {
        items.addFirst(item);
        while (items.size() > limit) {
            items.removeLast();
        }
    }

    public synchronized List<T> newestFirst() {
        return new ArrayList<>(items);
    }
}
