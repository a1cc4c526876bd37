package dev.tocsin.publisher.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.SlaDeadlines;
import dev.tocsin.avro.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The publisher's own copy of an incident: only what the public page can ever need.
 *
 * <ul>
 *   <li>{@link #project} keeps only what the page reads (product, severity, scope, status, published,
 *       times, merge target, component status override, public updates, the next-update deadline of
 *       the SLA update cadence, which the page announces). Alerts, tickets,
 *       organizations, evidence, the internal title, counters and operator actions are dropped, so
 *       internal and personal data never reaches the publisher's state or changelog, and the
 *       snapshots an alert storm produces (same public content, new counters) project to equal copies.</li>
 *   <li>A snapshot whose projection equals the stored copy but for its version and {@code updatedAt}
 *       changes nothing: the page and its ETag stay as they are, and the page is not evaluated.</li>
 *   <li>Public timeline entries accumulate across snapshots: the correlator's snapshot keeps only
 *       its most recent entries, but every public update ever posted stays on the page.</li>
 *   <li>A snapshot older than (or as old as) the stored one changes nothing: replays and
 *       re-deliveries are no-ops.</li>
 *   <li>Single-customer incidents are not stored unless an earlier snapshot was (so a scope change
 *       back is still seen); incidents resolved before the history horizon are not stored at all.</li>
 * </ul>
 */
public final class IncidentCopy {

    /** Most public updates kept per incident. */
    public static final int MAX_PUBLIC_ENTRIES = 100;

    private IncidentCopy() {}

    /**
     * The copy to store for an incoming snapshot, or empty when the stored copy (if any) stays as it is.
     *
     * @param stored   the current copy, or null
     * @param incoming the correlator's snapshot
     * @param horizon  incidents resolved before this are history and not stored
     */
    public static Optional<Incident> merge(Incident stored, Incident incoming, Instant horizon) {
        if (stored != null && incoming.getVersion() <= stored.getVersion()) {
            return Optional.empty();
        }
        if (stored == null && incoming.getScope() == Scope.SINGLE_CUSTOMER) {
            return Optional.empty();
        }
        if (stored == null && resolvedBefore(incoming, horizon)) {
            return Optional.empty();
        }
        Incident copy = Incident.newBuilder(project(incoming))
                .setTimeline(publicEntries(stored, incoming))
                .build();
        if (stored != null && samePublicContent(stored, copy)) {
            return Optional.empty();
        }
        return Optional.of(copy);
    }

    /**
     * The public projection of a snapshot: what the page can ever need, and nothing that changes with
     * every alert. Idempotent; the topology applies it before the page's repartition so the
     * repartition topic carries small records.
     */
    public static Incident project(Incident incoming) {
        return Incident.newBuilder(incoming)
                .setTitle("")
                .setComponents(List.of())
                .setRegions(List.of())
                .setSeverityOverride(null)
                .setCustomerReported(false)
                .setLatestPublicMessage(null)
                .setAcknowledged(false)
                .setAcknowledgement(null)
                .setReopenCount(0)
                .setFlapCount(0)
                .setAlertCount(0)
                .setTicketCount(0)
                .setOrganizationCount(0)
                .setAlerts(List.of())
                .setLinkedTickets(List.of())
                .setAffectedOrganizations(List.of())
                .setEvidence(List.of())
                .setSla(publicDeadlines(incoming.getSla()))
                .setTimeline(incoming.getTimeline().stream()
                        .filter(IncidentCopy::isPublicUpdate)
                        .map(IncidentCopy::withoutActor)
                        .toList())
                .build();
    }

    /** Of the SLA deadlines only the next public update is public (the page says when it is due); the others are internal. */
    private static SlaDeadlines publicDeadlines(SlaDeadlines sla) {
        return sla == null || sla.getNextUpdateDue() == null
                ? null
                : SlaDeadlines.newBuilder()
                        .setNextUpdateDue(sla.getNextUpdateDue())
                        .build();
    }

    /** Equal but for the version and {@code updatedAt}, which move with every snapshot. */
    private static boolean samePublicContent(Incident stored, Incident copy) {
        return Incident.newBuilder(copy)
                .setVersion(stored.getVersion())
                .setUpdatedAt(stored.getUpdatedAt())
                .build()
                .equals(stored);
    }

    /** Whether the incident resolved before {@code horizon} (and may be forgotten). */
    public static boolean resolvedBefore(Incident incident, Instant horizon) {
        return incident.getStatus() == PublicStatus.RESOLVED
                && incident.getResolvedAt() != null
                && incident.getResolvedAt().isBefore(horizon);
    }

    private static List<TimelineEntry> publicEntries(Incident stored, Incident incoming) {
        Map<String, TimelineEntry> byIdentity = new LinkedHashMap<>();
        if (stored != null) {
            stored.getTimeline().forEach(e -> byIdentity.put(identity(e), e));
        }
        incoming.getTimeline().stream()
                .filter(IncidentCopy::isPublicUpdate)
                .forEach(e -> byIdentity.put(identity(e), withoutActor(e)));
        List<TimelineEntry> entries = new ArrayList<>(byIdentity.values());
        entries.sort(Comparator.comparing(TimelineEntry::getAt));
        return entries.size() <= MAX_PUBLIC_ENTRIES
                ? entries
                : new ArrayList<>(entries.subList(entries.size() - MAX_PUBLIC_ENTRIES, entries.size()));
    }

    /** A timeline entry customers see: public, with a message (the one rule the copy and the page both use). */
    static boolean isPublicUpdate(TimelineEntry entry) {
        return entry.getIsPublic()
                && entry.getMessage() != null
                && !entry.getMessage().isBlank();
    }

    /** Operator names are internal; the page never shows who posted an update. */
    private static TimelineEntry withoutActor(TimelineEntry entry) {
        return TimelineEntry.newBuilder(entry).setActor(null).build();
    }

    private static String identity(TimelineEntry entry) {
        return entry.getAt().toEpochMilli() + "\u0000" + entry.getType() + "\u0000" + entry.getMessage();
    }
}
