package dev.tocsin.publisher.domain;

import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.StatusEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The status events between two public states: exactly one event per change, none when nothing
 * public changed. Compare states rendered in the same language (English for events).
 *
 * <ul>
 *   <li>COMPONENT_STATUS_CHANGED per component whose status differs (a component missing on one side
 *       counts as operational);</li>
 *   <li>INCIDENT_PUBLISHED when an incident becomes public, INCIDENT_RESOLVED when it becomes resolved
 *       (also when it is first seen already resolved), INCIDENT_UPDATED when its status, impact, name
 *       or updates changed otherwise (a reopened incident is an update);</li>
 *   <li>MAINTENANCE_SCHEDULED / STARTED / COMPLETED / CANCELLED when a window appears or its effective
 *       state changes; a return from VERIFYING to IN_PROGRESS and text-only edits are not announced.</li>
 * </ul>
 * Event ids hash the type, the subject and the new public content, so the same input replayed gives
 * the same ids (the basis of notification dedup keys).
 */
public final class StatusChanges {

    private StatusChanges() {}

    public static List<StatusEvent> between(PublicState previous, PublicState next) {
        List<StatusEvent> events = new ArrayList<>();
        componentChanges(previous, next, events);
        incidentChanges(previous, next, events);
        maintenanceChanges(previous, next, events);
        return events;
    }

    /** The page-wide part of {@link #between}: component status changes. */
    public static List<StatusEvent> components(PublicState previous, PublicState next) {
        List<StatusEvent> events = new ArrayList<>();
        componentChanges(previous, next, events);
        return events;
    }

    /** The page-wide part of {@link #between}: maintenance window changes. */
    public static List<StatusEvent> maintenances(PublicState previous, PublicState next) {
        List<StatusEvent> events = new ArrayList<>();
        maintenanceChanges(previous, next, events);
        return events;
    }

    /**
     * The incident part of {@link #between} for one incident: the event for its public view going
     * from {@code old} (null when it was not public) to {@code after}, or empty when nothing public changed.
     */
    public static Optional<StatusEvent> ofIncident(PublicIncident old, PublicIncident after) {
        StatusEventType type = incidentChange(old, after);
        if (type == null) {
            return Optional.empty();
        }
        PublicIncident.Update latest = after.latestUpdate();
        return Optional.of(StatusEvent.newBuilder()
                .setEventId(Ids.stable(
                        "status-event",
                        type.name(),
                        after.incidentId(),
                        after.status().name(),
                        after.impact().name(),
                        latest.id(),
                        after.name(),
                        after.updatedAt().toString()))
                .setType(type)
                .setAt(latest.createdAt().isAfter(after.updatedAt()) ? latest.createdAt() : after.updatedAt())
                .setComponent(after.product())
                .setComponentStatus(after.resolved() ? ComponentStatus.OPERATIONAL : after.componentStatus())
                .setIncidentId(after.incidentId())
                .setIncidentStatus(after.status())
                .setImpact(after.impact())
                .setTitle(after.name())
                // An automatic text is left out so each subscriber gets it rendered in their language.
                .setBody(latest.automatic() ? null : latest.body())
                .setAffectedComponents(List.of(after.product()))
                .setNextUpdateDue(after.nextUpdateDue())
                .build());
    }

    private static void componentChanges(PublicState previous, PublicState next, List<StatusEvent> events) {
        Set<String> products = new LinkedHashSet<>(next.components().keySet());
        products.addAll(previous.components().keySet());
        for (String product : products) {
            ComponentStatus before = previous.components().getOrDefault(product, ComponentStatus.OPERATIONAL);
            ComponentStatus after = next.components().getOrDefault(product, ComponentStatus.OPERATIONAL);
            if (before != after) {
                events.add(StatusEvent.newBuilder()
                        .setEventId(Ids.stable(
                                "status-event",
                                StatusEventType.COMPONENT_STATUS_CHANGED.name(),
                                product,
                                before.name(),
                                after.name(),
                                next.asOf().toString()))
                        .setType(StatusEventType.COMPONENT_STATUS_CHANGED)
                        .setAt(next.asOf())
                        .setComponent(product)
                        .setPreviousComponentStatus(before)
                        .setComponentStatus(after)
                        .setAffectedComponents(List.of(product))
                        .build());
            }
        }
    }

    private static void incidentChanges(PublicState previous, PublicState next, List<StatusEvent> events) {
        Map<String, PublicIncident> before = byId(previous.incidents(), PublicIncident::incidentId);
        for (PublicIncident after : next.incidents()) {
            ofIncident(before.get(after.incidentId()), after).ifPresent(events::add);
        }
    }

    private static StatusEventType incidentChange(PublicIncident old, PublicIncident after) {
        if (old == null) {
            return after.resolved() ? StatusEventType.INCIDENT_RESOLVED : StatusEventType.INCIDENT_PUBLISHED;
        }
        if (after.resolved() && !old.resolved()) {
            return StatusEventType.INCIDENT_RESOLVED;
        }
        boolean changed = old.status() != after.status()
                || old.impact() != after.impact()
                || !old.name().equals(after.name())
                || !old.updates().equals(after.updates());
        return changed ? StatusEventType.INCIDENT_UPDATED : null;
    }

    private static void maintenanceChanges(PublicState previous, PublicState next, List<StatusEvent> events) {
        Map<String, PublicMaintenance> before = byId(previous.maintenances(), PublicMaintenance::windowId);
        for (PublicMaintenance after : next.maintenances()) {
            PublicMaintenance old = before.get(after.windowId());
            StatusEventType type = maintenanceChange(old == null ? null : old.state(), after.state());
            if (type != null) {
                events.add(maintenanceEvent(type, after, after.state(), next.asOf()));
            } else if (old != null && old.active() && after.upcoming()) {
                // an occurrence of a recurring window ended: it is completed, the series goes on
                events.add(maintenanceEvent(
                        StatusEventType.MAINTENANCE_COMPLETED, old, MaintenanceState.COMPLETED, next.asOf()));
            }
        }
    }

    /** One maintenance event; its id names the occurrence, so each occurrence of a recurring window has its own. */
    private static StatusEvent maintenanceEvent(
            StatusEventType type, PublicMaintenance occurrence, MaintenanceState state, Instant at) {
        return StatusEvent.newBuilder()
                .setEventId(Ids.stable(
                        "status-event",
                        type.name(),
                        occurrence.windowId(),
                        occurrence.scheduledFor().toString(),
                        occurrence.scheduledUntil().toString()))
                .setType(type)
                .setAt(at)
                .setMaintenanceId(occurrence.windowId())
                .setMaintenanceState(state)
                .setImpact(dev.tocsin.avro.StatusImpact.MAINTENANCE)
                .setTitle(occurrence.name())
                .setBody(occurrence.body())
                .setAffectedComponents(occurrence.products())
                .build();
    }

    /** The event for a maintenance state change, or null when it is not announced. */
    static StatusEventType maintenanceChange(MaintenanceState before, MaintenanceState after) {
        if (Objects.equals(before, after)) {
            return null;
        }
        return switch (after) {
            case SCHEDULED -> before == null ? StatusEventType.MAINTENANCE_SCHEDULED : null;
            case IN_PROGRESS -> before == MaintenanceState.VERIFYING ? null : StatusEventType.MAINTENANCE_STARTED;
            case VERIFYING ->
                before == null || before == MaintenanceState.SCHEDULED ? StatusEventType.MAINTENANCE_STARTED : null;
            case COMPLETED -> StatusEventType.MAINTENANCE_COMPLETED;
            case CANCELLED -> StatusEventType.MAINTENANCE_CANCELLED;
        };
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a));
    }
}
