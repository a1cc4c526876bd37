package dev.tocsin.runtime.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {

    private static final int MAX_VALUES = 256;

    @Test
    void aTextIsComputedOnceAndThenRemembered() {
        AtomicInteger computed = new AtomicInteger();
        BoundedMemo<String> memo = new BoundedMemo<>(MAX_VALUES, value -> computed.incrementAndGet() + ":" + value);

        assertThat(memo.apply("de, en;q=0.5")).isEqualTo("1:de, en;q=0.5");
        assertThat(memo.apply("de, en;q=0.5")).isEqualTo("1:de, en;q=0.5");
        assertThat(computed).hasValue(1);
    }

    @Test
    void textsBeyondTheBoundAreComputedEveryTimeInsteadOfKept() {
        AtomicInteger computed = new AtomicInteger();
        BoundedMemo<Integer> memo = new BoundedMemo<>(MAX_VALUES, value -> computed.incrementAndGet());
        for (int i = 0; i < MAX_VALUES; i++) {
            memo.apply("value-" + i);
        }

        memo.apply("one-too-many");
        memo.apply("one-too-many");

        assertThat(computed).hasValue(MAX_VALUES + 2);
        assertThat(memo.apply("value-0")).isEqualTo(1);
    }

    @Test
    void aMissingTextIsAnsweredWithoutBeingKept() {
        BoundedMemo<String> memo = new BoundedMemo<>(MAX_VALUES, value -> value == null ? "absent" : value);

        assertThat(memo.apply(null)).isEqualTo("absent");
    }
}
