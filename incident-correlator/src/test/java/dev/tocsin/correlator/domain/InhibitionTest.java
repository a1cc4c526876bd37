package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.correlator.state.TrackedAlert;
import org.junit.jupiter.api.Test;

/** Alertmanager-style inhibit rules, source and target within one product. */
class InhibitionTest {

    private static final String POLICY = """
            inhibit_rules:
              - source_matchers: ['alertname="DatacenterDown"']
                target_matchers: ['severity="warning"']
                equal: [dc]
            """;

    private final Harness h = Harness.withPolicy(POLICY);

    private static TestData.AlertBuilder source(String dc) {
        return alert("dc-down-" + dc)
                .label("alertname", "DatacenterDown")
                .label("dc", dc)
                .label("severity", "critical");
    }

    private static TestData.AlertBuilder target(String fingerprint, String dc) {
        return alert(fingerprint)
                .label("alertname", "HighLatency")
                .label("dc", dc)
                .label("severity", "warning");
    }

    @Test
    void aTargetWithTheSameEqualLabelsIsInhibitedWhileTheSourceFires() {
        h.alert(source("fra"), minutes(0));

        Outcome outcome = h.alert(target("lat-1", "fra"), minutes(1));

        assertThat(outcome.incidents()).isEmpty();
        assertThat(outcome.held()).isEqualTo(new Outcome.Held(0, 1, 0));
        TrackedAlert tracked = h.state.rawAlert("chat", "lat-1");
        assertThat(tracked.getInhibitedBy()).isEqualTo("dc-down-fra");
        assertThat(tracked.getIncidentId()).isNull();
        assertThat(h.tracking(h.onlyIncident().getIncidentId()).getFiringAlerts())
                .isEqualTo(1);
    }

    @Test
    void aTargetWithOtherValuesOfTheEqualLabelsIsNotInhibited() {
        h.alert(source("fra"), minutes(0));

        h.alert(target("lat-1", "ams"), minutes(1));

        assertThat(h.state.rawAlert("chat", "lat-1").getInhibitedBy()).isNull();
        assertThat(h.state.rawAlert("chat", "lat-1").getIncidentId()).isNotNull();
    }

    @Test
    void aResolvedSourceInhibitsNothing() {
        h.alert(source("fra"), minutes(0));
        h.alert(source("fra").resolved(), minutes(1));

        h.alert(target("lat-1", "fra"), minutes(2));

        assertThat(h.state.rawAlert("chat", "lat-1").getInhibitedBy()).isNull();
    }

    @Test
    void inhibitionStaysWithinTheProduct() {
        h.alert(source("fra").product("voice"), minutes(0));

        h.alert(target("lat-1", "fra"), minutes(1));

        assertThat(h.state.rawAlert("chat", "lat-1").getIncidentId()).isNotNull();
    }

    @Test
    void anAlertNeverInhibitsItself() {
        Harness both = Harness.withPolicy("""
                inhibit_rules:
                  - source_matchers: ['severity="critical"']
                    target_matchers: ['severity="critical"']
                    equal: [dc]
                """);

        both.alert(alert("a").label("severity", "critical").label("dc", "fra"), minutes(0));
        both.alert(alert("a").label("severity", "critical").label("dc", "fra"), minutes(1));
        both.alert(alert("b").label("severity", "critical").label("dc", "fra"), minutes(2));

        assertThat(both.state.rawAlert("chat", "a").getIncidentId()).isNotNull();
        assertThat(both.state.rawAlert("chat", "a").getHeldSince()).isNull();
        assertThat(both.state.rawAlert("chat", "b").getInhibitedBy()).isEqualTo("a");
    }

    @Test
    void whenTheSourceResolvesStillFiringTargetsAreCorrelatedAtThatEventTime() {
        h.alert(source("fra"), minutes(0));
        h.alert(target("lat-1", "fra"), minutes(1));
        h.alert(target("lat-2", "fra"), minutes(2));
        h.alert(target("lat-2", "fra").resolved(), minutes(3));

        Outcome resolve = h.alert(source("fra").resolved(), minutes(10));

        TrackedAlert released = h.state.rawAlert("chat", "lat-1");
        assertThat(released.getIncidentId()).isNotNull();
        assertThat(released.getHeldSince()).isNull();
        assertThat(released.getInhibitedBy()).as("kept as the record").isEqualTo("dc-down-fra");
        assertThat(h.tracking(released.getIncidentId()).getFiringAlerts()).isEqualTo(1);
        assertThat(resolve.events()).anyMatch(e -> "lat-1".equals(e.getAlertFingerprint()));
        assertThat(h.state.rawAlert("chat", "lat-2").getIncidentId())
                .as("resolved while inhibited")
                .isNull();
        assertThat(h.state.heldAlerts("chat")).isEmpty();
    }

    @Test
    void withoutInhibitRulesNoAlertIsFiledAsASource() {
        Harness plain = new Harness();

        plain.alert(source("fra"), minutes(0));

        assertThat(plain.state.rawAlert("chat", "dc-down-fra").getInhibitorKeys())
                .isEmpty();
    }
}
