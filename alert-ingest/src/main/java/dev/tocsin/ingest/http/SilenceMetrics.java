package dev.tocsin.ingest.http;

import dev.tocsin.avro.Silence;
import dev.tocsin.schemas.rules.SilenceRules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Silences on /metrics: how many there are by state ({@code tocsin_ingest_silences{state}}, counted
 * from the store at scrape time, NaN while it is restored) and how many this instance created,
 * updated and expired ({@code tocsin_ingest_silence_changes_total{change}}).
 */
public final class SilenceMetrics {

    private final MeterRegistry registry;

    public SilenceMetrics(MeterRegistry registry, Supplier<List<Silence>> silences, Clock clock) {
        this.registry = registry;
        for (SilenceRules.State state : SilenceRules.State.values()) {
            Gauge.builder("tocsin.ingest.silences", () -> count(silences, state, clock))
                    .description("Silences by state (pending, active, expired)")
                    .tag("state", state.apiName())
                    .register(registry);
        }
    }

    public void created() {
        change("created");
    }

    public void updated() {
        change("updated");
    }

    public void expired() {
        change("expired");
    }

    private void change(String change) {
        Counter.builder("tocsin.ingest.silence.changes")
                .description("Silences created, updated in place or expired")
                .tag("change", change)
                .register(registry)
                .increment();
    }

    private static double count(Supplier<List<Silence>> silences, SilenceRules.State state, Clock clock) {
        try {
            return silences.get().stream()
                    .filter(s -> SilenceRules.state(s, clock.instant()) == state)
                    .count();
        } catch (InvalidStateStoreException notQueryableYet) {
            return Double.NaN;
        }
    }
}
