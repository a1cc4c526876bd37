package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.command;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static dev.tocsin.correlator.domain.TestData.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rule 3: severity from signal and hint, breadth and priority; escalate only; operator override. */
class SeverityRulesTest {

    private final Harness h = new Harness();

    @Test
    void availabilityCriticalIsSeverity1() {
        h.alert(alert("fp-1").signal(Signal.AVAILABILITY).hint(SeverityHint.CRITICAL), minutes(0));

        assertThat(h.onlyIncident().getSeverity()).isEqualTo(Severity.SEV1);
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
        "ERROR_RATE, CRITICAL, SEV2",
        "LATENCY, CRITICAL, SEV2",
        "AVAILABILITY, HIGH, SEV2",
        "LATENCY, HIGH, SEV2",
        "TRAFFIC_VOLUME, MEDIUM, SEV3",
        "SATURATION, LOW, SEV4",
        "OTHER, INFO, SEV4",
    })
    void signalAndHintGiveTheSeverity(Signal signal, SeverityHint hint, Severity expected) {
        h.alert(alert("fp-1").signal(signal).hint(hint), minutes(0));

        assertThat(h.onlyIncident().getSeverity()).isEqualTo(expected);
    }

    @Test
    void alertWithoutHintCountsAsMedium() {
        h.alert(alert("fp-1").hint(null), minutes(0));

        assertThat(h.onlyIncident().getSeverity()).isEqualTo(Severity.SEV3);
    }

    @Test
    void moreSevereEvidenceEscalates() {
        h.alert(alert("fp-1").component("api").hint(SeverityHint.MEDIUM), minutes(0));
        Outcome outcome = h.alert(
                alert("fp-2").component("api").signal(Signal.AVAILABILITY).hint(SeverityHint.CRITICAL), minutes(2));

        assertThat(h.onlyIncident().getSeverity()).isEqualTo(Severity.SEV1);
        IncidentEvent changed = outcome.events().stream()
                .filter(e -> e.getType() == IncidentEventType.SEVERITY_CHANGED)
                .findFirst()
                .orElseThrow();
        assertThat(changed.getPreviousSeverity()).isEqualTo(Severity.SEV3);
        assertThat(changed.getSeverity()).isEqualTo(Severity.SEV1);
    }

    @Test
    void severityNeverLoweredAutomatically() {
        h.alert(alert("fp-1").hint(SeverityHint.CRITICAL), minutes(0));
        h.alert(alert("fp-1").hint(SeverityHint.LOW), minutes(2));
        h.alert(alert("fp-2").hint(SeverityHint.INFO), minutes(3));

        assertThat(h.onlyIncident().getSeverity()).isEqualTo(Severity.SEV2);
        assertThat(h.events(IncidentEventType.SEVERITY_CHANGED)).isEmpty();
    }

    @Test
    void severalRegionsRaiseSeverityOneLevel() {
        h.alert(alert("fp-1").component("api").region("eu-1").hint(SeverityHint.MEDIUM), minutes(0));
        assertThat(h.onlyIncident().getSeverity()).isEqualTo(Severity.SEV3);

        h.alert(alert("fp-2").component("api").region("us-1").hint(SeverityHint.MEDIUM), minutes(1));

        assertThat(h.onlyIncident().getSeverity()).isEqualTo(Severity.SEV2);
    }

    @Test
    void breadthAloneNeverMakesSeverity1() {
        h.alert(alert("fp-1").component("api").region("eu-1").hint(SeverityHint.HIGH), minutes(0));
        h.alert(alert("fp-2").component("widget").region("us-1").hint(SeverityHint.HIGH), minutes(1));
        h.report(report("T-1").org("org-1").priority(CustomerPriority.P2), minutes(2));
        h.report(report("T-2").org("org-2").priority(CustomerPriority.P2), minutes(3));

        assertThat(h.onlyIncident().getSeverity()).isEqualTo(Severity.SEV2);
    }

    @Test
    void customerPriorityOfALinkedTicketRaisesSeverity() {
        h.alert(alert("fp-1").hint(SeverityHint.MEDIUM), minutes(0));

        h.report(report("T-1").priority(CustomerPriority.P1), minutes(5));

        assertThat(h.onlyIncident().getSeverity()).isEqualTo(Severity.SEV1);
    }

    @Test
    void operatorSeverityIsKept() {
        h.alert(alert("fp-1").hint(SeverityHint.CRITICAL), minutes(0));
        String id = h.onlyIncident().getIncidentId();

        h.command(
                command(CommandType.SET_SEVERITY, id)
                        .severity(Severity.SEV4)
                        .actor("alice")
                        .reason("customer-facing impact is nil"),
                minutes(5));
        h.alert(alert("fp-2").signal(Signal.AVAILABILITY).hint(SeverityHint.CRITICAL), minutes(6));
        h.report(report("T-1").priority(CustomerPriority.P1), minutes(7));

        var incident = h.onlyIncident();
        assertThat(incident.getSeverity()).isEqualTo(Severity.SEV4);
        assertThat(incident.getSeverityOverride().getActor()).isEqualTo("alice");
        assertThat(incident.getSeverityOverride().getReason()).isEqualTo("customer-facing impact is nil");
        assertThat(incident.getSeverityOverride().getAt()).isEqualTo(minutes(5));
        assertThat(h.events(IncidentEventType.SEVERITY_CHANGED))
                .singleElement()
                .satisfies(e -> assertThat(e.getActor()).isEqualTo("alice"));
    }
}
