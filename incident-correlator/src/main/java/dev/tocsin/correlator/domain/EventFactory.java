package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Evidence;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.TimelineEntry;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds events, timeline entries and evidence with deterministic ids: an event id is
 * {@code <incidentId>:v<version>:<n>:<TYPE>} (n counts the events of that version), a rejected
 * command's is {@code <incidentId>:rejected:<commandId>}. Nothing here reads a clock.
 */
public final class EventFactory {

    private EventFactory() {}

    public static String eventId(String incidentId, long version, int index, IncidentEventType type) {
        return incidentId + ":v" + version + ":" + index + ":" + type;
    }

    /** An event of an incident's change, with the incident's state after the change filled in. */
    public static IncidentEvent.Builder event(Incident after, int index, IncidentEventType type, Instant at) {
        return IncidentEvent.newBuilder()
                .setEventId(eventId(after.getIncidentId(), after.getVersion(), index, type))
                .setIncidentId(after.getIncidentId())
                .setProduct(after.getProduct())
                .setType(type)
                .setAt(at)
                .setIncidentVersion(after.getVersion());
    }

    /** COMMAND_REJECTED: the incident (if any) does not change, so the id comes from the command. */
    public static IncidentEvent rejected(
            IncidentCommand command, String product, long version, Instant at, String reason) {
        return IncidentEvent.newBuilder()
                .setEventId(command.getIncidentId() + ":rejected:" + command.getCommandId())
                .setIncidentId(command.getIncidentId())
                .setProduct(product == null ? "" : product)
                .setType(IncidentEventType.COMMAND_REJECTED)
                .setAt(at)
                .setActor(command.getActor())
                .setMessage(command.getType() + " rejected: " + reason)
                .setCommandId(command.getCommandId())
                .setRelatedIncidentId(command.getTargetIncidentId())
                .setTicketId(command.getTicketId())
                .setIncidentVersion(version)
                .build();
    }

    /** A timeline entry; {@code status} is the incident's status right after the event (the status a public update was posted with). */
    public static TimelineEntry timeline(IncidentEvent event, boolean isPublic, PublicStatus status) {
        return TimelineEntry.newBuilder()
                .setAt(event.getAt())
                .setType(event.getType())
                .setActor(event.getActor())
                .setMessage(event.getMessage())
                .setIsPublic(isPublic)
                .setStatus(status)
                .build();
    }

    /**
     * Why something was attached.
     *
     * @param rule        the correlation rule that fired
     * @param matchedKeys the keys that matched (copied sorted, null values dropped)
     * @param gapMillis   time since the previous evidence on the incident, null for the first
     */
    public static Evidence evidence(
            String rule,
            Map<String, String> matchedKeys,
            Long gapMillis,
            Instant at,
            String alertFingerprint,
            String ticketId) {
        Map<String, String> keys = new TreeMap<>();
        matchedKeys.forEach((k, v) -> {
            if (v != null) {
                keys.put(k, v);
            }
        });
        return Evidence.newBuilder()
                .setRule(rule)
                .setMatchedKeys(keys)
                .setGapMillis(gapMillis)
                .setAt(at)
                .setAlertFingerprint(alertFingerprint)
                .setTicketId(ticketId)
                .build();
    }
}
