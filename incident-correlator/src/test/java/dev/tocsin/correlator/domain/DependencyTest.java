package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.command;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.Evidence;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.correlator.state.TrackedAlert;
import org.junit.jupiter.api.Test;

/** The product dependency graph: an open upstream incident absorbs the alerts of its dependants. */
class DependencyTest {

    private final Harness h = Harness.withPolicy("""
            dependencies:
              voice: [sip-trunk]
              sip-trunk: [carrier]
            """);

    /** Opens an upstream incident in the (shared) state and shows it in the cross-partition view. */
    private String upstreamDown(String product) {
        h.alert(alert(product + "-down").product(product), minutes(0));
        String id = h.state.product(product).getOpenIncidents().get(0);
        h.state.openIncidentsAnywhere(product, id);
        return id;
    }

    @Test
    void anAlertOfADependantIsAbsorbedByTheOpenUpstreamIncidentInsteadOfOpeningItsOwn() {
        String upstream = upstreamDown("sip-trunk");

        Outcome outcome = h.alert(alert("calls-failing").product("voice").summary("Calls fail"), minutes(1));

        assertThat(outcome.incidents()).isEmpty();
        assertThat(outcome.held()).isEqualTo(new Outcome.Held(0, 0, 1));
        TrackedAlert tracked = h.state.rawAlert("voice", "calls-failing");
        assertThat(tracked.getAbsorbedInto()).isEqualTo(upstream);
        assertThat(tracked.getIncidentId()).isNull();
        IncidentCommand absorb = outcome.commands().get(0);
        assertThat(outcome.commands()).hasSize(1);
        assertThat(absorb.getType()).isEqualTo(CommandType.ABSORB_DEPENDANT_ALERT);
        assertThat(absorb.getProduct())
                .as("keys the command to the upstream partition")
                .isEqualTo("sip-trunk");
        assertThat(absorb.getIncidentId()).isEqualTo(upstream);
        assertThat(absorb.getSourceProduct()).isEqualTo("voice");
        assertThat(absorb.getAlertFingerprint()).isEqualTo("calls-failing");
        assertThat(absorb.getReason())
                .isEqualTo("alert voice/calls-failing absorbed because sip-trunk is down: Calls fail");
    }

    @Test
    void theAbsorbCommandMakesTheAlertEvidenceOnTheUpstreamTimeline() {
        String upstream = upstreamDown("sip-trunk");
        IncidentCommand absorb = h.alert(alert("calls-failing").product("voice"), minutes(1))
                .commands()
                .get(0);

        Outcome outcome = h.command(absorb, minutes(1));

        Incident incident = h.incident(upstream);
        Evidence evidence = incident.getEvidence().get(incident.getEvidence().size() - 1);
        assertThat(evidence.getRule()).isEqualTo(CorrelationRules.ABSORBED_DEPENDANT);
        assertThat(evidence.getMatchedKeys())
                .containsEntry("dependant", "voice")
                .containsEntry("fingerprint", "calls-failing");
        assertThat(Harness.types(outcome)).containsExactly(IncidentEventType.ALERT_ATTACHED);
        assertThat(outcome.events().get(0).getMessage()).contains("absorbed because sip-trunk is down");
        assertThat(h.tracking(upstream).getFiringAlerts())
                .as("the alert's lifecycle stays with voice")
                .isEqualTo(1);
    }

    @Test
    void repeatsOfAnAbsorbedAlertSendNoFurtherCommand() {
        upstreamDown("sip-trunk");
        h.alert(alert("calls-failing").product("voice"), minutes(1));

        Outcome repeat = h.alert(alert("calls-failing").product("voice"), minutes(3));

        assertThat(repeat.commands()).isEmpty();
        assertThat(repeat.held().absorbed()).isEqualTo(1);
        assertThat(h.state.rawAlert("voice", "calls-failing").getHeldCount()).isEqualTo(2);
    }

    @Test
    void dependenciesAreTransitive() {
        String carrier = upstreamDown("carrier");

        h.alert(alert("calls-failing").product("voice"), minutes(1));

        assertThat(h.state.rawAlert("voice", "calls-failing").getAbsorbedInto()).isEqualTo(carrier);
    }

    @Test
    void whenTheUpstreamHasNoOpenIncidentAnyMoreStillFiringDependantsAreCorrelatedOnTheirOwn() {
        upstreamDown("sip-trunk");
        h.alert(alert("calls-failing").product("voice"), minutes(1));
        h.alert(alert("calls-dropped").product("voice"), minutes(2));
        h.alert(alert("calls-dropped").product("voice").resolved(), minutes(3));
        h.state.openIncidentsAnywhere("sip-trunk");

        Outcome released = h.reconsiderHeld("voice", minutes(30));

        assertThat(released.incidents()).hasSize(1);
        assertThat(released.incidents().get(0).getProduct()).isEqualTo("voice");
        assertThat(released.incidents().get(0).getOpenedAt()).isEqualTo(minutes(30));
        assertThat(h.state.rawAlert("voice", "calls-failing").getAbsorbedInto())
                .as("kept as the record")
                .isNotNull();
        assertThat(h.state.rawAlert("voice", "calls-dropped").getIncidentId()).isNull();
    }

    @Test
    void anUpstreamWithoutOpenIncidentAbsorbsNothing() {
        h.alert(alert("calls-failing").product("voice"), minutes(1));

        assertThat(h.state.rawAlert("voice", "calls-failing").getIncidentId()).isNotNull();
    }

    @Test
    void anAbsorbCommandForAResolvedUpstreamIncidentIsRejected() {
        String upstream = upstreamDown("sip-trunk");
        IncidentCommand absorb = h.alert(alert("calls-failing").product("voice"), minutes(1))
                .commands()
                .get(0);
        h.command(command(CommandType.RESOLVE, upstream).product("sip-trunk"), minutes(2));

        Outcome outcome = h.command(absorb, minutes(2));

        assertThat(Harness.types(outcome)).containsExactly(IncidentEventType.COMMAND_REJECTED);
    }
}
