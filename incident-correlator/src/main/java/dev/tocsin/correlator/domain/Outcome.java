package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.TicketUpdate;
import java.util.List;

/**
 * What one correlator call produced.
 *
 * @param incidents     the latest snapshot of each incident the call changed, once per incident,
 *                      in the order the incidents were first changed
 * @param events        timeline events, in order
 * @param ticketUpdates linked-ticket updates, in order
 * @param commands      commands for other products' partitions (absorbed dependant alerts), keyed by their product
 * @param held          alert records held back by silences, inhibit rules and dependencies (for metrics)
 * @param duplicateCommands commands ignored because the incident had applied their id already (for metrics)
 */
public record Outcome(
        List<Incident> incidents,
        List<IncidentEvent> events,
        List<TicketUpdate> ticketUpdates,
        List<IncidentCommand> commands,
        Held held,
        int duplicateCommands) {

    private static final Outcome NONE = new Outcome(List.of(), List.of(), List.of());

    /** Alert records held back, by reason. */
    public record Held(int silenced, int inhibited, int absorbed) {
        public static final Held NONE = new Held(0, 0, 0);
    }

    public Outcome {
        incidents = List.copyOf(incidents);
        events = List.copyOf(events);
        ticketUpdates = List.copyOf(ticketUpdates);
        commands = List.copyOf(commands);
    }

    public Outcome(List<Incident> incidents, List<IncidentEvent> events, List<TicketUpdate> ticketUpdates) {
        this(incidents, events, ticketUpdates, List.of(), Held.NONE, 0);
    }

    public static Outcome none() {
        return NONE;
    }

    public boolean isEmpty() {
        return incidents.isEmpty() && events.isEmpty() && ticketUpdates.isEmpty() && commands.isEmpty();
    }
}
