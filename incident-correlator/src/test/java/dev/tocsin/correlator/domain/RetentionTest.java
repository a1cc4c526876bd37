package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.command;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.ResolvedIncident;
import dev.tocsin.correlator.state.TicketOwner;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private final Harness h = new Harness();
    private final Policy policy = Policy.defaults();
    private final Retention retention = Retention.defaults();

    /** One alert that fires, resolves and stays quiet until its incident resolves (about 80 minutes in). */
    private Incident resolvedIncident() {
        h.alert(alert("fp-1"), minutes(0));
        h.alert(alert("fp-1").resolved(), minutes(5));
        h.clock("chat", minutes(20));
        h.clock("chat", minutes(200));
        Incident incident = h.onlyIncident();
        assertThat(incident.getStatus()).isEqualTo(PublicStatus.RESOLVED);
        return incident;
    }

    @Test
    void anOpenIncidentIsNeverForgottenHoweverOld() {
        h.alert(alert("fp-1"), minutes(0));
        Incident open = h.onlyIncident();

        assertThat(retention.forgetIncidentAt(open, h.tracking(open.getIncidentId()), policy))
                .isEmpty();
        assertThat(retention.mayForgetIncident(
                        open,
                        h.tracking(open.getIncidentId()),
                        false,
                        policy,
                        minutes(0).plus(Duration.ofDays(3650))))
                .isFalse();
    }

    @Test
    void aResolvedIncidentIsForgottenTheRetentionAfterItResolved() {
        Incident incident = resolvedIncident();
        Instant resolvedAt = incident.getResolvedAt();
        var tracking = h.tracking(incident.getIncidentId());

        assertThat(retention.forgetIncidentAt(incident, tracking, policy))
                .contains(resolvedAt.plus(Duration.ofDays(30)));
        assertThat(retention.mayForgetIncident(
                        incident,
                        tracking,
                        false,
                        policy,
                        resolvedAt.plus(Duration.ofDays(30)).minusMillis(1)))
                .isFalse();
        assertThat(retention.mayForgetIncident(incident, tracking, false, policy, resolvedAt.plus(Duration.ofDays(30))))
                .isTrue();
    }

    @Test
    void anIncidentMergedIntoAKeptIncidentIsKept() {
        Incident incident = resolvedIncident();

        assertThat(retention.mayForgetIncident(
                        incident,
                        h.tracking(incident.getIncidentId()),
                        true,
                        policy,
                        incident.getResolvedAt().plus(Duration.ofDays(400))))
                .isFalse();
    }

    @Test
    void aShortRetentionNeverForgetsAnIncidentInsideItsReopenWindowOrTheCaseReopenWindow() {
        Incident incident = resolvedIncident();
        Retention oneHour = new Retention(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
        Policy reopenTenDays = Policy.parse("correlation:\n  reopenWindow: P10D\n", "test policy");
        var tracking = h.tracking(incident.getIncidentId());

        assertThat(oneHour.forgetIncidentAt(incident, tracking, policy))
                .contains(incident.getResolvedAt().plus(Retention.CASE_REOPEN_WINDOW));
        assertThat(oneHour.forgetIncidentAt(incident, tracking, reopenTenDays))
                .contains(incident.getResolvedAt().plus(Duration.ofDays(10)));
    }

    @Test
    void aShortRetentionNeverForgetsAnIncidentBeforeItsRcaTarget() {
        h.alert(alert("fp-1").signal(Signal.AVAILABILITY).hint(SeverityHint.CRITICAL), minutes(0));
        String id = h.onlyIncident().getIncidentId();
        h.command(command(CommandType.ACKNOWLEDGE, id), minutes(5));
        // resolved Thursday 2026-03-05 09:00: the RCA is due five business days later (a weekend between)
        h.command(command(CommandType.RESOLVE, id), Instant.parse("2026-03-05T09:00:00Z"));
        Retention oneHour = new Retention(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
        Policy reopenOneDay = Policy.parse("correlation:\n  reopenWindow: P1D\n", "test policy");

        Instant forgetAt = oneHour.forgetIncidentAt(h.incident(id), h.tracking(id), reopenOneDay)
                .orElseThrow();

        assertThat(forgetAt).isAfterOrEqualTo(Instant.parse("2026-03-12T09:00:00Z"));
    }

    @Test
    void anAlertIsKeptWhileItFiresIsHeldOrItsIncidentIsKept() {
        Instant muchLater = minutes(0).plus(Duration.ofDays(400));
        TrackedAlert firing = StateValues.newAlert("chat", "fp-1", minutes(0));
        firing.setAlertStatus(AlertStatus.FIRING);
        TrackedAlert resolved = StateValues.copy(firing);
        resolved.setAlertStatus(AlertStatus.RESOLVED);
        TrackedAlert held = StateValues.copy(resolved);
        held.setHeldSince(minutes(0).toEpochMilli());
        TrackedAlert attached = StateValues.copy(resolved);
        attached.setIncidentId("chat-0000000a");

        assertThat(retention.mayForgetAlert(firing, false, policy, muchLater)).isFalse();
        assertThat(retention.mayForgetAlert(held, false, policy, muchLater)).isFalse();
        assertThat(retention.mayForgetAlert(attached, true, policy, muchLater)).isFalse();
        assertThat(retention.mayForgetAlert(attached, false, policy, muchLater)).isTrue();
        assertThat(retention.mayForgetAlert(resolved, false, policy, muchLater)).isTrue();
    }

    @Test
    void aResolvedAlertIsForgottenTheRetentionAfterItWasLastSeen() {
        TrackedAlert alert = StateValues.newAlert("chat", "fp-1", minutes(0));
        alert.setAlertStatus(AlertStatus.RESOLVED);

        assertThat(retention.mayForgetAlert(
                        alert,
                        false,
                        policy,
                        minutes(0).plus(Duration.ofDays(30)).minusMillis(1)))
                .isFalse();
        assertThat(retention.mayForgetAlert(alert, false, policy, minutes(0).plus(Duration.ofDays(30))))
                .isTrue();
    }

    @Test
    void anUnlinkedTicketIsKeptAtLeastTheCaseReopenWindowAndALinkedOneGoesWithItsIncident() {
        TicketRecord unlinked = TicketRecord.newBuilder()
                .setTicketId("t-1")
                .setOrganizationId("org-1")
                .setProduct("chat")
                .setPriority(CustomerPriority.P4)
                .setReportedAt(minutes(0).toEpochMilli())
                .setTriagedAt(minutes(0).toEpochMilli())
                .build();
        TicketRecord linked =
                TicketRecord.newBuilder(unlinked).setIncidentId("chat-0000000a").build();
        Retention oneDay = new Retention(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1));

        assertThat(oneDay.mayForgetUnlinkedTicket(
                        unlinked, minutes(0).plus(Duration.ofDays(7)).minusMillis(1)))
                .isFalse();
        assertThat(oneDay.mayForgetUnlinkedTicket(unlinked, minutes(0).plus(Duration.ofDays(7))))
                .isTrue();
        assertThat(oneDay.mayForgetUnlinkedTicket(linked, minutes(0).plus(Duration.ofDays(400))))
                .isFalse();
    }

    @Test
    void aForgottenIncidentLeavesItsProductIndex() {
        ProductIndex index = StateValues.emptyProductIndex("chat");
        index.getResolvedIncidents().add(new ResolvedIncident("chat-0000000a", 1L));
        index.getResolvedIncidents().add(new ResolvedIncident("chat-0000000b", 2L));
        index.getDueAt().put("chat-0000000a", 10L);
        index.getDueAt().put("chat-0000000b", 20L);
        index.setNextDueAt(10L);

        ProductIndex after = Retention.withoutIncident(index, "chat-0000000a");

        assertThat(after.getResolvedIncidents())
                .extracting(ResolvedIncident::getIncidentId)
                .isEqualTo(List.of("chat-0000000b"));
        assertThat(after.getDueAt()).containsOnlyKeys("chat-0000000b");
        assertThat(after.getNextDueAt()).isEqualTo(20L);
        assertThat(index.getDueAt()).as("the index handed in is not changed").hasSize(2);
    }

    @Test
    void aRetentionMustBePositive() {
        assertThatThrownBy(() -> new Retention(Duration.ZERO, Duration.ofDays(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTicketOwnerIsForgottenOnlyAfterTheTicketWasQuietTheTicketRetentionPlusTheCaseReopenWindow() {
        Instant firstReport = minutes(0);
        Instant lastReport = firstReport.plus(Duration.ofDays(10));
        TicketOwner owner = new TicketOwner("chat", firstReport.toEpochMilli(), lastReport.toEpochMilli());
        Instant forgetAt = lastReport.plus(Duration.ofDays(30)).plus(Duration.ofDays(7));

        assertThat(retention.mayForgetTicketOwner(owner, forgetAt.minusMillis(1)))
                .isFalse();
        assertThat(retention.mayForgetTicketOwner(owner, forgetAt)).isTrue();
    }

    @Test
    void aTicketOwnerWrittenBeforeItsLastReportWasKeptCountsQuietFromTheMoveOrFirstReport() {
        TicketOwner old = TicketOwner.newBuilder()
                .setProduct("chat")
                .setSince(minutes(0).toEpochMilli())
                .build();
        Instant forgetAt = minutes(0).plus(Duration.ofDays(37));

        assertThat(old.getLastReportAt()).isZero();
        assertThat(retention.mayForgetTicketOwner(old, forgetAt.minusMillis(1))).isFalse();
        assertThat(retention.mayForgetTicketOwner(old, forgetAt)).isTrue();
    }

    @Test
    void aShortTicketRetentionStillKeepsAnOwnerTwoCaseReopenWindows() {
        Retention shortTickets = new Retention(Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(1));
        TicketOwner owner =
                new TicketOwner("chat", minutes(0).toEpochMilli(), minutes(0).toEpochMilli());

        assertThat(shortTickets.mayForgetTicketOwner(
                        owner, minutes(0).plus(Duration.ofDays(14)).minusMillis(1)))
                .isFalse();
        assertThat(shortTickets.mayForgetTicketOwner(owner, minutes(0).plus(Duration.ofDays(14))))
                .isTrue();
    }
}
