package dev.tocsin.publisher.domain;

import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.StatusImpact;
import java.time.Instant;
import java.util.List;

/**
 * The public view of an incident: only what may be shown on the status page. It holds no internal
 * title, organization, ticket, evidence, alert fingerprint or operator name by construction.
 *
 * @param incidentId      our incident id (stable public ids are derived from it)
 * @param product         the affected product (= component)
 * @param componentStatus the status the incident gives its component
 * @param name            public name, localized
 * @param status          public status
 * @param impact          impact from severity
 * @param updates         public updates, newest first (Statuspage order)
 * @param createdAt       when it opened
 * @param updatedAt       when it last changed
 * @param monitoringAt    when it entered MONITORING, or null
 * @param resolvedAt      when it resolved, or null
 * @param nextUpdateDue   when the next public update is due by the SLA update cadence; null when resolved or unknown
 */
public record PublicIncident(
        String incidentId,
        String product,
        ComponentStatus componentStatus,
        String name,
        PublicStatus status,
        StatusImpact impact,
        List<Update> updates,
        Instant createdAt,
        Instant updatedAt,
        Instant monitoringAt,
        Instant resolvedAt,
        Instant nextUpdateDue) {

    public PublicIncident {
        updates = List.copyOf(updates);
    }

    /**
     * One public update.
     *
     * @param id        stable id derived from the incident and the update's position and time
     * @param status    incident status the update was posted with
     * @param body      public text
     * @param createdAt when it was posted
     * @param automatic whether Tocsin wrote it because no public message existed
     */
    public record Update(String id, PublicStatus status, String body, Instant createdAt, boolean automatic) {}

    public boolean resolved() {
        return status == PublicStatus.RESOLVED;
    }

    /**
     * Statuspage's {@code postmortem} status: resolved, and an operator posted a public update after
     * the resolution (the RCA, which also stops the correlator's RCA clock).
     */
    public boolean postmortem() {
        return resolved()
                && resolvedAt != null
                && updates.stream()
                        .anyMatch(u -> !u.automatic() && u.createdAt().isAfter(resolvedAt));
    }

    /** Whether the next update was due before {@code now} and has not been posted (the cadence restarts with each update). */
    public boolean updateOverdue(Instant now) {
        return nextUpdateDue != null && nextUpdateDue.isBefore(now);
    }

    /** The newest update (every public incident has at least one). */
    public Update latestUpdate() {
        return updates.get(0);
    }
}
