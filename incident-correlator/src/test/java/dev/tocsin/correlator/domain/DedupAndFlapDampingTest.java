package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.AlertRef;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.SeverityHint;
import org.junit.jupiter.api.Test;

/** Rule 1: dedup by fingerprint, flap damping. */
class DedupAndFlapDampingTest {

    private final Harness h = new Harness();

    @Test
    void knownFingerprintRefreshesAlertAndNeverOpensASecondIncident() {
        // given an alert that opened an incident
        h.alert(alert("fp-1"), minutes(0));
        // when the same fingerprint arrives again, even with new details
        h.alert(alert("fp-1"), minutes(5));
        Outcome changed = h.alert(alert("fp-1").summary("latency 900 ms").hint(SeverityHint.CRITICAL), minutes(6));

        // then there is still one incident with one alert, refreshed
        Incident incident = h.onlyIncident();
        assertThat(incident.getAlertCount()).isEqualTo(1);
        assertThat(incident.getAlerts()).extracting(AlertRef::getSummary).containsExactly("latency 900 ms");
        assertThat(Harness.types(changed))
                .contains(IncidentEventType.ALERT_UPDATED)
                .doesNotContain(IncidentEventType.OPENED);
        assertThat(h.events(IncidentEventType.OPENED)).hasSize(1);
        assertThat(h.state.rawAlert("chat", "fp-1").getLastSeenAt())
                .isEqualTo(minutes(6).toEpochMilli());
    }

    @Test
    void repeatedIdenticalAlertChangesNoIncidentVersion() {
        h.alert(alert("fp-1"), minutes(0));
        long version = h.onlyIncident().getVersion();

        Outcome repeat = h.alert(alert("fp-1"), minutes(5));

        // Alertmanager re-sends firing alerts: only the tracked alert is refreshed
        assertThat(repeat.isEmpty()).isTrue();
        assertThat(h.onlyIncident().getVersion()).isEqualTo(version);
        assertThat(h.state.rawAlert("chat", "fp-1").getLastSeenAt())
                .isEqualTo(minutes(5).toEpochMilli());
    }

    @Test
    void resolvedThenFiringWithinFlapWindowCountsAsOneFlappingAlert() {
        h.alert(alert("fp-1"), minutes(0));
        h.alert(alert("fp-1").resolved(), minutes(2));
        Outcome flap1 = h.alert(alert("fp-1").firing(), minutes(4));
        h.alert(alert("fp-1").resolved(), minutes(5));
        h.alert(alert("fp-1").firing(), minutes(7));

        Incident incident = h.onlyIncident();
        assertThat(incident.getAlertCount()).isEqualTo(1);
        assertThat(incident.getFlapCount()).isEqualTo(2);
        assertThat(incident.getAlerts())
                .singleElement()
                .extracting(AlertRef::getFlapCount)
                .isEqualTo(2);
        assertThat(Harness.types(flap1)).containsExactly(IncidentEventType.ALERT_FLAPPING);
        assertThat(h.events(IncidentEventType.OPENED)).hasSize(1);
        assertThat(h.tracking(incident.getIncidentId()).getFiringAlerts()).isEqualTo(1);
    }

    @Test
    void firingAgainAfterTheFlapWindowIsNotAFlap() {
        h.alert(alert("fp-1"), minutes(0));
        h.alert(alert("fp-1").resolved(), minutes(1));
        // the flap window is 10 minutes; the quiet period before MONITORING is 15
        Outcome again = h.alert(alert("fp-1").firing(), minutes(12));

        assertThat(h.onlyIncident().getFlapCount()).isZero();
        assertThat(Harness.types(again)).containsExactly(IncidentEventType.ALERT_UPDATED);
        assertThat(h.onlyIncident().getAlertCount()).isEqualTo(1);
    }

    @Test
    void alertAcknowledgedAtItsSourceStillCountsAsFiring() {
        h.alert(alert("fp-1"), minutes(0));

        Outcome acknowledged = h.alert(alert("fp-1").acknowledged(), minutes(1));

        assertThat(Harness.types(acknowledged)).containsExactly(IncidentEventType.ALERT_UPDATED);
        String id = h.onlyIncident().getIncidentId();
        assertThat(h.tracking(id).getFiringAlerts()).isEqualTo(1);
        assertThat(h.onlyIncident().getAlerts())
                .singleElement()
                .extracting(AlertRef::getStatus)
                .isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(h.onlyIncident().getAcknowledged())
                .as("a source acknowledgement is no first response")
                .isFalse();
    }

    @Test
    void resolvedAlertOfUnknownFingerprintOpensNothing() {
        Outcome outcome = h.alert(alert("fp-1").resolved(), minutes(0));

        assertThat(outcome.isEmpty()).isTrue();
        assertThat(h.state.incidents()).isEmpty();
        assertThat(h.state.rawAlert("chat", "fp-1").getIncidentId()).isNull();
    }
}
