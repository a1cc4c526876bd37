package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
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
 */
public record Outcome(List<Incident> incidents, List<IncidentEvent> events, List<TicketUpdate> ticketUpdates) {

    private static final Outcome NONE = new Outcome(List.of(), List.of(), List.of());

    public Outcome {
        incidents = List.copyOf(incidents);
        events = List.copyOf(events);
        ticketUpdates = List.copyOf(ticketUpdates);
    }

    public static Outcome none() {
        return NONE;
    }

    public boolean isEmpty() {
        return incidents.isEmpty() && events.isEmpty() && ticketUpdates.isEmpty();
    }
}
