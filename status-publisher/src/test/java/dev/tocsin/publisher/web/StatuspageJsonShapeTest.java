package dev.tocsin.publisher.web;

import static dev.tocsin.publisher.domain.TestData.T0;
import static dev.tocsin.publisher.domain.TestData.incident;
import static dev.tocsin.publisher.domain.TestData.window;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Severity;
import dev.tocsin.publisher.domain.Fixtures;
import dev.tocsin.publisher.domain.Ids;
import dev.tocsin.publisher.domain.PublicState;
import dev.tocsin.publisher.domain.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Our responses have the keys and JSON value types of Statuspage's. The Discord captures (sp-11..14)
 * are current, complete responses: key sets must be equal. The Atlassian examples (sp-03..08) are an
 * older, smaller shape: their keys must all be present. A null on either side matches any type.
 */
class StatuspageJsonShapeTest {

    private static final StatuspageJson JSON = new StatuspageJson(new StatuspageJson.Page(
            "tocsinpage01", "Tocsin", "https://status.example.com", "Etc/UTC", T0.minus(Duration.ofDays(30))));

    private final PublicState state = TestData.state(
            T0.plus(Duration.ofHours(1)),
            List.of(
                    incident("open")
                            .severity(Severity.SEV2)
                            .status(PublicStatus.IDENTIFIED)
                            .publicMessage(T0.plusSeconds(60), IncidentEventType.PUBLISHED, "Messages are delayed.")
                            .publicMessage(T0.plusSeconds(600), IncidentEventType.STATUS_CHANGED, "Cause found.")
                            .build(),
                    incident("old")
                            .product("mail")
                            .severity(Severity.SEV3)
                            .status(PublicStatus.RESOLVED)
                            .resolvedAt(T0.minusSeconds(600))
                            .openedAt(T0.minus(Duration.ofHours(2)))
                            .build()),
            List.of(
                    window(
                            "upcoming",
                            MaintenanceState.SCHEDULED,
                            T0.plus(Duration.ofDays(7)),
                            T0.plus(Duration.ofDays(7).plusHours(6)),
                            "chat"),
                    window("running", MaintenanceState.IN_PROGRESS, T0, T0.plus(Duration.ofHours(3)), "meet")));

    @Test
    void summaryHasTheKeysAndTypesOfStatuspageSummary() {
        JsonNode ours = Fixtures.tree(JSON.summary(state));

        assertSameShape(Fixtures.statuspage("sp-13"), ours, "summary", true);
        assertSameShape(Fixtures.statuspage("sp-03"), ours, "summary", false);
        assertSameShape(
                Fixtures.statuspage("sp-11").at("/incidents/0"), ours.at("/incidents/0"), "summary.incidents", true);
        assertSameShape(
                Fixtures.statuspage("sp-12").at("/scheduled_maintenances/0"),
                ours.at("/scheduled_maintenances/0"),
                "summary.scheduled_maintenances",
                true);
        assertThat(ours.at("/status/indicator").asText()).isEqualTo("minor");
        assertThat(ours.get("incidents")).hasSize(1);
        assertThat(ours.get("scheduled_maintenances")).hasSize(2);
    }

    @Test
    void statusHasTheKeysAndTypesOfStatuspageStatus() {
        JsonNode ours = Fixtures.tree(JSON.status(state));

        assertSameShape(Fixtures.statuspage("sp-14"), ours, "status", true);
        assertSameShape(Fixtures.statuspage("sp-04"), ours, "status", false);
    }

    @Test
    void incidentsHaveTheKeysAndTypesOfStatuspageIncidents() {
        JsonNode ours = Fixtures.tree(JSON.incidents(state));

        assertSameShape(Fixtures.statuspage("sp-11"), ours, "incidents", true);
        assertSameShape(Fixtures.statuspage("sp-06"), ours, "incidents", false);
        assertThat(ours.get("incidents")).hasSize(2);
        assertThat(Fixtures.tree(JSON.unresolvedIncidents(state)).get("incidents"))
                .hasSize(1);
    }

    @Test
    void scheduledMaintenancesHaveTheKeysAndTypesOfStatuspageMaintenances() {
        JsonNode ours = Fixtures.tree(JSON.scheduledMaintenances(state));

        assertSameShape(Fixtures.statuspage("sp-12"), ours, "scheduled_maintenances", true);
        assertSameShape(Fixtures.statuspage("sp-08"), ours, "scheduled_maintenances", false);
        assertThat(Fixtures.tree(JSON.upcomingMaintenances(state))
                        .at("/scheduled_maintenances/0/status")
                        .asText())
                .isEqualTo("scheduled");
        assertThat(Fixtures.tree(JSON.activeMaintenances(state))
                        .at("/scheduled_maintenances/0/status")
                        .asText())
                .isEqualTo("in_progress");
    }

    @Test
    void publicIdsAreStableAndDerivedFromOurIds() {
        JsonNode first = Fixtures.tree(JSON.incidents(state));
        JsonNode again = Fixtures.tree(JSON.incidents(state));

        assertThat(first.at("/incidents/0/id").asText())
                .matches("[0-9a-z]{12}")
                .isEqualTo(Ids.incident("open"))
                .isEqualTo(again.at("/incidents/0/id").asText());
        assertThat(first.at("/incidents/0/incident_updates/0/incident_id").asText())
                .isEqualTo(Ids.incident("open"));
        assertThat(first.at("/incidents/0/components/0/id").asText()).isEqualTo(Ids.component("chat"));
    }

    /** Compares keys (all or at least the fixture's) and value types recursively; arrays by their first element. */
    static void assertSameShape(JsonNode fixture, JsonNode ours, String path, boolean exactKeys) {
        if (fixture == null || fixture.isNull() || fixture.isMissingNode() || ours == null || ours.isNull()) {
            return;
        }
        assertThat(ours.getNodeType()).as("type of %s", path).isEqualTo(fixture.getNodeType());
        if (fixture.isObject()) {
            Set<String> expected = names(fixture);
            Set<String> actual = names(ours);
            if (exactKeys) {
                assertThat(actual).as("keys of %s", path).isEqualTo(expected);
            } else {
                assertThat(actual).as("keys of %s", path).containsAll(expected);
            }
            for (String key : expected) {
                assertSameShape(fixture.get(key), ours.get(key), path + "." + key, exactKeys);
            }
        } else if (fixture.isArray() && !fixture.isEmpty() && !ours.isEmpty()) {
            assertSameShape(fixture.get(0), ours.get(0), path + "[0]", exactKeys);
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    @Test
    void shapeCheckDetectsAMissingKey() {
        JsonNode fixture = Fixtures.statuspage("sp-14");
        com.fasterxml.jackson.databind.node.ObjectNode broken =
                (com.fasterxml.jackson.databind.node.ObjectNode) Fixtures.tree(JSON.status(state));
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("page")).remove("time_zone");
        List<Throwable> failures = new ArrayList<>();
        try {
            assertSameShape(fixture, broken, "status", true);
        } catch (AssertionError e) {
            failures.add(e);
        }
        assertThat(failures).hasSize(1);
    }
}
