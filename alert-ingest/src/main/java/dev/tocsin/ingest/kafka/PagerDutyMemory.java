package dev.tocsin.ingest.kafka;

import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.ingest.domain.KnownAlerts;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a PagerDuty acknowledge or resolve finds its trigger: first the alerts this instance wrote
 * recently (so a resolve right after its trigger never races the table), then the global table
 * of {@code tocsin.ingest.pagerduty-alerts}, which every instance shares and which survives
 * restarts. A trigger accepted by another instance reaches this instance's table a moment later, so
 * a miss waits up to {@code catchUp} for the table before the event counts as unknown: a resolve
 * racing its trigger across instances finds it instead of being ignored.
 */
public final class PagerDutyMemory implements KnownAlerts {

    private static final int RECENT = 10_000;

    private final Function<String, MonitoringAlert> table;
    private final Duration catchUp;
    private final Map<String, MonitoringAlert> recent = new BoundedLinkedMap<>(RECENT, true);

    /**
     * @param table   looks an alert up by fingerprint in the shared table (null when unknown or not ready)
     * @param catchUp how long a miss waits for a trigger written by another instance to reach the table
     */
    public PagerDutyMemory(Function<String, MonitoringAlert> table, Duration catchUp) {
        this.table = table;
        this.catchUp = catchUp;
    }

    /** Remembers alerts once Kafka acknowledged them. */
    public synchronized void written(Iterable<MonitoringAlert> alerts) {
        for (MonitoringAlert alert : alerts) {
            recent.put(alert.getFingerprint(), alert);
        }
    }

    /** Drops own recent writes of dedup keys that were tombstoned (RetentionSweeper), so they are not found again. */
    public synchronized void forget(java.util.Collection<String> fingerprints) {
        fingerprints.forEach(recent::remove);
    }

    @Override
    public Optional<MonitoringAlert> find(String fingerprint) {
        synchronized (this) {
            MonitoringAlert mine = recent.get(fingerprint);
            if (mine != null) {
                return Optional.of(mine);
            }
        }
        return Optional.ofNullable(TableCatchUp.await(() -> table.apply(fingerprint), catchUp));
    }
}
