package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.command;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A policy change takes effect on incidents already open: deadlines are recomputed from the policy
 * in force, never read back from the snapshot written under the old one. A lengthened target used
 * to leave the old, passed deadline in the product's index, and every later input of the product
 * failed with "still due ... after its transitions".
 */
class PolicyChangeTest {

    private static Policy lengthenedFirstResponse() throws Exception {
        String yaml;
        try (var in = Objects.requireNonNull(PolicyLoader.class.getResourceAsStream("default-policy.yaml"))) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Policy.parse(yaml.replace("1: {firstResponse: PT15M,", "1: {firstResponse: PT4H,"), "lengthened policy");
    }

    @Test
    void lengthenedTargetMovesTheDeadlineInsteadOfWedgingTheProduct() throws Exception {
        Harness before = new Harness();
        before.alert(alert("fp-1").signal(Signal.AVAILABILITY).hint(SeverityHint.CRITICAL), minutes(0));
        String id = before.onlyIncident().getIncidentId();
        assertThat(before.incident(id).getSla().getFirstResponseDue()).isEqualTo(minutes(15));

        Harness after = new Harness(lengthenedFirstResponse(), before.state); // a restart with the new policy

        assertThat(after.clock("chat", minutes(20)).events())
                .as("the old 15-minute target no longer applies")
                .isEmpty();
        after.alert(alert("fp-2").signal(Signal.AVAILABILITY).hint(SeverityHint.CRITICAL), minutes(21));
        after.command(command(CommandType.RESOLVE, id), minutes(22));
        assertThat(after.incident(id).getStatus()).isEqualTo(PublicStatus.RESOLVED);
        assertThat(after.events(IncidentEventType.SLA_BREACHED)).isEmpty();
    }

    @Test
    void lengthenedTargetStillFiresAtItsNewDeadline() throws Exception {
        Harness before = new Harness();
        before.alert(alert("fp-1").signal(Signal.AVAILABILITY).hint(SeverityHint.CRITICAL), minutes(0));
        Harness after = new Harness(lengthenedFirstResponse(), before.state);

        after.clock("chat", minutes(20));
        after.clock("chat", minutes(241));

        assertThat(after.events(IncidentEventType.SLA_BREACHED))
                .singleElement()
                .satisfies(e -> assertThat(e.getDeadline()).isEqualTo(minutes(240)));
    }
}
