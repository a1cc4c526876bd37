package dev.tocsin.publisher.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class HeaderValueCacheTest {

    @Test
    void aHeaderValueIsComputedOnceAndThenRemembered() {
        AtomicInteger computed = new AtomicInteger();
        HeaderValueCache<String> cache = new HeaderValueCache<>(value -> computed.incrementAndGet() + ":" + value);

        assertThat(cache.apply("de, en;q=0.5")).isEqualTo("1:de, en;q=0.5");
        assertThat(cache.apply("de, en;q=0.5")).isEqualTo("1:de, en;q=0.5");
        assertThat(computed).hasValue(1);
    }

    @Test
    void valuesBeyondTheBoundAreComputedEveryTimeInsteadOfKept() {
        AtomicInteger computed = new AtomicInteger();
        HeaderValueCache<Integer> cache = new HeaderValueCache<>(value -> computed.incrementAndGet());
        for (int i = 0; i < HeaderValueCache.MAX_VALUES; i++) {
            cache.apply("value-" + i);
        }

        cache.apply("one-too-many");
        cache.apply("one-too-many");

        assertThat(computed).hasValue(HeaderValueCache.MAX_VALUES + 2);
        assertThat(cache.apply("value-0")).isEqualTo(1);
    }

    @Test
    void aMissingHeaderIsAnsweredWithoutBeingKept() {
        HeaderValueCache<String> cache = new HeaderValueCache<>(value -> value == null ? "absent" : value);

        assertThat(cache.apply(null)).isEqualTo("absent");
    }
}
