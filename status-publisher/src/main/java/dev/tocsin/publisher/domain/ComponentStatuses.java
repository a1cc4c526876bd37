package dev.tocsin.publisher.domain;

import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.schemas.rules.MaintenanceSchedule;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Public status of each component (= product).
 *
 * <p>Rules:
 * <ul>
 *   <li>An incident counts when its scope is PLATFORM or GLOBAL, it is not RESOLVED and not merged
 *       into another incident. Whether it is already {@code published} does not matter: the
 *       component status reflects what monitoring sees, the incident text is published separately.
 *       SINGLE_CUSTOMER incidents never change public status.</li>
 *   <li>Severity maps to status: SEV1 major outage, SEV2 partial outage, SEV3 degraded performance,
 *       SEV4 operational, unless an operator set the incident's component status, which wins until
 *       the incident resolves. The worst counting incident wins.</li>
 *   <li>A maintenance window that covers {@code now} ({@link MaintenanceSchedule#covers}, the rule the
 *       correlator suppresses alerts with) shows UNDER_MAINTENANCE unless an incident shows a real degradation: an outage during a
 *       maintenance is news the customer must see, so any non-operational incident status wins.</li>
 * </ul>
 */
public final class ComponentStatuses {

    private ComponentStatuses() {}

    /**
     * Status per product: catalog products first, then products of open or public incidents outside
     * the catalog (sorted), then products of active maintenance outside the catalog.
     */
    public static Map<String, ComponentStatus> compute(
            ComponentCatalog catalog,
            Collection<Incident> incidents,
            Collection<MaintenanceWindow> windows,
            Instant now) {
        Map<String, ComponentStatus> result = new LinkedHashMap<>();
        catalog.products().forEach(p -> result.put(p, ComponentStatus.OPERATIONAL));
        TreeSet<String> extra = new TreeSet<>();
        // only incidents that can show: a single-customer incident must not reveal a product name
        incidents.stream()
                .filter(i -> counts(i) || PublicIncidents.isPublic(i))
                .forEach(i -> extra.add(i.getProduct()));
        extra.forEach(p -> result.putIfAbsent(p, ComponentStatus.OPERATIONAL));

        for (MaintenanceWindow window : windows) {
            if (MaintenanceSchedule.covers(window, now)) {
                window.getProducts()
                        .forEach(p -> result.merge(p, ComponentStatus.UNDER_MAINTENANCE, ComponentStatuses::worse));
            }
        }
        for (Incident incident : incidents) {
            if (counts(incident)) {
                result.merge(incident.getProduct(), of(incident), ComponentStatuses::worse);
            }
        }
        return result;
    }

    /** Whether the incident can change public component status at all. */
    public static boolean counts(Incident incident) {
        return incident.getScope() != Scope.SINGLE_CUSTOMER
                && incident.getStatus() != PublicStatus.RESOLVED
                && incident.getMergedInto() == null;
    }

    /**
     * The status one incident gives its component: the operator's override (PUBLISH / SET_STATUS with
     * a component status; the correlator clears it on resolve) wins over the severity mapping.
     */
    public static ComponentStatus of(Incident incident) {
        return incident.getComponentStatusOverride() != null
                ? incident.getComponentStatusOverride()
                : forSeverity(incident.getSeverity());
    }

    public static ComponentStatus forSeverity(Severity severity) {
        return switch (severity) {
            case SEV1 -> ComponentStatus.MAJOR_OUTAGE;
            case SEV2 -> ComponentStatus.PARTIAL_OUTAGE;
            case SEV3 -> ComponentStatus.DEGRADED_PERFORMANCE;
            case SEV4 -> ComponentStatus.OPERATIONAL;
        };
    }

    /** Rank used to pick the worse of two statuses: outages above maintenance above operational. */
    public static int rank(ComponentStatus status) {
        return switch (status) {
            case OPERATIONAL -> 0;
            case UNDER_MAINTENANCE -> 1;
            case DEGRADED_PERFORMANCE -> 2;
            case PARTIAL_OUTAGE -> 3;
            case MAJOR_OUTAGE -> 4;
        };
    }

    public static ComponentStatus worse(ComponentStatus a, ComponentStatus b) {
        return rank(a) >= rank(b) ? a : b;
    }

    /** Statuspage's wire name, e.g. {@code degraded_performance}. */
    public static String wireName(ComponentStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
