package dev.tocsin.publisher.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The dedup stores (key -> epoch millis sent): keys are kept for the history period, then forgotten. */
final class SentKeys {

    private SentKeys() {}

    static void forgetOlderThan(KeyValueStore<String, Long> sent, long horizonMillis) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = sent.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value < horizonMillis) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(sent::delete);
    }
}
