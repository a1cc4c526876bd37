package dev.tocsin.publisher.domain;

import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.StatusImpact;
import dev.tocsin.avro.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Builds the public view of incidents.
 *
 * <p>An incident is public when it is {@code published}, its scope is PLATFORM or GLOBAL and it was
 * not merged into another one (the merge target carries the story). Only timeline entries marked
 * {@code isPublic} with a message become updates; the internal title, organizations, tickets,
 * evidence, alerts and actors are never read. The public name is a localized template over the
 * product's display name, because the internal title may name a customer.
 *
 * <p>Each update carries the status its timeline entry was posted with. Entries written before the
 * correlator recorded that status are reconstructed: updates start as INVESTIGATING, a RESOLVED
 * entry is RESOLVED, a REOPENED entry goes back to INVESTIGATING, and the newest update carries the
 * incident's current status.
 */
public final class PublicIncidents {

    private PublicIncidents() {}

    /** Why an incident was withheld: no operator published it yet. */
    public static final String NOT_PUBLISHED = "not-published";
    /** Why an incident was withheld: it affects a single customer (support talks to them directly). */
    public static final String SINGLE_CUSTOMER = "single-customer";
    /** Why an incident was withheld: it was merged into another incident, which carries the story. */
    public static final String MERGED = "merged";
    /** Why an incident was withheld: it resolved before the page's history horizon. */
    public static final String PAST_HISTORY = "past-history";

    public static boolean isPublic(Incident incident) {
        return withheldBecause(incident).isEmpty();
    }

    /** Why the incident itself stays off the page ({@link #NOT_PUBLISHED}, {@link #SINGLE_CUSTOMER}, {@link #MERGED}); empty if it is public. */
    public static Optional<String> withheldBecause(Incident incident) {
        if (incident.getMergedInto() != null) {
            return Optional.of(MERGED);
        }
        if (incident.getScope() == Scope.SINGLE_CUSTOMER) {
            return Optional.of(SINGLE_CUSTOMER);
        }
        return incident.getPublished() ? Optional.empty() : Optional.of(NOT_PUBLISHED);
    }

    /**
     * Every reason the page withholds a snapshot, in the order the publisher applies them: the product
     * allow-list ({@link PublicProducts}), then the history horizon ({@link IncidentCopy#resolvedBefore}),
     * then the incident's own state ({@link #withheldBecause(Incident)}). Empty when the page shows it.
     */
    public static Optional<String> withheldBecause(Incident incident, PublicProducts products, Instant horizon) {
        return products.withheldBecause(incident.getProduct())
                .or(() -> IncidentCopy.resolvedBefore(incident, horizon) ? Optional.of(PAST_HISTORY) : Optional.empty())
                .or(() -> withheldBecause(incident));
    }

    /** Public incidents, newest first. */
    public static List<PublicIncident> of(Collection<Incident> incidents, ComponentCatalog catalog, Messages messages) {
        return incidents.stream()
                .filter(PublicIncidents::isPublic)
                .map(i -> view(i, catalog, messages).orElseThrow())
                .sorted(Comparator.comparing(PublicIncident::createdAt)
                        .reversed()
                        .thenComparing(PublicIncident::incidentId))
                .toList();
    }

    /** The public view, or empty when the incident must not be shown. */
    public static Optional<PublicIncident> view(Incident incident, ComponentCatalog catalog, Messages messages) {
        if (!isPublic(incident)) {
            return Optional.empty();
        }
        ComponentStatus componentStatus = ComponentStatuses.of(incident);
        String component = catalog.displayName(incident.getProduct());
        String name = messages.format("incident.name." + componentStatus.name(), component);
        List<PublicIncident.Update> updates = updates(incident, componentStatus, component, messages);
        Instant monitoringAt =
                incident.getStatus() == PublicStatus.MONITORING ? updates.get(0).createdAt() : null;
        Instant newestUpdate = updates.get(0).createdAt();
        Instant updatedAt = newestUpdate.isAfter(incident.getUpdatedAt()) ? newestUpdate : incident.getUpdatedAt();
        return Optional.of(new PublicIncident(
                incident.getIncidentId(),
                incident.getProduct(),
                componentStatus,
                name,
                incident.getStatus(),
                impactOf(incident),
                updates,
                incident.getOpenedAt(),
                updatedAt,
                monitoringAt,
                incident.getResolvedAt(),
                nextUpdateDue(incident)));
    }

    /** The correlator's next-update deadline (SLA update cadence) while the incident is open. */
    private static Instant nextUpdateDue(Incident incident) {
        if (incident.getStatus() == PublicStatus.RESOLVED || incident.getSla() == null) {
            return null;
        }
        return incident.getSla().getNextUpdateDue();
    }

    /** Impact from the operator's component status when set (so name and impact agree), else from severity. */
    public static StatusImpact impactOf(Incident incident) {
        ComponentStatus override = incident.getComponentStatusOverride();
        if (override == null) {
            return impact(incident.getSeverity());
        }
        return switch (override) {
            case MAJOR_OUTAGE -> StatusImpact.CRITICAL;
            case PARTIAL_OUTAGE -> StatusImpact.MAJOR;
            case DEGRADED_PERFORMANCE -> StatusImpact.MINOR;
            case OPERATIONAL, UNDER_MAINTENANCE -> StatusImpact.NONE;
        };
    }

    /** Statuspage impact from severity: SEV1 critical, SEV2 major, SEV3 minor, SEV4 none. */
    public static StatusImpact impact(Severity severity) {
        return switch (severity) {
            case SEV1 -> StatusImpact.CRITICAL;
            case SEV2 -> StatusImpact.MAJOR;
            case SEV3 -> StatusImpact.MINOR;
            case SEV4 -> StatusImpact.NONE;
        };
    }

    /** Text of the automatic first update, e.g. "We are investigating degraded performance of Chat." */
    public static String automaticFirstUpdate(
            ComponentStatus componentStatus, String componentName, Messages messages) {
        return messages.format("incident.auto." + componentStatus.name(), componentName);
    }

    private static List<PublicIncident.Update> updates(
            Incident incident, ComponentStatus componentStatus, String component, Messages messages) {
        List<TimelineEntry> entries = incident.getTimeline().stream()
                .filter(IncidentCopy::isPublicUpdate)
                .sorted(Comparator.comparing(TimelineEntry::getAt))
                .toList();
        List<PublicIncident.Update> oldestFirst = new ArrayList<>();
        if (entries.isEmpty()) {
            PublicStatus first =
                    incident.getStatus() == PublicStatus.RESOLVED ? PublicStatus.INVESTIGATING : incident.getStatus();
            oldestFirst.add(new PublicIncident.Update(
                    updateId(incident, 0),
                    first,
                    automaticFirstUpdate(componentStatus, component, messages),
                    incident.getOpenedAt(),
                    true));
        }
        PublicStatus running = PublicStatus.INVESTIGATING;
        for (int n = 0; n < entries.size(); n++) {
            TimelineEntry entry = entries.get(n);
            if (entry.getType() == IncidentEventType.RESOLVED) {
                running = PublicStatus.RESOLVED;
            } else if (entry.getType() == IncidentEventType.REOPENED) {
                running = PublicStatus.INVESTIGATING;
            }
            boolean newest = n == entries.size() - 1;
            // the correlator records the status each entry was posted with; older snapshots lack it
            PublicStatus status =
                    entry.getStatus() != null ? entry.getStatus() : newest ? incident.getStatus() : running;
            oldestFirst.add(new PublicIncident.Update(
                    updateId(incident, n + 1), status, entry.getMessage(), entry.getAt(), false));
        }
        if (incident.getStatus() == PublicStatus.RESOLVED
                && oldestFirst.get(oldestFirst.size() - 1).status() != PublicStatus.RESOLVED) {
            Instant at = incident.getResolvedAt() != null ? incident.getResolvedAt() : incident.getUpdatedAt();
            oldestFirst.add(new PublicIncident.Update(
                    updateId(incident, oldestFirst.size() + 1),
                    PublicStatus.RESOLVED,
                    messages.text("incident.auto.resolved"),
                    at,
                    true));
        }
        List<PublicIncident.Update> newestFirst = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static String updateId(Incident incident, int position) {
        return Ids.stable("incident-update", incident.getIncidentId(), Integer.toString(position));
    }
}
