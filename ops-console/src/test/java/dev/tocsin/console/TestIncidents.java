package dev.tocsin.console;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import java.time.Instant;
import java.util.List;

/** Incident snapshots for tests: only what a test names differs. */
public final class TestIncidents {

    private TestIncidents() {}

    public static Incident incident(
            String id,
            String product,
            Severity severity,
            Scope scope,
            PublicStatus status,
            boolean acknowledged,
            boolean published) {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        return Incident.newBuilder()
                .setIncidentId(id)
                .setProduct(product)
                .setTitle("t " + id)
                .setComponents(List.of())
                .setRegions(List.of())
                .setSeverity(severity)
                .setScope(scope)
                .setStatus(status)
                .setCustomerReported(false)
                .setPublished(published)
                .setAcknowledged(acknowledged)
                .setOpenedAt(at)
                .setUpdatedAt(at)
                .setReopenCount(0)
                .setFlapCount(0)
                .setAlertCount(1)
                .setTicketCount(0)
                .setOrganizationCount(0)
                .setAlerts(List.of())
                .setLinkedTickets(List.of())
                .setAffectedOrganizations(List.of())
                .setTimeline(List.of())
                .setEvidence(List.of())
                .setVersion(1)
                .build();
    }
}
