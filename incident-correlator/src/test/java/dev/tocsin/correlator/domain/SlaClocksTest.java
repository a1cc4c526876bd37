package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.T0;
import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.command;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.SlaClock;
import dev.tocsin.avro.SlaDeadlines;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Rule 8: SLA clocks. T0 is Monday 2026-03-02 09:00 UTC. */
class SlaClocksTest {

    private final Harness h = new Harness();

    private String sev1() {
        h.alert(alert("fp-1").signal(Signal.AVAILABILITY).hint(SeverityHint.CRITICAL), minutes(0));
        return h.onlyIncident().getIncidentId();
    }

    @Test
    void sev1PlatformIncidentHasDomainTargets() {
        String id = sev1();

        SlaDeadlines sla = h.incident(id).getSla();
        assertThat(sla.getFirstResponseDue()).isEqualTo(minutes(15));
        assertThat(sla.getNextUpdateDue()).isEqualTo(minutes(60));
        assertThat(sla.getRestoreDue()).isEqualTo(minutes(360));
        assertThat(sla.getRcaDue()).isNull();
    }

    @Test
    void sev3CadenceAndRestoreCountInBusinessDays() {
        // Friday 16:00: one business day later is Monday 16:00, five are the next Friday
        Instant friday = Instant.parse("2026-03-06T16:00:00Z");
        h.alert(alert("fp-1").hint(SeverityHint.MEDIUM), friday);

        SlaDeadlines sla = h.onlyIncident().getSla();
        assertThat(sla.getNextUpdateDue()).isEqualTo(Instant.parse("2026-03-09T16:00:00Z"));
        assertThat(sla.getRestoreDue()).isEqualTo(Instant.parse("2026-03-13T16:00:00Z"));
        assertThat(sla.getFirstResponseDue()).isEqualTo(Instant.parse("2026-03-06T20:00:00Z"));
    }

    @Test
    void firstResponseIsBreachedWithoutAcknowledgement() {
        String id = sev1();

        Outcome outcome = h.clock("chat", minutes(16));

        assertThat(outcome.events()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(IncidentEventType.SLA_BREACHED);
            assertThat(e.getSlaClock()).isEqualTo(SlaClock.FIRST_RESPONSE);
            assertThat(e.getDeadline()).isEqualTo(minutes(15));
            assertThat(e.getAt()).isEqualTo(minutes(15));
            assertThat(e.getIncidentId()).isEqualTo(id);
        });
    }

    @Test
    void acknowledgementStopsTheFirstResponseClock() {
        String id = sev1();
        h.command(command(CommandType.ACKNOWLEDGE, id), minutes(5));

        assertThat(h.clock("chat", minutes(30)).isEmpty()).isTrue();
    }

    @Test
    void updateDueIsEmittedOncePerDeadline() {
        String id = sev1();
        h.command(command(CommandType.ACKNOWLEDGE, id), minutes(5));

        h.clock("chat", minutes(61));
        h.clock("chat", minutes(62));
        h.alert(alert("fp-2"), minutes(70));
        h.clock("chat", minutes(90));

        assertThat(h.events(IncidentEventType.UPDATE_DUE)).singleElement().satisfies(e -> {
            assertThat(e.getSlaClock()).isEqualTo(SlaClock.NEXT_UPDATE);
            assertThat(e.getDeadline()).isEqualTo(minutes(60));
        });

        // a public update restarts the cadence; its next deadline is due once again
        h.command(command(CommandType.POST_UPDATE, id).message("Working on it"), minutes(95));
        h.clock("chat", minutes(156));
        h.clock("chat", minutes(200));
        assertThat(h.events(IncidentEventType.UPDATE_DUE))
                .extracting(IncidentEvent::getDeadline)
                .containsExactly(minutes(60), minutes(155));
    }

    @Test
    void restoreIsBreachedForPlatformIncidents() {
        String id = sev1();
        h.command(command(CommandType.ACKNOWLEDGE, id), minutes(5));

        h.clock("chat", minutes(400));

        assertThat(h.events(IncidentEventType.SLA_BREACHED)).singleElement().satisfies(e -> {
            assertThat(e.getSlaClock()).isEqualTo(SlaClock.RESTORE);
            assertThat(e.getDeadline()).isEqualTo(minutes(360));
        });
    }

    @Test
    void rcaDueFiveBusinessDaysAfterSev1PlatformResolves() {
        String id = sev1();
        h.command(command(CommandType.ACKNOWLEDGE, id), minutes(5));
        // resolved Thursday 2026-03-05 09:00: five business days later is Thursday 2026-03-12 09:00
        Instant thursday = Instant.parse("2026-03-05T09:00:00Z");
        h.command(command(CommandType.RESOLVE, id), thursday);

        assertThat(h.incident(id).getSla().getRcaDue()).isEqualTo(Instant.parse("2026-03-12T09:00:00Z"));
        assertThat(h.incident(id).getSla().getNextUpdateDue()).isNull();

        h.clock("chat", Instant.parse("2026-03-12T09:00:01Z"));
        assertThat(h.events(IncidentEventType.SLA_BREACHED))
                .filteredOn(e -> e.getSlaClock() == SlaClock.RCA)
                .singleElement()
                .extracting(IncidentEvent::getAt)
                .isEqualTo(Instant.parse("2026-03-12T09:00:00Z"));
    }

    @Test
    void rcaIsDeliveredByAPublicUpdateOnTheResolvedIncident() {
        String id = sev1();
        h.command(command(CommandType.RESOLVE, id), minutes(30));

        h.command(
                command(CommandType.POST_UPDATE, id).message("Root cause: expired certificate"),
                T0.plus(Duration.ofDays(2)));

        assertThat(h.incident(id).getSla().getRcaDue()).isNull();
        h.clock("chat", T0.plus(Duration.ofDays(10)));
        assertThat(h.events(IncidentEventType.SLA_BREACHED)).noneMatch(e -> e.getSlaClock() == SlaClock.RCA);
    }

    @Test
    void internalNoteOnTheResolvedIncidentDoesNotDeliverTheRca() {
        String id = sev1();
        h.command(command(CommandType.RESOLVE, id), minutes(30));

        h.command(
                command(CommandType.POST_UPDATE, id)
                        .message("RCA draft in the wiki")
                        .internal(),
                T0.plus(Duration.ofDays(2)));

        assertThat(h.incident(id).getSla().getRcaDue()).isNotNull();
    }

    @Test
    void lowerSeverityIncidentsOweNoRca() {
        h.alert(alert("fp-1").hint(SeverityHint.HIGH), minutes(0));
        String id = h.onlyIncident().getIncidentId();

        h.command(command(CommandType.RESOLVE, id), minutes(30));

        assertThat(h.incident(id).getSla().getRcaDue()).isNull();
    }

    @Test
    void severityRaisedLateEmitsTheMissedDeadlineAtTheRaise() {
        h.alert(alert("fp-1").hint(SeverityHint.HIGH), minutes(0));
        String id = h.onlyIncident().getIncidentId();

        // at 09:30 the incident becomes Sev 1: its 15-minute first response target already passed
        Outcome outcome = h.alert(alert("fp-2").signal(Signal.AVAILABILITY).hint(SeverityHint.CRITICAL), minutes(30));

        assertThat(outcome.events())
                .filteredOn(e -> e.getType() == IncidentEventType.SLA_BREACHED)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getSlaClock()).isEqualTo(SlaClock.FIRST_RESPONSE);
                    assertThat(e.getDeadline()).isEqualTo(minutes(15));
                    assertThat(e.getAt()).isEqualTo(minutes(30));
                });
        assertThat(outcome.incidents())
                .singleElement()
                .extracting(i -> i.getIncidentId())
                .isEqualTo(id);
    }
}
