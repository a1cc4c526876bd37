package dev.tocsin.publisher.domain;

import static dev.tocsin.publisher.domain.TestData.CATALOG;
import static dev.tocsin.publisher.domain.TestData.T0;
import static dev.tocsin.publisher.domain.TestData.incident;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.StatusImpact;
import dev.tocsin.avro.TimelineEntry;
import dev.tocsin.publisher.web.StatuspageJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's component status, recorded update statuses and the postmortem status. */
class OperatorOverrideTest {

    @Test
    void operatorComponentStatusWinsOverSeverityWhileTheIncidentIsOpen() {
        Incident milder = incident("i1")
                .severity(Severity.SEV1)
                .raw()
                .setComponentStatusOverride(ComponentStatus.DEGRADED_PERFORMANCE)
                .build();
        Incident harsher = incident("i2")
                .product("meet")
                .severity(Severity.SEV4)
                .raw()
                .setComponentStatusOverride(ComponentStatus.MAJOR_OUTAGE)
                .build();

        var statuses = ComponentStatuses.compute(CATALOG, List.of(milder, harsher), List.of(), T0);

        assertThat(statuses)
                .containsEntry("chat", ComponentStatus.DEGRADED_PERFORMANCE)
                .containsEntry("meet", ComponentStatus.MAJOR_OUTAGE);
    }

    @Test
    void overriddenIncidentIsNamedAndRatedByTheOperatorsStatus() {
        Incident incident = incident("i1")
                .severity(Severity.SEV3)
                .raw()
                .setComponentStatusOverride(ComponentStatus.MAJOR_OUTAGE)
                .build();

        PublicIncident view =
                PublicIncidents.view(incident, CATALOG, Messages.english()).orElseThrow();

        assertThat(view.name()).isEqualTo("Major outage of Chat");
        assertThat(view.impact()).isEqualTo(StatusImpact.CRITICAL);
    }

    @Test
    void resolvedIncidentNoLongerCountsEvenWithAStaleOverride() {
        Incident resolved = incident("i1")
                .status(PublicStatus.RESOLVED)
                .raw()
                .setComponentStatusOverride(ComponentStatus.MAJOR_OUTAGE)
                .build();

        assertThat(ComponentStatuses.compute(CATALOG, List.of(resolved), List.of(), T0))
                .containsEntry("chat", ComponentStatus.OPERATIONAL);
    }

    @Test
    void updatesCarryTheStatusTheyWerePostedWith() {
        List<TimelineEntry> timeline = new ArrayList<>();
        timeline.add(entry(0, PublicStatus.IDENTIFIED, "Cause found."));
        timeline.add(entry(10, PublicStatus.MONITORING, "Fix deployed."));
        timeline.add(entry(20, PublicStatus.MONITORING, "Still watching."));
        Incident incident = incident("i1")
                .status(PublicStatus.MONITORING)
                .raw()
                .setTimeline(timeline)
                .build();

        PublicIncident view =
                PublicIncidents.view(incident, CATALOG, Messages.english()).orElseThrow();

        assertThat(view.updates())
                .extracting(PublicIncident.Update::status)
                .containsExactly(PublicStatus.MONITORING, PublicStatus.MONITORING, PublicStatus.IDENTIFIED);
    }

    @Test
    void publicUpdateAfterResolutionMakesItAPostmortem() {
        List<TimelineEntry> timeline = new ArrayList<>();
        timeline.add(entry(0, PublicStatus.RESOLVED, "Fixed."));
        Incident resolved = incident("i1")
                .status(PublicStatus.RESOLVED)
                .resolvedAt(T0)
                .raw()
                .setTimeline(timeline)
                .build();
        assertThat(PublicIncidents.view(resolved, CATALOG, Messages.english())
                        .orElseThrow()
                        .postmortem())
                .isFalse();

        timeline.add(entry(3 * 24 * 60, PublicStatus.RESOLVED, "Root cause: a config push. Actions: canaries."));
        Incident withRca = Incident.newBuilder(resolved).setTimeline(timeline).build();
        PublicIncident view =
                PublicIncidents.view(withRca, CATALOG, Messages.english()).orElseThrow();

        assertThat(view.postmortem()).isTrue();
        assertThat(new StatuspageJson(new StatuspageJson.Page("p", "Page", "https://status.example.com", "Etc/UTC", T0))
                        .incidents(new PublicState(
                                T0, CATALOG, java.util.Map.of(), List.of(view), List.of(), Messages.english()))
                        .toString())
                .contains("status=postmortem");
    }

    private static TimelineEntry entry(long minutes, PublicStatus status, String message) {
        return TimelineEntry.newBuilder()
                .setAt(T0.plus(Duration.ofMinutes(minutes)))
                .setType(IncidentEventType.UPDATE_POSTED)
                .setMessage(message)
                .setIsPublic(true)
                .setStatus(status)
                .build();
    }
}
