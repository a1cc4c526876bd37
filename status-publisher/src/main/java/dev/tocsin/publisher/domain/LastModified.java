package dev.tocsin.publisher.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * When the public page last changed, from its inputs alone: the newest incident or window change,
 * a window start or end the clock has passed (that is when a SCHEDULED window turns IN_PROGRESS or
 * COMPLETED on its own), or a resolved incident leaving the list of past incidents. Rendering the page "as of" this instant gives the same
 * content as rendering it now, so the body, its ETag and Last-Modified are the same on every
 * instance and stay the same until something really changes.
 */
public final class LastModified {

    private LastModified() {
    }

    /**
     * The instant of the last change at or before {@code now}, or {@code fallback} when there is no input.
     *
     * @param pastIncidents how long the page lists resolved incidents: one dropping off the list is a change too
     */
    public static Instant of(Collection<Incident> incidents, Collection<MaintenanceWindow> windows, Instant now,
                             Duration pastIncidents, Instant fallback) {
        Instant latest = null;
        for (Incident incident : incidents) {
            latest = later(latest, incident.getUpdatedAt(), now);
            if (incident.getResolvedAt() != null) {
                latest = later(latest, incident.getResolvedAt().plus(pastIncidents), now);
            }
        }
        for (MaintenanceWindow window : windows) {
            latest = later(latest, window.getUpdatedAt(), now);
            latest = later(latest, window.getStartsAt(), now);
            latest = later(latest, window.getEndsAt(), now);
        }
        return latest == null ? fallback : latest;
    }

    private static Instant later(Instant latest, Instant candidate, Instant now) {
        if (candidate.isAfter(now)) {
            return latest;
        }
        return latest == null || candidate.isAfter(latest) ? candidate : latest;
    }
}
