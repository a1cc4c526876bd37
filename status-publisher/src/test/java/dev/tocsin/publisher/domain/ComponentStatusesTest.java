package dev.tocsin.publisher.domain;

import static dev.tocsin.publisher.domain.TestData.CATALOG;
import static dev.tocsin.publisher.domain.TestData.T0;
import static dev.tocsin.publisher.domain.TestData.incident;
import static dev.tocsin.publisher.domain.TestData.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComponentStatusesTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "SEV1, PLATFORM, MAJOR_OUTAGE",
        "SEV2, PLATFORM, PARTIAL_OUTAGE",
        "SEV3, PLATFORM, DEGRADED_PERFORMANCE",
        "SEV4, PLATFORM, OPERATIONAL",
        "SEV1, GLOBAL, MAJOR_OUTAGE",
        "SEV2, GLOBAL, PARTIAL_OUTAGE",
        "SEV3, GLOBAL, DEGRADED_PERFORMANCE",
        "SEV4, GLOBAL, OPERATIONAL",
        "SEV1, SINGLE_CUSTOMER, OPERATIONAL",
        "SEV3, SINGLE_CUSTOMER, OPERATIONAL",
    })
    void severityAndScopeMapToComponentStatus(Severity severity, Scope scope, ComponentStatus expected) {
        Incident i = incident("i1").severity(severity).scope(scope).build();

        Map<String, ComponentStatus> statuses = ComponentStatuses.compute(CATALOG, List.of(i), List.of(), T0);

        assertThat(statuses).containsEntry("chat", expected);
    }

    @Test
    void singleCustomerIncidentNeverChangesPublicStatus() {
        Incident i = incident("i1")
                .severity(Severity.SEV1)
                .scope(Scope.SINGLE_CUSTOMER)
                .published(true)
                .build();

        Map<String, ComponentStatus> statuses = ComponentStatuses.compute(CATALOG, List.of(i), List.of(), T0);

        assertThat(statuses.values()).containsOnly(ComponentStatus.OPERATIONAL);
    }

    @Test
    void theWorstActiveIncidentWinsAndResolvedOrMergedIncidentsDoNotCount() {
        List<Incident> incidents = List.of(
                incident("a").severity(Severity.SEV3).build(),
                incident("b").severity(Severity.SEV2).build(),
                incident("c")
                        .severity(Severity.SEV1)
                        .status(PublicStatus.RESOLVED)
                        .build(),
                incident("d").severity(Severity.SEV1).mergedInto("b").build());

        assertThat(ComponentStatuses.compute(CATALOG, incidents, List.of(), T0))
                .containsEntry("chat", ComponentStatus.PARTIAL_OUTAGE);
    }

    @Test
    void unpublishedPlatformIncidentStillChangesComponentStatus() {
        Incident i = incident("i1").severity(Severity.SEV2).published(false).build();

        assertThat(ComponentStatuses.compute(CATALOG, List.of(i), List.of(), T0))
                .containsEntry("chat", ComponentStatus.PARTIAL_OUTAGE);
    }

    @Test
    void componentsAreCatalogProductsPlusProductsSeenInIncidents() {
        Incident i = incident("i1").product("video").severity(Severity.SEV3).build();

        assertThat(ComponentStatuses.compute(CATALOG, List.of(i), List.of(), T0).keySet())
                .containsExactly("chat", "meet", "mail", "video");
    }

    @Test
    void operatorMaintenanceShowsUnderMaintenance() {
        var inProgress = window(
                "w1", MaintenanceState.IN_PROGRESS, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)), "meet");
        var verifying = window(
                "w2", MaintenanceState.VERIFYING, T0.minus(Duration.ofHours(2)), T0.minus(Duration.ofHours(1)), "mail");

        Map<String, ComponentStatus> statuses =
                ComponentStatuses.compute(CATALOG, List.of(), List.of(inProgress, verifying), T0);

        assertThat(statuses)
                .containsEntry("meet", ComponentStatus.UNDER_MAINTENANCE)
                .containsEntry("mail", ComponentStatus.UNDER_MAINTENANCE)
                .containsEntry("chat", ComponentStatus.OPERATIONAL);
    }

    @Test
    void scheduledMaintenanceShowsUnderMaintenanceOnlyInsideItsWindow() {
        var w = window("w1", MaintenanceState.SCHEDULED, T0, T0.plus(Duration.ofHours(2)), "chat");

        assertThat(ComponentStatuses.compute(CATALOG, List.of(), List.of(w), T0.minusSeconds(1)))
                .containsEntry("chat", ComponentStatus.OPERATIONAL);
        assertThat(ComponentStatuses.compute(CATALOG, List.of(), List.of(w), T0))
                .containsEntry("chat", ComponentStatus.UNDER_MAINTENANCE);
        assertThat(ComponentStatuses.compute(CATALOG, List.of(), List.of(w), T0.plus(Duration.ofHours(2))))
                .containsEntry("chat", ComponentStatus.OPERATIONAL);
    }

    @Test
    void cancelledOrCompletedMaintenanceIsNotActive() {
        var cancelled = window("w1", MaintenanceState.CANCELLED, T0.minusSeconds(60), T0.plusSeconds(60), "chat");
        var completed = window("w2", MaintenanceState.COMPLETED, T0.minusSeconds(60), T0.plusSeconds(60), "meet");

        assertThat(ComponentStatuses.compute(CATALOG, List.of(), List.of(cancelled, completed), T0)
                        .values())
                .containsOnly(ComponentStatus.OPERATIONAL);
    }

    @Test
    void anOutageWinsOverMaintenanceButSev4DoesNot() {
        var w = window("w1", MaintenanceState.IN_PROGRESS, T0, T0.plusSeconds(3600), "chat", "meet");
        List<Incident> incidents = List.of(
                incident("a").product("chat").severity(Severity.SEV2).build(),
                incident("b").product("meet").severity(Severity.SEV4).build());

        Map<String, ComponentStatus> statuses = ComponentStatuses.compute(CATALOG, incidents, List.of(w), T0);

        assertThat(statuses)
                .containsEntry("chat", ComponentStatus.PARTIAL_OUTAGE)
                .containsEntry("meet", ComponentStatus.UNDER_MAINTENANCE);
    }

    @Test
    void singleCustomerIncidentOnAnUnknownProductDoesNotRevealTheProduct() {
        Incident secret = incident("i1")
                .product("acme-private-edition")
                .scope(Scope.SINGLE_CUSTOMER)
                .build();
        Incident unpublishedPlatform =
                incident("i2").product("newproduct").published(false).build();

        Map<String, ComponentStatus> statuses =
                ComponentStatuses.compute(CATALOG, List.of(secret, unpublishedPlatform), List.of(), T0);

        assertThat(statuses).doesNotContainKey("acme-private-edition").containsKey("newproduct");
    }
}
