package dev.tocsin.correlator.http;

import dev.tocsin.avro.AlertRef;
import dev.tocsin.avro.Evidence;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.OperatorAction;
import dev.tocsin.avro.SlaDeadlines;
import dev.tocsin.avro.TicketLink;
import dev.tocsin.avro.TimelineEntry;
import dev.tocsin.correlator.domain.LegacyEnumStrings;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** The query API's JSON shapes, built from the stored records (field names are the API contract). */
final class IncidentJson {

    private IncidentJson() {}

    static Map<String, Object> summary(Incident i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", i.getIncidentId());
        out.put("product", i.getProduct());
        out.put("title", i.getTitle());
        out.put("severity", severity(i));
        out.put("scope", i.getScope().name());
        out.put("status", i.getStatus().name());
        out.put("acknowledged", i.getAcknowledged());
        out.put("published", i.getPublished());
        out.put("openedAt", i.getOpenedAt());
        out.put("updatedAt", i.getUpdatedAt());
        out.put("resolvedAt", i.getResolvedAt());
        out.put("mergedInto", i.getMergedInto());
        out.put("alertCount", i.getAlertCount());
        out.put("ticketCount", i.getTicketCount());
        out.put("organizationCount", i.getOrganizationCount());
        out.put("version", i.getVersion());
        return out;
    }

    static Map<String, Object> full(Incident i) {
        Map<String, Object> out = summary(i);
        out.put("components", i.getComponents());
        out.put("regions", i.getRegions());
        out.put("customerReported", i.getCustomerReported());
        out.put("latestPublicMessage", i.getLatestPublicMessage());
        out.put(
                "componentStatusOverride",
                i.getComponentStatusOverride() == null
                        ? null
                        : i.getComponentStatusOverride().name());
        out.put("severityOverride", action(i.getSeverityOverride()));
        out.put("acknowledgement", action(i.getAcknowledgement()));
        out.put("reopenCount", i.getReopenCount());
        out.put("flapCount", i.getFlapCount());
        out.put("alerts", i.getAlerts().stream().map(IncidentJson::alert).toList());
        out.put(
                "linkedTickets",
                i.getLinkedTickets().stream().map(IncidentJson::ticket).toList());
        out.put("affectedOrganizations", i.getAffectedOrganizations());
        out.put("timeline", i.getTimeline().stream().map(IncidentJson::timeline).toList());
        out.put("sla", sla(i.getSla()));
        out.put("evidence", i.getEvidence().stream().map(IncidentJson::evidence).toList());
        return out;
    }

    static Map<String, Object> trackedAlert(TrackedAlert stored) {
        return fields(LegacyEnumStrings.read(stored));
    }

    static Map<String, Object> ticketRecord(TicketRecord stored) {
        return fields(LegacyEnumStrings.read(stored));
    }

    /**
     * Every field of a state record, by name; an enum field under the name of the string field it
     * replaced (the API's name), and that string itself left out.
     */
    private static Map<String, Object> fields(SpecificRecordBase record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Schema.Field f : record.getSchema().getFields()) {
            if (!LegacyEnumStrings.STRING_FIELD_OF.containsValue(f.name())) {
                out.put(LegacyEnumStrings.STRING_FIELD_OF.getOrDefault(f.name(), f.name()), plain(record.get(f.pos())));
            }
        }
        return out;
    }

    private static Object plain(Object value) {
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(IncidentJson::plain).toList();
        }
        return value;
    }

    private static int severity(Incident i) {
        return i.getSeverity().ordinal() + 1;
    }

    private static Map<String, Object> alert(AlertRef a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fingerprint", a.getFingerprint());
        out.put("status", a.getStatus().name());
        out.put("signal", a.getSignal().name());
        out.put("summary", a.getSummary());
        out.put("component", a.getComponent());
        out.put("region", a.getRegion());
        out.put("firstSeenAt", a.getFirstSeenAt());
        out.put("lastSeenAt", a.getLastSeenAt());
        out.put("flapCount", a.getFlapCount());
        return out;
    }

    private static Map<String, Object> ticket(TicketLink t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ticketId", t.getTicketId());
        out.put("organizationId", t.getOrganizationId());
        out.put("linkedAt", t.getLinkedAt());
        out.put("duplicateOf", t.getDuplicateOf());
        return out;
    }

    private static Map<String, Object> timeline(TimelineEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", e.getAt());
        out.put("type", e.getType().name());
        out.put("actor", e.getActor());
        out.put("message", e.getMessage());
        out.put("public", e.getIsPublic());
        out.put("status", e.getStatus() == null ? null : e.getStatus().name());
        return out;
    }

    private static Map<String, Object> evidence(Evidence e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", e.getRule());
        out.put("matchedKeys", e.getMatchedKeys());
        out.put("gapMillis", e.getGapMillis());
        out.put("at", e.getAt());
        out.put("alertFingerprint", e.getAlertFingerprint());
        out.put("ticketId", e.getTicketId());
        return out;
    }

    private static Map<String, Object> sla(SlaDeadlines sla) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (sla != null) {
            out.put("firstResponseDue", sla.getFirstResponseDue());
            out.put("nextUpdateDue", sla.getNextUpdateDue());
            out.put("restoreDue", sla.getRestoreDue());
            out.put("rcaDue", sla.getRcaDue());
        }
        return out;
    }

    private static Map<String, Object> action(OperatorAction action) {
        if (action == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("actor", action.getActor());
        out.put("at", action.getAt());
        out.put("reason", action.getReason());
        return out;
    }
}
