package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.TimelineEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which incident snapshots may be coalesced during a storm and which must reach
 * {@code tocsin.incidents} on their own (docs/INCIDENT-CORRELATOR.md, "Snapshot coalescing").
 *
 * <p>A snapshot's <em>lifecycle</em> is what a status page subscriber must see change: status,
 * published, scope, severity, resolvedAt, mergedInto, the latest public message, the operator's
 * component status and the latest public timeline entry. A snapshot whose lifecycle differs from
 * that of the last snapshot written for the incident (or the first snapshot of an incident) is
 * written at once; a snapshot that only churns (alert counts and refs, evidence, tickets,
 * organizations, updatedAt, SLA deadlines, internal timeline entries ...) waits for the end of the
 * coalescing interval, where only the incident's latest snapshot is written. So an incident that
 * opens and resolves inside one interval still shows both, in order, and the lifecycle sequence
 * written is the same on every replay; only the number of churn-only snapshots depends on timing.
 */
public final class SnapshotCoalescing {

    /** Separates the length-prefixed parts of an encoded lifecycle. */
    private static final char PART_END = ';';

    private SnapshotCoalescing() {}

    /**
     * The snapshot's lifecycle as one string (kept per incident by the topology): equal strings mean
     * equal lifecycles. Each part is length-prefixed, so no message text can make two differ-
     * ent lifecycles encode alike.
     */
    public static String lifecycle(Incident incident) {
        TimelineEntry latestPublic = latestPublicEntry(incident);
        List<Object> parts = new ArrayList<>(Arrays.asList(
                incident.getStatus(),
                incident.getPublished(),
                incident.getScope(),
                incident.getSeverity(),
                incident.getResolvedAt(),
                incident.getMergedInto(),
                incident.getLatestPublicMessage(),
                incident.getComponentStatusOverride()));
        if (latestPublic != null) {
            parts.addAll(
                    List.of(latestPublic.getAt(), latestPublic.getType(), String.valueOf(latestPublic.getMessage())));
        }
        StringBuilder encoded = new StringBuilder();
        for (Object part : parts) {
            String text = String.valueOf(part);
            encoded.append(text.length()).append(':').append(text).append(PART_END);
        }
        return encoded.toString();
    }

    /**
     * Whether {@code next} must be written at once rather than coalesced.
     *
     * @param lastWrittenLifecycle {@link #lifecycle} of the last snapshot written at once for the
     *                             incident, null when none was
     */
    public static boolean mustEmitAtOnce(String lastWrittenLifecycle, Incident next) {
        return !Objects.equals(lastWrittenLifecycle, lifecycle(next));
    }

    /** The newest public entry: the update a subscriber is told about (the timeline keeps the most recent entries). */
    private static TimelineEntry latestPublicEntry(Incident incident) {
        List<TimelineEntry> timeline = incident.getTimeline();
        for (int i = timeline.size() - 1; i >= 0; i--) {
            if (timeline.get(i).getIsPublic()) {
                return timeline.get(i);
            }
        }
        return null;
    }
}
