package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.T0;
import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Evidence;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.schemas.topics.IncidentIds;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rule 2: correlation into incidents, evidence, reopening. */
class CorrelationRulesTest {

    private final Harness h = new Harness();

    @Test
    void firingAlertJoinsOpenIncidentOfItsProduct() {
        h.alert(alert("fp-1").component("api"), minutes(0));
        Outcome second = h.alert(alert("fp-2").component("api").region("eu-1"), minutes(3));

        Incident incident = h.onlyIncident();
        assertThat(incident.getAlertCount()).isEqualTo(2);
        assertThat(Harness.types(second)).containsExactly(IncidentEventType.ALERT_ATTACHED);
        assertThat(second.incidents())
                .singleElement()
                .extracting(Incident::getIncidentId)
                .isEqualTo(incident.getIncidentId());
    }

    @Test
    void alertOfAnotherProductOpensItsOwnIncident() {
        h.alert(alert("fp-1").product("chat"), minutes(0));
        h.alert(alert("fp-2").product("talk"), minutes(1));

        assertThat(h.state.incidents()).extracting(Incident::getProduct).containsExactlyInAnyOrder("chat", "talk");
    }

    @Test
    void alertOfAnotherComponentWithinTheCorrelationWindowMakesTheIncidentSpanBoth() {
        h.alert(alert("fp-1").component("api").region("eu-1"), minutes(0));
        h.alert(alert("fp-2").component("widget").region("us-1"), minutes(10));

        Incident incident = h.onlyIncident();
        assertThat(incident.getComponents()).containsExactly("api", "widget");
        assertThat(incident.getRegions()).containsExactly("eu-1", "us-1");
        assertThat(incident.getEvidence())
                .last()
                .extracting(Evidence::getRule)
                .isEqualTo(CorrelationRules.WITHIN_WINDOW);
    }

    @Test
    void alertOfAnotherComponentAfterTheCorrelationWindowOpensASeparateIncident() {
        h.alert(alert("fp-1").component("api"), minutes(0));
        h.alert(alert("fp-2").component("widget"), minutes(45));

        assertThat(h.state.incidents()).hasSize(2);
    }

    @Test
    void alertOfAMatchingComponentJoinsLongAfterTheCorrelationWindow() {
        h.alert(alert("fp-1").component("api"), minutes(0));
        h.alert(alert("fp-2").component("api"), minutes(120));

        assertThat(h.onlyIncident().getAlertCount()).isEqualTo(2);
        assertThat(h.onlyIncident().getEvidence())
                .last()
                .extracting(Evidence::getRule)
                .isEqualTo(CorrelationRules.MATCHING_KEYS);
    }

    @Test
    void everyAttachmentRecordsItsEvidenceRuleKeysAndGap() {
        h.alert(alert("fp-1").component("api"), minutes(0));
        h.alert(alert("fp-2").component("api"), minutes(3));

        Incident incident = h.onlyIncident();
        assertThat(incident.getEvidence()).hasSize(2);
        Evidence first = incident.getEvidence().get(0);
        assertThat(first.getRule()).isEqualTo(CorrelationRules.OPENED_BY_ALERT);
        assertThat(first.getGapMillis()).isNull();
        assertThat(first.getAlertFingerprint()).isEqualTo("fp-1");
        Evidence second = incident.getEvidence().get(1);
        assertThat(second.getRule()).isEqualTo(CorrelationRules.MATCHING_KEYS);
        assertThat(second.getMatchedKeys()).containsEntry("product", "chat").containsEntry("component", "api");
        assertThat(second.getGapMillis()).isEqualTo(Duration.ofMinutes(3).toMillis());
        assertThat(second.getAlertFingerprint()).isEqualTo("fp-2");
    }

    @Test
    void resolvedIncidentReopensWithinReopenWindowKeepingItsId() {
        h.alert(alert("fp-1").component("api"), minutes(0));
        String id = h.onlyIncident().getIncidentId();
        h.alert(alert("fp-1").component("api").resolved(), minutes(5));
        h.clock("chat", minutes(200));
        assertThat(h.incident(id).getStatus()).isEqualTo(PublicStatus.RESOLVED);

        // a different alert of the same component, a day later
        Outcome outcome = h.alert(alert("fp-9").component("api"), T0.plus(Duration.ofDays(1)));

        Incident reopened = h.onlyIncident();
        assertThat(reopened.getIncidentId()).isEqualTo(id);
        assertThat(reopened.getStatus()).isEqualTo(PublicStatus.INVESTIGATING);
        assertThat(reopened.getReopenCount()).isEqualTo(1);
        assertThat(reopened.getResolvedAt()).isNull();
        assertThat(Harness.types(outcome))
                .containsExactly(IncidentEventType.REOPENED, IncidentEventType.ALERT_ATTACHED);
        assertThat(reopened.getEvidence()).last().extracting(Evidence::getRule).isEqualTo(CorrelationRules.REOPENED);
    }

    @Test
    void sameAlertFiringAgainReopensItsResolvedIncident() {
        h.alert(alert("fp-1"), minutes(0));
        String id = h.onlyIncident().getIncidentId();
        h.alert(alert("fp-1").resolved(), minutes(5));
        h.clock("chat", minutes(200));

        h.alert(alert("fp-1").firing(), minutes(300));

        assertThat(h.onlyIncident().getIncidentId()).isEqualTo(id);
        assertThat(h.onlyIncident().getStatus()).isEqualTo(PublicStatus.INVESTIGATING);
        assertThat(h.onlyIncident().getAlertCount()).isEqualTo(1);
        assertThat(h.onlyIncident().getEvidence())
                .last()
                .extracting(Evidence::getRule)
                .isEqualTo(CorrelationRules.REOPENED_SAME_ALERT);
    }

    @Test
    void resolvedIncidentBeyondTheReopenWindowStaysResolvedAndANewOneOpens() {
        h.alert(alert("fp-1").component("api"), minutes(0));
        String first = h.onlyIncident().getIncidentId();
        h.alert(alert("fp-1").component("api").resolved(), minutes(5));
        h.clock("chat", minutes(200));

        h.alert(alert("fp-1").component("api").firing(), T0.plus(Duration.ofDays(8)));

        assertThat(h.state.incidents()).hasSize(2);
        assertThat(h.incident(first).getStatus()).isEqualTo(PublicStatus.RESOLVED);
        assertThat(h.state.rawAlert("chat", "fp-1").getIncidentId()).isNotEqualTo(first);
    }

    @Test
    void incidentIdDerivesFromTheFirstEvidence() {
        h.alert(alert("fp-1"), minutes(0));

        assertThat(h.onlyIncident().getIncidentId())
                .isEqualTo(IncidentIds.of("chat", "alert:fp-1@" + minutes(0).toEpochMilli()))
                .matches("chat-[0-9a-f]{8}");
    }
}
