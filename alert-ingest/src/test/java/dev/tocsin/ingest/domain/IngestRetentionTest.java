package dev.tocsin.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.Silence;
import dev.tocsin.avro.SilenceMatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestRetentionTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private final IngestRetention retention = IngestRetention.defaults();

    @Test
    void aPagerDutyKeyIsForgottenSevenDaysAfterItsResolveWasReceived() {
        MonitoringAlert resolved = alert(AlertStatus.RESOLVED);

        assertThat(retention.mayForget(resolved, T0.plus(Duration.ofDays(7)).minusMillis(1)))
                .isFalse();
        assertThat(retention.mayForget(resolved, T0.plus(Duration.ofDays(7)))).isTrue();
    }

    @Test
    void aPagerDutyKeyThatStillFiresIsNeverForgotten() {
        assertThat(retention.mayForget(alert(AlertStatus.FIRING), T0.plus(Duration.ofDays(3650))))
                .isFalse();
    }

    @Test
    void anExpiredSilenceIsForgottenOnce120HoursPassedSinceItEndedAsAlertmanagerDoes() {
        Silence ended = silence(T0.minus(Duration.ofHours(1)), T0);

        assertThat(retention.mayForget(ended, T0.plus(Duration.ofHours(120))))
                .as("Alertmanager: expiresAt before now")
                .isFalse();
        assertThat(retention.mayForget(ended, T0.plus(Duration.ofHours(120)).plusMillis(1)))
                .isTrue();
    }

    @Test
    void anActiveOrPendingSilenceIsNeverForgotten() {
        Instant later = T0.plus(Duration.ofDays(400));
        assertThat(retention.mayForget(silence(T0, later.plusSeconds(1)), later))
                .isFalse();
        assertThat(retention.mayForget(silence(later.plusSeconds(1), later.plusSeconds(2)), later))
                .isFalse();
    }

    private static MonitoringAlert alert(AlertStatus status) {
        return MonitoringAlert.newBuilder()
                .setAlertId("a-1")
                .setFingerprint("dedup-1")
                .setSource(AlertSource.PAGERDUTY)
                .setSourceName("pagerduty")
                .setStatus(status)
                .setProduct("chat")
                .setSignal(Signal.AVAILABILITY)
                .setSummary("down")
                .setStartsAt(T0.minusSeconds(600))
                .setReceivedAt(T0)
                .build();
    }

    private static Silence silence(Instant start, Instant end) {
        return Silence.newBuilder()
                .setSilenceId("s-1")
                .setMatchers(List.of(new SilenceMatcher("alertname", "X", false, true)))
                .setStartsAt(start)
                .setEndsAt(end)
                .setCreatedBy("alice")
                .setComment("deploy")
                .setUpdatedAt(start)
                .build();
    }
}
