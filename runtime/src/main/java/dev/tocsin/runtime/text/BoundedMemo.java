package dev.tocsin.runtime.text;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A pure function of a text, remembered per text: for texts that repeat far more often than they
 * vary (request headers, alert names in a storm). Bounded: once it holds {@code maxValues} texts,
 * further texts are computed every time and not kept, so a sender of fresh texts cannot grow the
 * heap. A null text is not remembered.
 */
public final class BoundedMemo<T> implements Function<String, T> {

    private final int maxValues;
    private final Function<String, T> compute;
    private final Map<String, T> known = new ConcurrentHashMap<>();

    public BoundedMemo(int maxValues, Function<String, T> compute) {
        this.maxValues = maxValues;
        this.compute = compute;
    }

    @Override
    public T apply(String text) {
        if (text == null) {
            return compute.apply(null);
        }
        T value = known.get(text);
        if (value != null) {
            return value;
        }
        value = compute.apply(text);
        if (known.size() < maxValues) {
            known.putIfAbsent(text, value);
        }
        return value;
    }
}
