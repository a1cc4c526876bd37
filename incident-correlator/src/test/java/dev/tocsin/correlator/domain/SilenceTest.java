package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static dev.tocsin.correlator.domain.TestData.silence;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.Silence;
import dev.tocsin.correlator.state.TrackedAlert;
import org.junit.jupiter.api.Test;

/** Silences (Alertmanager-compatible): a silenced alert is recorded but opens or feeds no incident. */
class SilenceTest {

    private final Harness h = new Harness();

    @Test
    void silencedAlertIsRecordedWithTheSilenceIdAndOpensNoIncident() {
        h.state.putSilence(silence("s-1", minutes(0), minutes(60), "alertname=\"ChatLatency\""));

        Outcome outcome = h.alert(alert("fp-1").label("alertname", "ChatLatency"), minutes(10));

        assertThat(outcome.incidents()).isEmpty();
        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.held()).isEqualTo(new Outcome.Held(1, 0, 0));
        assertThat(h.state.incidents()).isEmpty();
        TrackedAlert tracked = h.state.rawAlert("chat", "fp-1");
        assertThat(tracked.getSilenceId()).isEqualTo("s-1");
        assertThat(tracked.getHeldCount()).isEqualTo(1);
        assertThat(tracked.getHeldSince()).isEqualTo(minutes(10).toEpochMilli());
        assertThat(tracked.getIncidentId()).isNull();
        assertThat(h.state.heldAlerts("chat")).containsExactly("fp-1");
        assertThat(h.state.rawProduct("chat").getHasHeldAlerts()).isTrue();
    }

    @Test
    void theHoldKindNamesTheCurrentHoldAndIsClearedWhenTheAlertResolvesWhileTheSilenceIdStaysAsARecord() {
        h.state.putSilence(silence("s-1", minutes(0), minutes(60), "alertname=\"ChatLatency\""));

        h.alert(alert("fp-1").label("alertname", "ChatLatency"), minutes(10));
        assertThat(h.state.rawAlert("chat", "fp-1").getHoldKind()).isEqualTo("SILENCED");

        h.alert(alert("fp-1").label("alertname", "ChatLatency").resolved(), minutes(20));
        TrackedAlert tracked = h.state.rawAlert("chat", "fp-1");
        assertThat(tracked.getHoldKind()).isNull();
        assertThat(tracked.getSilenceId()).isEqualTo("s-1");
    }

    @Test
    void repeatsOfASilencedAlertAreCountedAndStillOpenNothing() {
        h.state.putSilence(silence("s-1", minutes(0), minutes(60), "alertname=\"ChatLatency\""));

        h.alert(alert("fp-1").label("alertname", "ChatLatency"), minutes(10));
        h.alert(alert("fp-1").label("alertname", "ChatLatency"), minutes(15));

        assertThat(h.state.incidents()).isEmpty();
        assertThat(h.state.rawAlert("chat", "fp-1").getHeldCount()).isEqualTo(2);
        assertThat(h.state.rawAlert("chat", "fp-1").getHeldSince())
                .isEqualTo(minutes(10).toEpochMilli());
    }

    @Test
    void onlyAnActiveSilenceWhoseMatchersAllHoldSilences() {
        h.state.putSilence(silence("pending", minutes(30), minutes(60), "alertname=\"ChatLatency\""));
        h.state.putSilence(silence("expired", minutes(-60), minutes(5), "alertname=\"ChatLatency\""));
        h.state.putSilence(
                silence("other-region", minutes(0), minutes(60), "alertname=\"ChatLatency\"", "region=\"eu\""));

        h.alert(alert("fp-1").label("alertname", "ChatLatency").label("region", "us"), minutes(10));

        assertThat(h.state.incidents()).hasSize(1);
        assertThat(h.state.rawAlert("chat", "fp-1").getSilenceId()).isNull();
    }

    @Test
    void aSilenceMatchesTheAlertsProductComponentAndRegionWithoutSuchLabels() {
        h.state.putSilence(silence("s-1", minutes(0), minutes(60), "product=\"chat\"", "component=~\"api|web\""));

        h.alert(alert("fp-1").component("api"), minutes(10));
        h.alert(alert("fp-2").component("db"), minutes(10));

        assertThat(h.state.rawAlert("chat", "fp-1").getSilenceId()).isEqualTo("s-1");
        assertThat(h.state.rawAlert("chat", "fp-2").getIncidentId()).isNotNull();
    }

    @Test
    void anAlertStillFiringWhenItsSilenceEndsIsCorrelatedAsNewWhenHeldAlertsAreReconsidered() {
        h.state.putSilence(silence("s-1", minutes(0), minutes(30), "alertname=\"ChatLatency\""));
        h.alert(alert("fp-1").label("alertname", "ChatLatency"), minutes(10));

        Outcome stillSilenced = h.reconsiderHeld("chat", minutes(20));
        Outcome released = h.reconsiderHeld("chat", minutes(31));

        assertThat(stillSilenced.incidents()).isEmpty();
        assertThat(released.incidents()).hasSize(1);
        Incident incident = h.onlyIncident();
        assertThat(incident.getOpenedAt()).isEqualTo(minutes(31));
        TrackedAlert tracked = h.state.rawAlert("chat", "fp-1");
        assertThat(tracked.getIncidentId()).isEqualTo(incident.getIncidentId());
        assertThat(tracked.getHeldSince()).isNull();
        assertThat(tracked.getSilenceId())
                .as("kept as the record of the silence")
                .isEqualTo("s-1");
        assertThat(h.state.heldAlerts("chat")).isEmpty();
        assertThat(h.state.rawProduct("chat").getHasHeldAlerts()).isFalse();
    }

    @Test
    void anAlertWhoseSilenceWasDeletedIsCorrelatedOnItsNextRecord() {
        h.state.putSilence(silence("s-1", minutes(0), minutes(60), "alertname=\"ChatLatency\""));
        h.alert(alert("fp-1").label("alertname", "ChatLatency"), minutes(10));
        h.state.deleteSilence("s-1");

        Outcome repeat = h.alert(alert("fp-1").label("alertname", "ChatLatency"), minutes(12));

        assertThat(repeat.incidents()).hasSize(1);
        assertThat(h.onlyIncident().getOpenedAt()).isEqualTo(minutes(12));
        assertThat(h.state.heldAlerts("chat")).isEmpty();
    }

    @Test
    void aResolveOfASilencedAlertJustRecordsAndTheEndOfTheSilenceOpensNothing() {
        h.state.putSilence(silence("s-1", minutes(0), minutes(30), "alertname=\"ChatLatency\""));
        h.alert(alert("fp-1").label("alertname", "ChatLatency"), minutes(10));

        Outcome resolve =
                h.alert(alert("fp-1").label("alertname", "ChatLatency").resolved(), minutes(20));
        Outcome afterSilence = h.reconsiderHeld("chat", minutes(40));

        assertThat(resolve.isEmpty()).isTrue();
        assertThat(afterSilence.incidents()).isEmpty();
        assertThat(h.state.incidents()).isEmpty();
        assertThat(h.state.rawAlert("chat", "fp-1").getAlertStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(h.state.heldAlerts("chat")).isEmpty();
    }

    @Test
    void aSilenceDoesNotDetachAnAlertAlreadyCountedInAnOpenIncident() {
        h.alert(alert("fp-1").label("alertname", "ChatLatency"), minutes(0));
        h.state.putSilence(silence("s-1", minutes(5), minutes(60), "alertname=\"ChatLatency\""));

        h.alert(alert("fp-1").label("alertname", "ChatLatency"), minutes(10));

        assertThat(h.tracking(h.onlyIncident().getIncidentId()).getFiringAlerts())
                .isEqualTo(1);
        assertThat(h.state.rawAlert("chat", "fp-1").getHeldSince()).isNull();
    }

    @Test
    void aRefiringAlertOfAnOpenIncidentIsSilencedAndFeedsItAgainOnlyWhenReleased() {
        h.alert(alert("fp-1").label("alertname", "ChatLatency"), minutes(0));
        h.alert(alert("fp-2").label("alertname", "Other"), minutes(1));
        h.alert(alert("fp-1").label("alertname", "ChatLatency").resolved(), minutes(2));
        h.state.putSilence(silence("s-1", minutes(3), minutes(30), "alertname=\"ChatLatency\""));
        String incidentId = h.onlyIncident().getIncidentId();

        h.alert(alert("fp-1").label("alertname", "ChatLatency"), minutes(4));

        TrackedAlert tracked = h.state.rawAlert("chat", "fp-1");
        assertThat(tracked.getSilenceId()).isEqualTo("s-1");
        assertThat(tracked.getCountedFiring()).isFalse();
        assertThat(h.tracking(incidentId).getFiringAlerts()).isEqualTo(1);

        h.reconsiderHeld("chat", minutes(31));

        assertThat(h.state.rawAlert("chat", "fp-1").getCountedFiring()).isTrue();
        assertThat(h.tracking(incidentId).getFiringAlerts()).isEqualTo(2);
        assertThat(h.state.incidents()).hasSize(1);
    }

    @Test
    void aSilenceWithAnInvalidRegexSilencesNothingAndFailsNoAlert() {
        Silence bad = silence("bad", minutes(0), minutes(60), "alertname=\"ChatLatency\"");
        bad.getMatchers().get(0).setIsRegex(true);
        bad.getMatchers().get(0).setValue("(unclosed");
        h.state.putSilence(bad);

        h.alert(alert("fp-1").label("alertname", "ChatLatency"), minutes(10));

        assertThat(h.state.incidents()).hasSize(1);
    }
}
