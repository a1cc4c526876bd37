package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.command;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static dev.tocsin.correlator.domain.TestData.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.TicketLink;
import dev.tocsin.avro.TicketState;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TriageOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 5: triage of customer reports, in order. */
class TriageTest {

    private final Harness h = new Harness();

    @Test
    void networkComplaintIsStandardTroubleshootingNamingTheArea() {
        Outcome outcome = h.report(
                report("T-1").subject("Calls drop").description("Our office network was changed yesterday"),
                minutes(0));

        assertThat(outcome.ticketUpdates()).singleElement().satisfies(update -> {
            assertThat(update.getKind()).isEqualTo(TicketUpdateKind.TRIAGED);
            assertThat(update.getTriageOutcome()).isEqualTo(TriageOutcome.STANDARD_TROUBLESHOOTING);
            assertThat(update.getReason()).startsWith("customer-responsibility: network");
            assertThat(update.getIncidentId()).isNull();
        });
        assertThat(h.state.incidents()).isEmpty();
    }

    @Test
    void customerResponsibilityMatchesTagsAndWholeWordsOnly() {
        CustomerResponsibility table = new CustomerResponsibility(
                Policy.defaults().customerResponsibility(), Policy.defaults().triageLanguages());

        assertThat(table.match("Calls fail", null, List.of("sip_trunk")))
                .get()
                .extracting(CustomerResponsibility.Match::area)
                .isEqualTo("carrier");
        assertThat(table.match("Wi-Fi keeps dropping", null, null))
                .get()
                .extracting(CustomerResponsibility.Match::area)
                .isEqualTo("wi-fi");
        assertThat(table.match("Our IVR menu plays the wrong prompt", null, null))
                .get()
                .extracting(CustomerResponsibility.Match::area)
                .isEqualTo("configuration");
        // "dns" inside another word is no match
        assertThat(table.match("Chat widget shows sdnsx error", null, null)).isEmpty();
    }

    @Test
    void customerResponsibilityWinsOverAnOpenIncident() {
        h.alert(alert("fp-1"), minutes(0));

        Outcome outcome = h.report(report("T-1").subject("Jitter on all calls"), minutes(1));

        assertThat(outcome.ticketUpdates()).singleElement().satisfies(update -> {
            assertThat(update.getTriageOutcome()).isEqualTo(TriageOutcome.STANDARD_TROUBLESHOOTING);
            assertThat(update.getReason()).startsWith("customer-responsibility: qos");
        });
        assertThat(h.onlyIncident().getTicketCount()).isZero();
    }

    @Test
    void ticketForProductWithOpenIncidentIsLinkedNotDuplicated() {
        h.alert(alert("fp-1"), minutes(0));
        String id = h.onlyIncident().getIncidentId();
        h.command(
                command(CommandType.SET_STATUS, id)
                        .status(PublicStatus.IDENTIFIED)
                        .message("A bad deploy; rolling back"),
                minutes(2));

        Outcome outcome = h.report(report("T-1").org("org-1"), minutes(5));

        assertThat(outcome.ticketUpdates()).singleElement().satisfies(update -> {
            assertThat(update.getKind()).isEqualTo(TicketUpdateKind.TRIAGED);
            assertThat(update.getTriageOutcome()).isEqualTo(TriageOutcome.LINKED);
            assertThat(update.getIncidentId()).isEqualTo(id);
            assertThat(update.getIncidentStatus()).isEqualTo(PublicStatus.IDENTIFIED);
            assertThat(update.getIncidentSeverity()).isEqualTo(Severity.SEV2);
            assertThat(update.getPublicMessage()).isEqualTo("A bad deploy; rolling back");
            assertThat(update.getDuplicateOf()).isNull();
            assertThat(update.getTicketState()).isEqualTo(TicketState.IN_PROGRESS);
        });
        Incident incident = h.onlyIncident();
        assertThat(incident.getTicketCount()).isEqualTo(1);
        assertThat(incident.getAffectedOrganizations()).containsExactly("org-1");
        assertThat(h.ticket("T-1").getIncidentId()).isEqualTo(id);
    }

    @Test
    void secondTicketFromSameOrganizationIsDuplicateOfTheFirst() {
        h.alert(alert("fp-1"), minutes(0));
        h.report(report("T-1").org("org-1"), minutes(1));

        Outcome outcome = h.report(report("T-2").org("org-1"), minutes(2));

        TicketUpdate update = outcome.ticketUpdates().get(0);
        assertThat(update.getKind()).isEqualTo(TicketUpdateKind.DUPLICATE);
        assertThat(update.getTriageOutcome()).isEqualTo(TriageOutcome.LINKED);
        assertThat(update.getDuplicateOf()).isEqualTo("T-1");
        assertThat(update.getTicketState()).isEqualTo(TicketState.DUPLICATE);
        Incident incident = h.onlyIncident();
        assertThat(incident.getTicketCount()).isEqualTo(2);
        assertThat(incident.getOrganizationCount()).isEqualTo(1);
        assertThat(incident.getLinkedTickets())
                .extracting(TicketLink::getDuplicateOf)
                .containsExactly(null, "T-1");
    }

    @Test
    void singleReportIsStandardTroubleshootingForASingleCustomer() {
        Outcome outcome = h.report(report("T-1"), minutes(0));

        assertThat(outcome.ticketUpdates()).singleElement().satisfies(update -> {
            assertThat(update.getTriageOutcome()).isEqualTo(TriageOutcome.STANDARD_TROUBLESHOOTING);
            assertThat(update.getReason()).startsWith("single-customer");
        });
        assertThat(h.state.rawProduct("chat").getRecentReports()).hasSize(1);
    }

    @Test
    void thirdOrganizationWithinWindowOpensCustomerReportedIncidentLinkingEarlierReports() {
        h.report(report("T-1").org("org-1"), minutes(0));
        h.report(report("T-2").org("org-1"), minutes(5));
        h.report(report("T-3").org("org-2"), minutes(10));

        Outcome outcome = h.report(report("T-4").org("org-3"), minutes(20));

        Incident incident = h.onlyIncident();
        assertThat(incident.getCustomerReported()).isTrue();
        assertThat(incident.getStatus()).isEqualTo(PublicStatus.INVESTIGATING);
        assertThat(incident.getScope()).isEqualTo(Scope.PLATFORM);
        // three P4 organizations: severity 4 raised one level by breadth
        assertThat(incident.getSeverity()).isEqualTo(Severity.SEV3);
        assertThat(incident.getTicketCount()).isEqualTo(4);
        assertThat(incident.getOrganizationCount()).isEqualTo(3);
        assertThat(outcome.ticketUpdates())
                .extracting(TicketUpdate::getTicketId)
                .containsExactly("T-1", "T-2", "T-3", "T-4");
        assertThat(outcome.ticketUpdates())
                .allSatisfy(u -> assertThat(u.getIncidentId()).isEqualTo(incident.getIncidentId()));
        assertThat(outcome.ticketUpdates().get(1).getKind()).isEqualTo(TicketUpdateKind.DUPLICATE);
        assertThat(outcome.ticketUpdates().get(1).getDuplicateOf()).isEqualTo("T-1");
        assertThat(outcome.ticketUpdates().get(3).getTriageOutcome()).isEqualTo(TriageOutcome.NEW_INCIDENT);
        assertThat(outcome.ticketUpdates().get(0).getTriageOutcome()).isEqualTo(TriageOutcome.LINKED);
        assertThat(h.state.rawProduct("chat").getRecentReports()).isEmpty();
    }

    @Test
    void reportsOutsideTheTriageWindowDoNotCount() {
        h.report(report("T-1").org("org-1"), minutes(0));
        h.report(report("T-2").org("org-2"), minutes(10));

        Outcome outcome = h.report(report("T-3").org("org-3"), minutes(65));

        assertThat(h.state.incidents()).isEmpty();
        assertThat(outcome.ticketUpdates().get(0).getReason()).startsWith("single-customer: 2 of 3");
    }

    @Test
    void unclassifiedProductIsStandardTroubleshooting() {
        Outcome outcome = h.report(report("T-1").product("unclassified"), minutes(0));

        assertThat(outcome.ticketUpdates()).singleElement().satisfies(update -> {
            assertThat(update.getTriageOutcome()).isEqualTo(TriageOutcome.STANDARD_TROUBLESHOOTING);
            assertThat(update.getReason()).startsWith("unknown-product");
        });
        assertThat(h.state.rawProduct("unclassified")).isNull();
    }

    @Test
    void theConfiguredUnclassifiedProductIsStandardTroubleshootingAndTheDefaultNameIsThenAProduct() {
        Harness configured = new Harness(Policy.defaults(), new InMemoryState(), "unrouted");

        Outcome unrouted = configured.report(report("T-1").product("unrouted"), minutes(0));
        Outcome named = configured.report(report("T-2").product("unclassified"), minutes(1));

        assertThat(unrouted.ticketUpdates().get(0).getTriageOutcome())
                .isEqualTo(TriageOutcome.STANDARD_TROUBLESHOOTING);
        assertThat(named.ticketUpdates().get(0).getReason()).doesNotStartWith("unknown-product");
    }

    @Test
    void resentLinkedTicketChangesNothing() {
        h.alert(alert("fp-1"), minutes(0));
        h.report(report("T-1"), minutes(1));

        Outcome again = h.report(report("T-1"), minutes(2));

        assertThat(again.isEmpty()).isTrue();
        assertThat(h.onlyIncident().getTicketCount()).isEqualTo(1);
    }

    @Test
    void resentStandardTicketIsTriagedAgainOnlyWhenTheDecisionChanges() {
        h.report(report("T-1"), minutes(0));
        assertThat(h.report(report("T-1"), minutes(1)).isEmpty()).isTrue();

        h.alert(alert("fp-1"), minutes(2));
        Outcome linked = h.report(report("T-1"), minutes(3));

        assertThat(linked.ticketUpdates())
                .singleElement()
                .extracting(TicketUpdate::getTriageOutcome)
                .isEqualTo(TriageOutcome.LINKED);
    }
}
