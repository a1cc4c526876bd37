package dev.tocsin.ingest.domain;

import dev.tocsin.avro.MonitoringAlert;
import java.util.Optional;

/**
 * The last alert seen with a given fingerprint, for sources whose follow-up events name only the
 * fingerprint: a PagerDuty acknowledge or resolve carries a {@code dedup_key} and nothing else, so
 * its product (the record key) must come from the trigger that opened the alert. The wiring backs
 * this with a table of {@code tocsin.alerts} by fingerprint; tests pass a map.
 */
@FunctionalInterface
public interface KnownAlerts {

    /** The latest alert with this fingerprint, if known. */
    Optional<MonitoringAlert> find(String fingerprint);

    /** Knows no alert. */
    static KnownAlerts none() {
        return fingerprint -> Optional.empty();
    }
}
