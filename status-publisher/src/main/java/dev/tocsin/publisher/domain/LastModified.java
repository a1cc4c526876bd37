package dev.tocsin.publisher.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.schemas.rules.MaintenanceSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * When the public page last changed, from its inputs alone: the newest incident or window change,
 * an occurrence start or end, or an operator hold running out, that the clock has passed (that is when
 * a window's effective state changes on its own, {@link MaintenanceSchedule#changesAround}), a resolved incident leaving the list of past incidents,
 * or an open incident's next update falling due (the page then says it is overdue). Rendering the page "as of" this instant gives the same
 * content as rendering it now, so the body, its ETag and Last-Modified are the same on every
 * instance and stay the same until something really changes.
 */
public final class LastModified {

    private LastModified() {}

    /**
     * The instant of the last change at or before {@code now}, or {@code fallback} when there is no input.
     *
     * @param pastIncidents how long the page lists resolved incidents: one dropping off the list is a change too
     */
    public static Instant of(
            Collection<Incident> incidents,
            Collection<MaintenanceWindow> windows,
            Instant now,
            Duration pastIncidents,
            Instant fallback) {
        Instant latest = null;
        for (Instant candidate : changeMoments(incidents, windows, now, pastIncidents)) {
            if (!candidate.isAfter(now) && (latest == null || candidate.isAfter(latest))) {
                latest = candidate;
            }
        }
        return latest == null ? fallback : latest;
    }

    /**
     * The first change after {@code now} that the clock alone brings (a window start or end, a resolved
     * incident leaving the list), or null when none is due: until then the page rendered now stays valid.
     */
    public static Instant next(
            Collection<Incident> incidents,
            Collection<MaintenanceWindow> windows,
            Instant now,
            Duration pastIncidents) {
        Instant soonest = null;
        for (Instant candidate : changeMoments(incidents, windows, now, pastIncidents)) {
            if (candidate.isAfter(now) && (soonest == null || candidate.isBefore(soonest))) {
                soonest = candidate;
            }
        }
        return soonest;
    }

    /** The moments at which the page changes, past or future (for windows: those nearest {@code now}). */
    private static List<Instant> changeMoments(
            Collection<Incident> incidents,
            Collection<MaintenanceWindow> windows,
            Instant now,
            Duration pastIncidents) {
        List<Instant> moments = new ArrayList<>(incidents.size() * 2 + windows.size() * 3);
        for (Incident incident : incidents) {
            moments.add(incident.getUpdatedAt());
            if (incident.getResolvedAt() != null) {
                moments.add(incident.getResolvedAt().plus(pastIncidents));
            }
            // an open incident's next update falling due turns "next update by" into "update overdue"
            if (incident.getStatus() != dev.tocsin.avro.PublicStatus.RESOLVED
                    && incident.getSla() != null
                    && incident.getSla().getNextUpdateDue() != null) {
                moments.add(incident.getSla().getNextUpdateDue());
            }
        }
        for (MaintenanceWindow window : windows) {
            moments.add(window.getUpdatedAt());
            moments.addAll(MaintenanceSchedule.changesAround(window, now));
        }
        return moments;
    }
}
