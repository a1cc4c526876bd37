package dev.tocsin.publisher.domain;

import static dev.tocsin.publisher.domain.TestData.CATALOG;
import static dev.tocsin.publisher.domain.TestData.T0;
import static dev.tocsin.publisher.domain.TestData.incident;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.AlertRef;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.Evidence;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.StatusImpact;
import dev.tocsin.avro.TicketLink;
import dev.tocsin.avro.TimelineEntry;
import dev.tocsin.publisher.web.StatuspageJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicIncidentsTest {

    private static final StatuspageJson JSON = new StatuspageJson(new StatuspageJson.Page(
            "tocsinpage01", "Tocsin", "https://status.example.com", "Etc/UTC", T0.minus(Duration.ofDays(30))));

    @Test
    void internalEvidenceOrganizationsAndTicketIdsNeverAppearPublicly() {
        Incident i = incident("inc-42")
                .severity(Severity.SEV2)
                .raw()
                .setTitle("Chat down for ACME-Corp after deploy")
                .setAffectedOrganizations(List.of("ACME-Corp", "org-7781"))
                .setLinkedTickets(List.of(TicketLink.newBuilder()
                        .setTicketId("ZD-99123")
                        .setOrganizationId("org-7781")
                        .setLinkedAt(T0)
                        .build()))
                .setAlerts(List.of(AlertRef.newBuilder()
                        .setFingerprint("fp-3f9a2c")
                        .setStatus(AlertStatus.FIRING)
                        .setSignal(Signal.ERROR_RATE)
                        .setSummary("error rate on pod chat-7 for ACME-Corp")
                        .setFirstSeenAt(T0)
                        .setLastSeenAt(T0)
                        .build()))
                .setEvidence(List.of(Evidence.newBuilder()
                        .setRule("same-product-open-incident")
                        .setMatchedKeys(Map.of("product", "chat", "ticket", "ZD-99123"))
                        .setAt(T0)
                        .setTicketId("ZD-99123")
                        .setAlertFingerprint("fp-3f9a2c")
                        .build()))
                .setTimeline(List.of(
                        dev.tocsin.avro.TimelineEntry.newBuilder()
                                .setAt(T0.plusSeconds(60))
                                .setType(IncidentEventType.TICKET_LINKED)
                                .setActor("alice.operator")
                                .setMessage("ZD-99123 from ACME-Corp linked")
                                .setIsPublic(false)
                                .build(),
                        dev.tocsin.avro.TimelineEntry.newBuilder()
                                .setAt(T0.plusSeconds(120))
                                .setType(IncidentEventType.UPDATE_POSTED)
                                .setActor("alice.operator")
                                .setMessage("Some messages are delayed.")
                                .setIsPublic(true)
                                .build()))
                .build();
        PublicState state = PublicState.of(CATALOG, List.of(i), List.of(), T0.plusSeconds(180), Messages.english());

        String rendered = Fixtures.tree(JSON.summary(state)).toString() + Fixtures.tree(JSON.incidents(state));

        assertThat(rendered)
                .contains("Some messages are delayed.")
                .doesNotContain(
                        "ACME-Corp",
                        "org-7781",
                        "ZD-99123",
                        "fp-3f9a2c",
                        "same-product-open-incident",
                        "alice.operator",
                        "inc-42",
                        "after deploy",
                        "chat-7");
    }

    @Test
    void singleCustomerUnpublishedAndMergedIncidentsAreNotPublic() {
        List<Incident> incidents = List.of(
                incident("a").scope(Scope.SINGLE_CUSTOMER).build(),
                incident("b").published(false).build(),
                incident("c").mergedInto("d").build(),
                incident("d").scope(Scope.GLOBAL).build());

        assertThat(PublicIncidents.of(incidents, CATALOG, Messages.english()))
                .extracting(PublicIncident::incidentId)
                .containsExactly("d");
    }

    @Test
    void everyWithheldIncidentNamesItsReasonAndOnlyPublicOnesNameNone() {
        PublicProducts products = PublicProducts.of(CATALOG, "unclassified");
        Instant horizon = T0.minus(Duration.ofDays(30));
        assertThat(PublicIncidents.withheldBecause(
                        incident("a").scope(Scope.SINGLE_CUSTOMER).build(), products, horizon))
                .contains(PublicIncidents.SINGLE_CUSTOMER);
        assertThat(PublicIncidents.withheldBecause(
                        incident("b").published(false).build(), products, horizon))
                .contains(PublicIncidents.NOT_PUBLISHED);
        assertThat(PublicIncidents.withheldBecause(incident("c").mergedInto("d").build(), products, horizon))
                .contains(PublicIncidents.MERGED);
        assertThat(PublicIncidents.withheldBecause(
                        incident("e").product("kafka-broker-7").build(), products, horizon))
                .contains(PublicProducts.UNKNOWN_PRODUCT);
        assertThat(PublicIncidents.withheldBecause(
                        incident("f").product("unclassified").published(false).build(), products, horizon))
                .as("the product allow-list is applied first, as the topology filters before the page")
                .contains(PublicProducts.UNCLASSIFIED);
        assertThat(PublicIncidents.withheldBecause(
                        incident("g")
                                .status(PublicStatus.RESOLVED)
                                .resolvedAt(horizon.minusSeconds(1))
                                .build(),
                        products,
                        horizon))
                .contains(PublicIncidents.PAST_HISTORY);
        assertThat(PublicIncidents.withheldBecause(
                        incident("h").scope(Scope.GLOBAL).build(), products, horizon))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"SEV1, CRITICAL", "SEV2, MAJOR", "SEV3, MINOR", "SEV4, NONE"})
    void impactFollowsSeverity(Severity severity, StatusImpact impact) {
        assertThat(PublicIncidents.impact(severity)).isEqualTo(impact);
    }

    @Test
    void automaticFirstUpdateWhenPublishedWithoutMessage() {
        Incident i = incident("i1").severity(Severity.SEV3).build();

        PublicIncident view =
                PublicIncidents.view(i, CATALOG, Messages.english()).orElseThrow();

        assertThat(view.name()).isEqualTo("Degraded performance of Chat");
        assertThat(view.updates()).singleElement().satisfies(u -> {
            assertThat(u.body()).isEqualTo("We are investigating degraded performance of Chat.");
            assertThat(u.status()).isEqualTo(PublicStatus.INVESTIGATING);
            assertThat(u.automatic()).isTrue();
            assertThat(u.createdAt()).isEqualTo(T0);
        });
    }

    @Test
    void automaticFirstUpdateIsLocalizedInGermanAndJapanese() {
        Incident i = incident("i1").severity(Severity.SEV3).build();

        assertThat(PublicIncidents.view(i, CATALOG, Messages.forLanguage("de"))
                        .orElseThrow()
                        .latestUpdate()
                        .body())
                .isEqualTo("Wir untersuchen eine eingeschränkte Leistung von Chat.");
        assertThat(PublicIncidents.view(i, CATALOG, Messages.forLanguage("ja"))
                        .orElseThrow()
                        .latestUpdate()
                        .body())
                .isEqualTo("Chatのパフォーマンス低下を調査しています。");
    }

    @Test
    void internalNotePostedAsAnUpdateIsNoPublicUpdateAndNoStatusChange() {
        Instant t1 = T0.plusSeconds(60);
        Incident before = incident("i1")
                .publicMessage(T0, IncidentEventType.UPDATE_POSTED, "We are looking into delays.")
                .build();
        List<TimelineEntry> timeline = new ArrayList<>(before.getTimeline());
        // what the correlator writes for POST_UPDATE with internal: true
        timeline.add(TimelineEntry.newBuilder()
                .setAt(t1)
                .setType(IncidentEventType.UPDATE_POSTED)
                .setActor("support@example.com")
                .setMessage("acme confirmed by phone")
                .setIsPublic(false)
                .setStatus(PublicStatus.INVESTIGATING)
                .build());
        Incident after = Incident.newBuilder(before)
                .setTimeline(timeline)
                .setUpdatedAt(t1)
                .setVersion(before.getVersion() + 1)
                .build();

        assertThat(PublicIncidents.view(after, CATALOG, Messages.english())
                        .orElseThrow()
                        .updates())
                .extracting(PublicIncident.Update::body)
                .containsExactly("We are looking into delays.");
        assertThat(StatusChanges.between(
                        TestData.state(T0, List.of(before), List.of()), TestData.state(t1, List.of(after), List.of())))
                .isEmpty();
    }

    @Test
    void publicTimelineEntriesBecomeUpdatesNewestFirstWithReconstructedStatus() {
        Instant t1 = T0.plusSeconds(60);
        Instant t2 = T0.plusSeconds(600);
        Instant t3 = T0.plusSeconds(1200);
        Incident i = incident("i1")
                .status(PublicStatus.RESOLVED)
                .resolvedAt(t3)
                .updatedAt(t3)
                .publicMessage(t1, IncidentEventType.PUBLISHED, "We are looking into delays.")
                .internalNote(t2.minusSeconds(1), "internal only")
                .publicMessage(t2, IncidentEventType.UPDATE_POSTED, "A fix is rolling out.")
                .publicMessage(t3, IncidentEventType.RESOLVED, "All good again.")
                .build();

        PublicIncident view =
                PublicIncidents.view(i, CATALOG, Messages.english()).orElseThrow();

        assertThat(view.updates())
                .extracting(PublicIncident.Update::body)
                .containsExactly("All good again.", "A fix is rolling out.", "We are looking into delays.");
        assertThat(view.updates())
                .extracting(PublicIncident.Update::status)
                .containsExactly(PublicStatus.RESOLVED, PublicStatus.INVESTIGATING, PublicStatus.INVESTIGATING);
        assertThat(view.resolvedAt()).isEqualTo(t3);
    }

    @Test
    void resolvedWithoutMessageGetsAnAutomaticResolvedUpdate() {
        Incident i = incident("i1")
                .status(PublicStatus.RESOLVED)
                .resolvedAt(T0.plusSeconds(900))
                .build();

        PublicIncident view =
                PublicIncidents.view(i, CATALOG, Messages.forLanguage("de")).orElseThrow();

        assertThat(view.updates())
                .extracting(PublicIncident.Update::status)
                .containsExactly(PublicStatus.RESOLVED, PublicStatus.INVESTIGATING);
        assertThat(view.latestUpdate().body()).isEqualTo("Dieser Vorfall wurde behoben.");
    }
}
