package dev.tocsin.publisher.domain;

import dev.tocsin.avro.ComponentDay;
import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the public page shows at one moment, in one language: component statuses, public
 * incidents and maintenance. Two states are compared by {@link StatusChanges}.
 *
 * @param asOf         the moment the state describes
 * @param catalog      component names and order
 * @param components   status per product, in display order
 * @param incidents    public incidents, newest first
 * @param maintenances maintenance windows, soonest first
 * @param messages     the language the texts are in
 * @param uptime       uptime history per catalog component, in catalog order; empty when not computed
 *                     (the page-wide states the topology compares never need it)
 */
public record PublicState(
        Instant asOf,
        ComponentCatalog catalog,
        Map<String, ComponentStatus> components,
        List<PublicIncident> incidents,
        List<PublicMaintenance> maintenances,
        Messages messages,
        Map<String, Uptime.ComponentUptime> uptime) {

    public PublicState {
        components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
        incidents = List.copyOf(incidents);
        maintenances = List.copyOf(maintenances);
        uptime = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(uptime));
    }

    /** A state without uptime history. */
    public PublicState(
            Instant asOf,
            ComponentCatalog catalog,
            Map<String, ComponentStatus> components,
            List<PublicIncident> incidents,
            List<PublicMaintenance> maintenances,
            Messages messages) {
        this(asOf, catalog, components, incidents, maintenances, messages, Map.of());
    }

    /** The public state with the uptime history of the daily aggregates {@code days} ({@link Uptime}). */
    public static PublicState of(
            ComponentCatalog catalog,
            Collection<Incident> incidents,
            Collection<MaintenanceWindow> windows,
            Collection<ComponentDay> days,
            Instant now,
            Messages messages) {
        PublicState state = of(catalog, incidents, windows, now, messages);
        return new PublicState(
                now,
                catalog,
                state.components(),
                state.incidents(),
                state.maintenances(),
                messages,
                Uptime.of(catalog.products(), days, now));
    }

    /** The public state derived from internal incidents and maintenance windows at {@code now}. */
    public static PublicState of(
            ComponentCatalog catalog,
            Collection<Incident> incidents,
            Collection<MaintenanceWindow> windows,
            Instant now,
            Messages messages) {
        return new PublicState(
                now,
                catalog,
                ComponentStatuses.compute(catalog, incidents, windows, now),
                PublicIncidents.of(incidents, catalog, messages),
                MaintenanceView.of(windows, catalog, messages, now),
                messages);
    }

    /**
     * The page-wide part of the state (component statuses and maintenance, no incident list): what a
     * batch of incident changes is evaluated against.
     */
    public static PublicState pageWide(
            ComponentCatalog catalog,
            Collection<Incident> incidents,
            Collection<MaintenanceWindow> windows,
            Instant now,
            Messages messages) {
        return pageWide(catalog, ComponentStatuses.compute(catalog, incidents, windows, now), windows, now, messages);
    }

    /** The page-wide part with component statuses known already (as announced before). */
    public static PublicState pageWide(
            ComponentCatalog catalog,
            Map<String, ComponentStatus> components,
            Collection<MaintenanceWindow> windows,
            Instant now,
            Messages messages) {
        return new PublicState(
                now, catalog, components, List.of(), MaintenanceView.of(windows, catalog, messages, now), messages);
    }

    /** An empty page: nothing known yet, every catalog product operational. */
    public static PublicState empty(ComponentCatalog catalog, Instant asOf) {
        return of(catalog, List.of(), List.of(), asOf, Messages.english());
    }

    public PageIndicator indicator() {
        return PageIndicator.of(components.values());
    }
}
