package dev.tocsin.correlator.domain;

import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TicketOwner;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the correlator may forget, and when (issue 11, defect 6: state grew forever).
 * <ul>
 *   <li>An incident that is not resolved is never forgotten, however old.</li>
 *   <li>A resolved incident (with its tracking, its ticket links and the tickets linked to it) is
 *       kept {@code resolved} after it resolved, and never before its reopen window, the 7 days in
 *       which a closed case may be reopened (DOMAIN.md section 5) and its RCA target have passed,
 *       nor within a day after one of its clocks fell due (so the clock has fired).</li>
 *   <li>A tracked alert is kept while it fires, is held back (silence, inhibit rule, dependency) or
 *       is an inhibit-rule source, and while the incident it names is kept; once none holds, it
 *       is kept {@code alerts} after it was last seen, never shorter than the flap and reopen windows.</li>
 *   <li>A ticket linked to no incident (customer responsibility, single-customer report) is kept
 *       {@code unlinkedTickets} after it was triaged or last linked, never shorter than the
 *       case reopen window.</li>
 *   <li>An incident merged into one that is kept is kept too.</li>
 *   <li>A ticket's owner (the product it belongs to, kept on the ticket's own partition) is kept
 *       while the ticket may still be held by a product, which that partition cannot see: until
 *       the ticket has been quiet {@code unlinkedTickets} (at least the case reopen window) plus
 *       the case reopen window. A ticket reported after that starts afresh as a first report.</li>
 * </ul>
 * Every time here is the correlator's clock (wall clock when live, stream time in a replay).
 *
 * @param resolved        how long a resolved incident is kept after it resolved
 * @param alerts          how long an alert nothing needs any more is kept after it was last seen
 * @param unlinkedTickets how long a ticket linked to no incident is kept, and (plus the case reopen
 *                        window) how long a quiet ticket's owner is kept
 */
public record Retention(Duration resolved, Duration alerts, Duration unlinkedTickets) {

    /** A closed case may be reopened within 7 calendar days (DOMAIN.md section 5). */
    public static final Duration CASE_REOPEN_WINDOW = Duration.ofDays(7);

    /** How long after a clock fell due an incident is kept at least, so its punctuation has surely run. */
    public static final Duration DUE_CLOCK_GRACE = Duration.ofDays(1);

    /** The shipped defaults: a month of resolved history, the horizon operators look back over. */
    public static final Duration DEFAULT = Duration.ofDays(30);

    public Retention {
        for (Duration d : new Duration[] {resolved, alerts, unlinkedTickets}) {
            if (Objects.requireNonNull(d, "retention").isNegative() || d.isZero()) {
                throw new IllegalArgumentException("a retention must be positive, was " + d);
            }
        }
    }

    public static Retention defaults() {
        return new Retention(DEFAULT, DEFAULT, DEFAULT);
    }

    /** When a resolved incident may be forgotten; empty while it is not resolved (never). */
    public Optional<Instant> forgetIncidentAt(Incident incident, IncidentTracking tracking, Policy policy) {
        if (incident.getStatus() != PublicStatus.RESOLVED || incident.getResolvedAt() == null) {
            return Optional.empty();
        }
        Instant resolvedAt = incident.getResolvedAt();
        Instant at = latest(
                resolvedAt.plus(resolved), resolvedAt.plus(policy.reopenWindow()), resolvedAt.plus(CASE_REOPEN_WINDOW));
        if (tracking != null && tracking.getRcaDueAt() != null) {
            at = latest(at, Instant.ofEpochMilli(tracking.getRcaDueAt()));
        }
        if (tracking != null && tracking.getNextDueAt() != null) {
            // a clock still to fire (e.g. the RCA) keeps it until well after the punctuator has fired it
            at = latest(at, Instant.ofEpochMilli(tracking.getNextDueAt()).plus(DUE_CLOCK_GRACE));
        }
        return Optional.of(at);
    }

    /**
     * Whether a resolved incident may be forgotten now. One merged into an incident that is still
     * kept stays: the target's alerts and history are found through it.
     *
     * @param mergeTargetKept whether the incident it was merged into (if any) is still in the state
     */
    public boolean mayForgetIncident(
            Incident incident, IncidentTracking tracking, boolean mergeTargetKept, Policy policy, Instant now) {
        if (mergeTargetKept) {
            return false;
        }
        return forgetIncidentAt(incident, tracking, policy)
                .map(at -> !now.isBefore(at))
                .orElse(false);
    }

    /**
     * Whether an alert may be forgotten.
     *
     * @param incidentKept whether the incident the alert names (if any) is still in the state
     */
    public boolean mayForgetAlert(TrackedAlert alert, boolean incidentKept, Policy policy, Instant now) {
        boolean firing = alert.getAlertStatus() != AlertStatus.RESOLVED;
        boolean held = alert.getHeldSince() != null;
        boolean inhibitor =
                alert.getInhibitorKeys() != null && !alert.getInhibitorKeys().isEmpty();
        if (firing || held || inhibitor || (alert.getIncidentId() != null && incidentKept)) {
            return false;
        }
        Instant lastSeen = Instant.ofEpochMilli(alert.getLastSeenAt());
        Instant at =
                latest(lastSeen.plus(alerts), lastSeen.plus(policy.flapWindow()), lastSeen.plus(policy.reopenWindow()));
        return !now.isBefore(at);
    }

    /**
     * Whether a ticket linked to no incident may be forgotten; a linked ticket goes with its incident
     * ({@link #mayForgetIncident}), so this answers false for it.
     */
    public boolean mayForgetUnlinkedTicket(TicketRecord ticket, Instant now) {
        if (ticket.getIncidentId() != null) {
            return false;
        }
        long lastMillis = Math.max(ticket.getTriagedAt(), ticket.getLinkedAt() == null ? 0 : ticket.getLinkedAt());
        return !now.isBefore(unlinkedTicketKeptUntil(Instant.ofEpochMilli(lastMillis)));
    }

    /** Until when an unlinked ticket last triaged or linked at {@code last} is kept. */
    private Instant unlinkedTicketKeptUntil(Instant last) {
        return latest(last.plus(unlinkedTickets), last.plus(CASE_REOPEN_WINDOW));
    }

    /**
     * Whether a ticket's owner may be forgotten. The ticket-id partition cannot see whether a
     * product still holds the ticket (a linked ticket stays with its incident, an unlinked one
     * {@code unlinkedTickets}), so the owner outlives the unlinked ticket by the case reopen window
     * after the ticket's last report. A much later report is then routed as the ticket's first: if
     * it names another product while the old one still holds the ticket (linked to an incident
     * kept that long), the old product is not told of the move.
     */
    public boolean mayForgetTicketOwner(TicketOwner owner, Instant now) {
        Instant quietSince = Instant.ofEpochMilli(Math.max(owner.getSince(), owner.getLastReportAt()));
        return !now.isBefore(unlinkedTicketKeptUntil(quietSince).plus(CASE_REOPEN_WINDOW));
    }

    /** The product's index without a forgotten incident (neither resolved-for-reopening nor due). */
    public static ProductIndex withoutIncident(ProductIndex index, String incidentId) {
        ProductIndex copy = StateValues.copy(index);
        copy.getOpenIncidents().remove(incidentId);
        copy.getResolvedIncidents().removeIf(r -> r.getIncidentId().equals(incidentId));
        copy.getDueAt().remove(incidentId);
        copy.setNextDueAt(copy.getDueAt().values().stream().min(Long::compare).orElse(null));
        return copy;
    }

    private static Instant latest(Instant first, Instant... others) {
        Instant max = first;
        for (Instant other : others) {
            if (other.isAfter(max)) {
                max = other;
            }
        }
        return max;
    }
}
