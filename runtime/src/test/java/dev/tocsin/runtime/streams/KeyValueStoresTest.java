package dev.tocsin.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CachingKeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

class KeyValueStoresTest {

    @Test
    void aPersistentStoreIsOnDiskChangeloggedAndCached() {
        StoreBuilder<KeyValueStore<String, Long>> builder = KeyValueStores.persistent("sent", Serdes.Long());

        KeyValueStore<String, Long> store = builder.build();

        assertThat(builder.name()).isEqualTo("sent");
        assertThat(builder.loggingEnabled()).isTrue();
        assertThat(store.persistent()).isTrue();
        assertThat(((WrappedStateStore<?, ?, ?>) store).wrapped()).isInstanceOf(CachingKeyValueStore.class);
    }

    @Test
    void anInMemoryStoreIsChangeloggedAndCachedToo() {
        StoreBuilder<KeyValueStore<String, Long>> builder = KeyValueStores.inMemory("pending", Serdes.Long());

        KeyValueStore<String, Long> store = builder.build();

        assertThat(builder.name()).isEqualTo("pending");
        assertThat(builder.loggingEnabled()).isTrue();
        assertThat(store.persistent()).isFalse();
        assertThat(((WrappedStateStore<?, ?, ?>) store).wrapped()).isInstanceOf(CachingKeyValueStore.class);
    }
}
