package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.command;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static dev.tocsin.correlator.domain.TestData.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.TicketState;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TicketUpdateKind;
import org.junit.jupiter.api.Test;

/** Rule 7 (evidence-driven part): quiet periods, status changes told to linked tickets. */
class LifecycleTest {

    private final Harness h = new Harness();

    @Test
    void newIncidentIsInvestigating() {
        h.alert(alert("fp-1"), minutes(0));

        assertThat(h.onlyIncident().getStatus()).isEqualTo(PublicStatus.INVESTIGATING);
        assertThat(h.onlyIncident().getVersion()).isEqualTo(1);
    }

    @Test
    void allAlertsResolvedForQuietPeriodMovesToMonitoringThenResolved() {
        h.alert(alert("fp-1"), minutes(0));
        h.alert(alert("fp-2"), minutes(1));
        h.alert(alert("fp-1").resolved(), minutes(5));
        h.alert(alert("fp-2").resolved(), minutes(10));

        // 15 minutes of quiet after the last alert resolved -> MONITORING
        assertThat(h.clock("chat", minutes(24)).isEmpty()).isTrue();
        Outcome monitoring = h.clock("chat", minutes(25));
        assertThat(h.onlyIncident().getStatus()).isEqualTo(PublicStatus.MONITORING);
        assertThat(monitoring.events()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(IncidentEventType.STATUS_CHANGED);
            assertThat(e.getAt()).isEqualTo(minutes(25));
        });

        // another hour of quiet -> RESOLVED, stamped with its deadline although the clock ran later
        Outcome resolved = h.clock("chat", minutes(200));
        assertThat(h.onlyIncident().getStatus()).isEqualTo(PublicStatus.RESOLVED);
        assertThat(h.onlyIncident().getResolvedAt()).isEqualTo(minutes(85));
        assertThat(resolved.events()).extracting(IncidentEvent::getType).contains(IncidentEventType.RESOLVED);
        assertThat(resolved.events())
                .filteredOn(e -> e.getType() == IncidentEventType.RESOLVED)
                .singleElement()
                .extracting(IncidentEvent::getAt)
                .isEqualTo(minutes(85));
    }

    @Test
    void identifiedIncidentAlsoMovesToMonitoringWhenQuiet() {
        h.alert(alert("fp-1"), minutes(0));
        String id = h.onlyIncident().getIncidentId();
        h.command(
                command(CommandType.SET_STATUS, id)
                        .status(PublicStatus.IDENTIFIED)
                        .message("Cause found"),
                minutes(2));
        h.alert(alert("fp-1").resolved(), minutes(5));

        h.clock("chat", minutes(20));

        assertThat(h.onlyIncident().getStatus()).isEqualTo(PublicStatus.MONITORING);
        assertThat(h.onlyIncident().getLatestPublicMessage())
                .as("automatic transitions post no public message")
                .isEqualTo("Cause found");
    }

    @Test
    void operatorMonitoringWithAlertsStillFiringResolvesOnlyAfterTheyAreQuiet() {
        h.alert(alert("fp-1"), minutes(0));
        String id = h.onlyIncident().getIncidentId();
        h.command(command(CommandType.SET_STATUS, id).status(PublicStatus.MONITORING), minutes(2));
        h.clock("chat", minutes(90));
        assertThat(h.onlyIncident().getStatus()).isEqualTo(PublicStatus.MONITORING);

        h.alert(alert("fp-1").resolved(), minutes(100));
        h.clock("chat", minutes(159));
        assertThat(h.onlyIncident().getStatus()).isEqualTo(PublicStatus.MONITORING);
        h.clock("chat", minutes(160));
        assertThat(h.onlyIncident().getStatus()).isEqualTo(PublicStatus.RESOLVED);
    }

    @Test
    void newEvidenceDuringQuietPeriodKeepsIncidentInvestigating() {
        h.alert(alert("fp-1"), minutes(0));
        h.alert(alert("fp-1").resolved(), minutes(5));
        h.alert(alert("fp-2"), minutes(15));
        h.clock("chat", minutes(25));

        assertThat(h.onlyIncident().getStatus()).isEqualTo(PublicStatus.INVESTIGATING);
        assertThat(h.tracking(h.onlyIncident().getIncidentId()).getAllResolvedSince())
                .isNull();
    }

    @Test
    void linkedTicketRestartsTheQuietPeriod() {
        h.alert(alert("fp-1"), minutes(0));
        h.alert(alert("fp-1").resolved(), minutes(5));
        h.report(report("T-1"), minutes(15));

        h.clock("chat", minutes(25));
        assertThat(h.onlyIncident().getStatus()).isEqualTo(PublicStatus.INVESTIGATING);
        h.clock("chat", minutes(30));
        assertThat(h.onlyIncident().getStatus()).isEqualTo(PublicStatus.MONITORING);
    }

    @Test
    void firingAlertDuringMonitoringReturnsTheIncidentToInvestigating() {
        h.alert(alert("fp-1"), minutes(0));
        h.alert(alert("fp-1").resolved(), minutes(5));
        h.clock("chat", minutes(21));
        assertThat(h.onlyIncident().getStatus()).isEqualTo(PublicStatus.MONITORING);

        Outcome outcome = h.alert(alert("fp-1").firing(), minutes(30));

        assertThat(h.onlyIncident().getStatus()).isEqualTo(PublicStatus.INVESTIGATING);
        assertThat(Harness.types(outcome)).contains(IncidentEventType.STATUS_CHANGED);
    }

    @Test
    void inputArrivingAfterADeadlineFirstAppliesTheTransition() {
        h.alert(alert("fp-1"), minutes(0));
        h.alert(alert("fp-1").resolved(), minutes(5));

        // no punctuation ran; the next input is after the quiet period
        Outcome outcome = h.alert(alert("fp-2"), minutes(40));

        assertThat(Harness.types(outcome)).startsWith(IncidentEventType.STATUS_CHANGED);
        assertThat(outcome.events().get(0).getAt()).isEqualTo(minutes(20));
        assertThat(outcome.events().get(0).getStatus()).isEqualTo(PublicStatus.MONITORING);
        assertThat(h.onlyIncident().getStatus()).isEqualTo(PublicStatus.INVESTIGATING);
        assertThat(outcome.incidents())
                .singleElement()
                .extracting(i -> i.getVersion())
                .isEqualTo(h.onlyIncident().getVersion());
    }

    @Test
    void onClockIsIdempotentAndSilentWhenNothingIsDue() {
        h.alert(alert("fp-1"), minutes(0));

        assertThat(h.clock("chat", minutes(1)).isEmpty()).isTrue();
        assertThat(h.clock("chat", minutes(1)).isEmpty()).isTrue();
        assertThat(h.clock("talk", minutes(1)).isEmpty()).isTrue();
        Outcome due = h.clock("chat", minutes(120)); // Sev 2: first response and next update due after 2 hours
        assertThat(due.isEmpty()).isFalse();
        assertThat(h.clock("chat", minutes(121)).isEmpty()).isTrue();
    }

    @Test
    void statusChangeNotifiesEveryLinkedTicket() {
        h.alert(alert("fp-1"), minutes(0));
        String id = h.onlyIncident().getIncidentId();
        h.report(report("T-1").org("org-1"), minutes(1));
        h.report(report("T-2").org("org-2"), minutes(2));
        h.report(report("T-3").org("org-1"), minutes(3));

        Outcome outcome = h.command(
                command(CommandType.SET_STATUS, id)
                        .status(PublicStatus.IDENTIFIED)
                        .message("Identified a faulty load balancer"),
                minutes(10));

        assertThat(outcome.ticketUpdates())
                .extracting(TicketUpdate::getTicketId)
                .containsExactly("T-1", "T-2", "T-3");
        assertThat(outcome.ticketUpdates()).allSatisfy(u -> {
            assertThat(u.getKind()).isEqualTo(TicketUpdateKind.INCIDENT_STATUS_CHANGED);
            assertThat(u.getIncidentStatus()).isEqualTo(PublicStatus.IDENTIFIED);
            assertThat(u.getPublicMessage()).isEqualTo("Identified a faulty load balancer");
        });
        assertThat(outcome.ticketUpdates().get(2).getTicketState()).isEqualTo(TicketState.DUPLICATE);
    }

    @Test
    void resolvingTellsLinkedTicketsThatFollowUpIsRequired() {
        h.alert(alert("fp-1"), minutes(0));
        String id = h.onlyIncident().getIncidentId();
        h.report(report("T-1"), minutes(1));

        Outcome outcome = h.command(command(CommandType.RESOLVE, id).message("Fixed"), minutes(30));

        assertThat(outcome.ticketUpdates()).singleElement().satisfies(u -> {
            assertThat(u.getKind()).isEqualTo(TicketUpdateKind.RESOLVED_FOLLOW_UP_REQUIRED);
            assertThat(u.getTicketState()).isEqualTo(TicketState.RESOLVED_FOLLOW_UP_REQUIRED);
            assertThat(u.getIncidentStatus()).isEqualTo(PublicStatus.RESOLVED);
            assertThat(u.getPublicMessage()).isEqualTo("Fixed");
        });
    }

    @Test
    void severityEscalationIsAPublicChangeForLinkedTickets() {
        h.alert(alert("fp-1").hint(SeverityHint.MEDIUM), minutes(0));
        h.report(report("T-1"), minutes(1));

        Outcome outcome = h.alert(alert("fp-2").signal(Signal.AVAILABILITY).hint(SeverityHint.CRITICAL), minutes(2));

        assertThat(outcome.ticketUpdates()).singleElement().satisfies(u -> {
            assertThat(u.getKind()).isEqualTo(TicketUpdateKind.INCIDENT_STATUS_CHANGED);
            assertThat(u.getIncidentSeverity()).isEqualTo(Severity.SEV1);
            assertThat(u.getReason()).isEqualTo("severity 3 -> 1");
        });
    }
}
