package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.SlaDeadlines;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.runtime.errors.InvariantViolation;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the clock transitions of a product that fell due up to an instant, in time order
 * (ties by incident id), each stamped with its deadline (or the incident's last change, if the
 * deadline lies before it). Every input first advances its product's clocks to its event time,
 * so the outcome of a replay does not depend on when, or whether, punctuations ran in between.
 */
final class Clocks {

    /** Far more transitions than one product can owe; reaching it means a rule made no progress. */
    private static final int MAX_STEPS = 1_000_000;

    private Clocks() {}

    /**
     * The earliest pending transition of an incident (quiet period or SLA deadline), or null.
     * {@code deadlines} must be computed under {@code policy} (never the snapshot's, which may come
     * from an earlier policy: a lengthened target would leave a passed deadline that nothing fires).
     */
    static Instant nextDue(SlaDeadlines deadlines, Incident incident, IncidentTracking tracking, Policy policy) {
        Instant next = null;
        for (SlaClocks.Due due : SlaClocks.pending(deadlines, tracking)) {
            next = earlier(next, due.deadline());
        }
        Lifecycle.QuietTransition quiet = Lifecycle.quietTransition(incident, tracking, policy);
        if (quiet != null) {
            next = earlier(next, quiet.at());
        }
        return next;
    }

    /** Applies everything due at or before {@code until} for the product. */
    static void advance(Session session, String product, Instant until) {
        long limit = until.toEpochMilli();
        for (int step = 0; ; step++) {
            ProductIndex index = session.index(product);
            if (index.getNextDueAt() == null || index.getNextDueAt() > limit) {
                return;
            }
            if (step >= MAX_STEPS) {
                throw new InvariantViolation("clock transitions of product " + product + " make no progress");
            }
            Optional<Map.Entry<String, Long>> next = index.getDueAt().entrySet().stream()
                    .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
            if (next.isEmpty()) {
                return;
            }
            fire(
                    session,
                    product,
                    next.get().getKey(),
                    Instant.ofEpochMilli(next.get().getValue()));
        }
    }

    /** Applies an incident's transitions due at {@code due}. */
    private static void fire(Session session, String product, String incidentId, Instant due) {
        Optional<Incident> found = session.incident(incidentId);
        if (found.isEmpty()) {
            session.forgetDue(product, incidentId);
            return;
        }
        Incident incident = found.get();
        IncidentChange change = session.begin(incident, due);
        IncidentTracking tracking = change.tracking();
        SlaDeadlines deadlines = SlaClocks.deadlines(incident, tracking, session.policy);
        List<SlaClocks.Due> pending = SlaClocks.pending(deadlines, tracking);
        pending.sort(Comparator.comparing(SlaClocks.Due::deadline));
        for (SlaClocks.Due passed : pending) {
            if (passed.deadline().isAfter(due)) {
                break;
            }
            SlaClocks.markEmitted(tracking, passed);
            change.event(
                    SlaClocks.eventFor(passed.clock()),
                    SlaClocks.message(passed.clock()),
                    b -> b.setSlaClock(passed.clock())
                            .setDeadline(passed.deadline())
                            .setSeverity(incident.getSeverity()));
        }
        Lifecycle.QuietTransition quiet = Lifecycle.quietTransition(incident, tracking, session.policy);
        if (quiet != null && !quiet.at().isAfter(due)) {
            Lifecycle.applyQuiet(change, quiet, session.policy);
        }
        if (change.hasEvents()) {
            session.commit(change);
        } else {
            session.refile(incident, tracking, due);
        }
        Instant next = nextDue(
                SlaClocks.deadlines(change.incident(), change.tracking(), session.policy),
                change.incident(),
                change.tracking(),
                session.policy);
        if (next != null && !next.isAfter(due)) {
            throw new InvariantViolation(
                    "incident " + incidentId + " is still due at " + due + " after its transitions");
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
