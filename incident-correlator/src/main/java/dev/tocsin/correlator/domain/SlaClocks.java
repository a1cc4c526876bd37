package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.SlaClock;
import dev.tocsin.avro.SlaDeadlines;
import dev.tocsin.correlator.state.IncidentTracking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The SLA clocks of DOMAIN.md section 4, derived from severity, scope and lifecycle:
 * <ul>
 *   <li>first response: opening (or latest reopening) + target, until a human acknowledges;</li>
 *   <li>next update: latest public update (status change or public message, opening counts) +
 *       cadence (hourly for GLOBAL); the cadence restarts at each public update;</li>
 *   <li>restore: opening (or latest reopening) + target, platform and global incidents only,
 *       until resolved;</li>
 *   <li>RCA: resolution + 5 business days for a Sev 1 platform incident, until a public update
 *       on the resolved incident delivers it.</li>
 * </ul>
 * A passed NEXT_UPDATE deadline emits UPDATE_DUE, any other SLA_BREACHED, once per deadline.
 */
public final class SlaClocks {

    /** A deadline that has passed or will pass and was not emitted yet. */
    record Due(SlaClock clock, Instant deadline) {}

    private SlaClocks() {}

    /** The current deadlines; a clock that does not run is null. */
    public static SlaDeadlines deadlines(Incident incident, IncidentTracking tracking, Policy policy) {
        SlaTargets.Targets targets = policy.sla().of(incident.getSeverity());
        BusinessCalendar calendar = policy.calendar();
        boolean open = incident.getStatus() != PublicStatus.RESOLVED;
        Instant openPeriodStart = Instant.ofEpochMilli(tracking.getOpenPeriodStartAt());
        Instant firstResponse =
                open && !incident.getAcknowledged() ? targets.firstResponse().after(openPeriodStart, calendar) : null;
        SlaTarget cadence =
                incident.getScope() == Scope.GLOBAL ? policy.sla().globalUpdateCadence() : targets.updateCadence();
        Instant nextUpdate =
                open ? cadence.after(Instant.ofEpochMilli(tracking.getLastPublicUpdateAt()), calendar) : null;
        Instant restore = open && incident.getScope() != Scope.SINGLE_CUSTOMER && targets.restore() != null
                ? targets.restore().after(openPeriodStart, calendar)
                : null;
        Instant rca = tracking.getRcaDueAt() == null ? null : Instant.ofEpochMilli(tracking.getRcaDueAt());
        return SlaDeadlines.newBuilder()
                .setFirstResponseDue(firstResponse)
                .setNextUpdateDue(nextUpdate)
                .setRestoreDue(restore)
                .setRcaDue(rca)
                .build();
    }

    /** Deadlines not emitted yet, earliest first. */
    static List<Due> pending(SlaDeadlines deadlines, IncidentTracking tracking) {
        List<Due> due = new ArrayList<>();
        add(due, SlaClock.FIRST_RESPONSE, deadlines.getFirstResponseDue(), tracking);
        add(due, SlaClock.NEXT_UPDATE, deadlines.getNextUpdateDue(), tracking);
        add(due, SlaClock.RESTORE, deadlines.getRestoreDue(), tracking);
        add(due, SlaClock.RCA, deadlines.getRcaDue(), tracking);
        due.sort(Comparator.comparing(Due::deadline).thenComparing(Due::clock));
        return due;
    }

    /** The event a passed deadline emits. */
    static IncidentEventType eventFor(SlaClock clock) {
        return clock == SlaClock.NEXT_UPDATE ? IncidentEventType.UPDATE_DUE : IncidentEventType.SLA_BREACHED;
    }

    static String message(SlaClock clock) {
        return switch (clock) {
            case FIRST_RESPONSE -> "first response target passed without a human acknowledgement";
            case NEXT_UPDATE -> "next public update is due";
            case RESTORE -> "restore target passed";
            case RCA -> "root-cause analysis is overdue";
        };
    }

    /** Remembers that a deadline was emitted, so it is emitted once. */
    static void markEmitted(IncidentTracking tracking, Due due) {
        tracking.getEmittedDeadlines().put(due.clock().name(), due.deadline().toEpochMilli());
    }

    private static void add(List<Due> due, SlaClock clock, Instant deadline, IncidentTracking tracking) {
        if (deadline == null) {
            return;
        }
        Long emitted = tracking.getEmittedDeadlines().get(clock.name());
        if (emitted == null || emitted != deadline.toEpochMilli()) {
            due.add(new Due(clock, deadline));
        }
    }
}
