package dev.tocsin.console.live;

import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What became of the commands the correlator processed, by command id, from
 * {@code tocsin.incident-events}: applied (an event carries the id) or rejected (a COMMAND_REJECTED
 * event with the correlator's reason). Bounded: the oldest outcomes go first.
 */
public final class CommandOutcomes {

    /** One command's outcome; {@code message} is the correlator's reason when rejected. */
    public record Outcome(String commandId, boolean rejected, String message) {}

    private final int limit;
    private final Map<String, Outcome> byCommand = new LinkedHashMap<>();

    public CommandOutcomes(int limit) {
        this.limit = limit;
    }

    synchronized void apply(IncidentEvent event) {
        String id = event.getCommandId();
        if (id == null) {
            return;
        }
        boolean rejected = event.getType() == IncidentEventType.COMMAND_REJECTED;
        // the first event of a command decides: an applied command may write several events
        byCommand.putIfAbsent(
                id,
                new Outcome(
                        id,
                        rejected,
                        rejected ? event.getMessage() : event.getType().name()));
        if (byCommand.size() > limit) {
            byCommand.remove(byCommand.keySet().iterator().next());
        }
    }

    public synchronized Optional<Outcome> of(String commandId) {
        return Optional.ofNullable(byCommand.get(commandId));
    }
}
