package dev.tocsin.correlator.topology;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * {@code tocsin_correlator_store_entries{store}}: the approximate number of entries of this
 * instance's stores (RocksDB's estimate, summed over local tasks; read when scraped), so growth
 * and the pruner's effect are visible. NaN while a store is being restored or rebalanced.
 */
public final class StoreSizes {

    private StoreSizes() {}

    public static void register(MeterRegistry registry, KafkaStreams streams, List<String> stores) {
        for (String store : stores) {
            Gauge.builder("tocsin_correlator_store_entries", () -> entries(streams, store))
                    .description("Approximate entries of a correlator state store on this instance")
                    .tag("store", store)
                    .register(registry);
        }
    }

    private static double entries(KafkaStreams streams, String store) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()))
                    .approximateNumEntries();
        } catch (InvalidStateStoreException e) {
            return Double.NaN;
        }
    }
}
