package dev.tocsin.ingest.domain;

import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Silence;
import dev.tocsin.schemas.rules.SilenceRules;
import java.time.Duration;
import java.time.Instant;

/**
 * What alert-ingest's compacted lookup topics may forget (issue 11, defect 6), each with a
 * tombstone so the topic, every instance's table and the correlator's silences table forget it too.
 *
 * @param pagerDuty how long a PagerDuty dedup key whose latest event is a resolve is remembered after
 *                  it was received: an acknowledge or resolve arriving later is unknown (ignored, as
 *                  PagerDuty does), a trigger opens a new alert
 * @param silences  how long an expired silence is kept after it ended, Alertmanager's
 *                  {@code --data.retention} (default 120h): until then it is listed as expired
 */
public record IngestRetention(Duration pagerDuty, Duration silences) {

    public static final Duration DEFAULT_PAGERDUTY = Duration.ofDays(7);
    /** Alertmanager's default {@code --data.retention}. */
    public static final Duration DEFAULT_SILENCES = Duration.ofHours(120);

    public IngestRetention {
        if (pagerDuty.isNegative() || pagerDuty.isZero() || silences.isNegative() || silences.isZero()) {
            throw new IllegalArgumentException("retentions must be positive: " + pagerDuty + ", " + silences);
        }
    }

    public static IngestRetention defaults() {
        return new IngestRetention(DEFAULT_PAGERDUTY, DEFAULT_SILENCES);
    }

    /** A dedup key is forgotten once its latest alert is a resolve received longer than the retention ago. */
    public boolean mayForget(MonitoringAlert latest, Instant now) {
        return latest.getStatus() == AlertStatus.RESOLVED
                && !now.isBefore(latest.getReceivedAt().plus(pagerDuty));
    }

    /**
     * An expired silence is forgotten once it ended longer than the retention ago; Alertmanager's
     * garbage collection deletes a silence whose {@code endsAt + retention} is before now.
     */
    public boolean mayForget(Silence silence, Instant now) {
        return SilenceRules.state(silence, now) == SilenceRules.State.EXPIRED
                && now.isAfter(silence.getEndsAt().plus(silences));
    }
}
