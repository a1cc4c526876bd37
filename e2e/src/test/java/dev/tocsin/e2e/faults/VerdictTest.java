package dev.tocsin.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Incident;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The suite's pass rules, without Kafka: what the checker read before and after a scenario. */
class VerdictTest {

    private static final Predicate<String> OWN = id -> id.startsWith("host-");

    @Test
    void everyAcknowledgedAlertWrittenAndTakenInOncePasses() {
        ScenarioResult result = judge(Set.of("host-1", "host-2"), healthy("host-1", "host-2"), 0);
        assertThat(result.passed()).as(result.failures().toString()).isTrue();
        assertThat(result.inAlerts()).isEqualTo(2);
    }

    @Test
    void anAcknowledgedAlertMissingFromTheAlertsTopicIsLost() {
        PipelineOutput after = healthy("host-1");
        ScenarioResult result = judge(Set.of("host-1", "host-2"), after, 0);
        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.failures()).anyMatch(f -> f.contains("missing from tocsin.alerts"));
    }

    @Test
    void anAcknowledgedAlertTakenIntoNoIncidentIsLost() {
        PipelineOutput after = healthy("host-1", "host-2");
        after.alertsInIncidents.remove("host-2");
        after.incidents.get("i-1").setAlertCount(1);
        ScenarioResult result = judge(Set.of("host-1", "host-2"), after, 0);
        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.failures()).containsExactly("1 acknowledged alerts taken into no incident");
    }

    @Test
    void anAlertWrittenTwiceIsADuplicateEvenIfNeverAcknowledged() {
        PipelineOutput after = healthy("host-1", "host-2");
        after.alertCopies.put("host-2", 2);
        ScenarioResult result = judge(Set.of("host-1"), after, 0);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.passed()).isFalse();
    }

    @Test
    void aStatusEventOrNotificationIdWrittenTwiceDuringTheScenarioFails() {
        PipelineOutput after = healthy("host-1");
        after.idCopies.put("tocsin.notifications", new java.util.HashMap<>(java.util.Map.of("n-1", 2, "n-2", 1)));
        ScenarioResult result = judge(Set.of("host-1"), after, 0);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.failures())
                .containsExactly("1 incident event, status event or notification ids written twice");
    }

    @Test
    void incidentAlertCountsThatDoNotAddUpToTheAlertsTakenInFail() {
        PipelineOutput after = healthy("host-1", "host-2");
        after.incidents.get("i-1").setAlertCount(3);
        assertThat(judge(Set.of("host-1", "host-2"), after, 0).failures())
                .containsExactly("incidents count 3 alerts, 2 were taken in");
    }

    @Test
    void deadLettersMustEqualThePoisonInjectedNeitherMoreNorFewer() {
        PipelineOutput after = healthy("host-1");
        after.deadLetters = 12;
        assertThat(judge(Set.of("host-1"), after, 12).passed()).isTrue();
        assertThat(judge(Set.of("host-1"), after, 6).failures()).containsExactly("dead letters 12, poison injected 6");
        after.deadLetters = 11;
        assertThat(judge(Set.of("host-1"), after, 12).passed()).isFalse();
    }

    @Test
    void aBrokenPromiseOfTheFaultItselfFailsTheScenario() {
        ScenarioResult result = Verdict.judge(
                "Kafka unreachable",
                1,
                Set.of("host-1"),
                OWN,
                new PipelineOutput(),
                healthy("host-1"),
                0,
                List.of("run 1: 2 requests answered 2xx while no broker could be reached"));
        assertThat(result.passed()).isFalse();
    }

    private static ScenarioResult judge(Set<String> acknowledged, PipelineOutput after, long poison) {
        return Verdict.judge("scenario", 1, acknowledged, OWN, new PipelineOutput(), after, poison, List.of());
    }

    /** Output in which every given alert was written once and taken into incident i-1 once. */
    private static PipelineOutput healthy(String... ids) {
        PipelineOutput out = new PipelineOutput();
        for (String id : ids) {
            out.alertCopies.put(id, 1);
            out.alertsInIncidents.put(id, 1);
        }
        Incident incident = new Incident();
        incident.setIncidentId("i-1");
        incident.setAlertCount(ids.length);
        out.incidents.put("i-1", incident);
        return out;
    }
}
