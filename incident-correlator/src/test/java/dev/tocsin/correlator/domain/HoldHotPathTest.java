package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Silence;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The storm path pays (almost) nothing for holds it does not use: with no silence, no inhibit rule
 * and no dependency, an alert asks for the silences at most once and touches no other hold state.
 */
class HoldHotPathTest {

    /** Counts what the rules ask of the hold state. */
    private static final class CountingState extends InMemoryState {
        int silenceReads;
        int otherHoldCalls;

        @Override
        public Collection<Silence> silences() {
            silenceReads++;
            return super.silences();
        }

        @Override
        public List<String> openIncidentsOf(String product) {
            otherHoldCalls++;
            return super.openIncidentsOf(product);
        }

        @Override
        public List<String> heldAlerts(String product) {
            otherHoldCalls++;
            return super.heldAlerts(product);
        }

        @Override
        public void markHeld(String product, String fingerprint, boolean held) {
            otherHoldCalls++;
            super.markHeld(product, fingerprint, held);
        }

        @Override
        public List<String> inhibitors(String group, int limit) {
            otherHoldCalls++;
            return super.inhibitors(group, limit);
        }

        @Override
        public void markInhibitor(String group, String fingerprint, boolean firing) {
            otherHoldCalls++;
            super.markInhibitor(group, fingerprint, firing);
        }
    }

    @Test
    void withoutSilencesRulesOrDependenciesAStormTouchesNoHoldStateBeyondOneSilenceCheckPerNewAlert() {
        CountingState state = new CountingState();
        Harness h = new Harness(Policy.defaults(), state);
        int alerts = 200;

        for (int n = 0; n < alerts; n++) {
            h.alert(alert("fp-" + n).label("alertname", "Storm"), minutes(0).plusSeconds(n));
        }
        for (int n = 0; n < alerts; n++) {
            h.alert(alert("fp-" + n).label("alertname", "Storm"), minutes(5).plusSeconds(n)); // repeats
            h.alert(
                    alert("fp-" + n).label("alertname", "Storm").resolved(),
                    minutes(10).plusSeconds(n));
        }

        assertThat(state.silenceReads)
                .as("one check per new alert; repeats and resolves ask nothing")
                .isEqualTo(alerts);
        assertThat(state.otherHoldCalls).isZero();
    }
}
