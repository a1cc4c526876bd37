package dev.tocsin.publisher.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A pure function of one request header's value, remembered per value. Bounded: once it holds
 * {@link #MAX_VALUES} values, further values are computed every time and not kept, so a client
 * sending a fresh value per request cannot grow the heap. A missing header (null) is not cached.
 */
final class HeaderValueCache<T> implements Function<String, T> {

    static final int MAX_VALUES = 256;

    private final Function<String, T> compute;
    private final Map<String, T> known = new ConcurrentHashMap<>();

    HeaderValueCache(Function<String, T> compute) {
        this.compute = compute;
    }

    @Override
    public T apply(String headerValue) {
        if (headerValue == null) {
            return compute.apply(null);
        }
        T value = known.get(headerValue);
        if (value != null) {
            return value;
        }
        value = compute.apply(headerValue);
        if (known.size() < MAX_VALUES) {
            known.putIfAbsent(headerValue, value);
        }
        return value;
    }
}
