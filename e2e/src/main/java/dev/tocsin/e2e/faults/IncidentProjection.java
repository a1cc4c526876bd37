package dev.tocsin.e2e.faults;

import dev.tocsin.avro.Incident;
import java.util.TreeSet;

/**
 * What a replay must reproduce of an incident: its identity, product, status, publication, severity, scope, places,
 * alert count and when it opened. Left out: version, updatedAt, the timeline and SLA entries, which
 * also record when the correlator's wall clock checked the incident (punctuation), not only its inputs.
 */
final class IncidentProjection {

    private IncidentProjection() {}

    static String of(Incident incident) {
        if (incident == null) {
            return "(absent)";
        }
        return incident.getIncidentId() + "{product=" + incident.getProduct() + ", status=" + incident.getStatus()
                + ", published=" + incident.getPublished() + ", severity=" + incident.getSeverity() + ", scope="
                + incident.getScope()
                + ", components=" + new TreeSet<>(incident.getComponents()) + ", regions="
                + new TreeSet<>(incident.getRegions())
                + ", alertCount=" + incident.getAlertCount() + ", openedAt=" + incident.getOpenedAt()
                + ", mergedInto=" + incident.getMergedInto() + "}";
    }
}
