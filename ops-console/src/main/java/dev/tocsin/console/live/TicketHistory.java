package dev.tocsin.console.live;

import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TriageOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every update each ticket received on {@code tocsin.ticket-updates} (the support view), and the
 * tickets whose latest triage sent them to standard troubleshooting (the queue). Bounded: beyond
 * {@code limit} tickets, the one updated longest ago is forgotten; each keeps its last
 * {@value #PER_TICKET} updates.
 */
public final class TicketHistory {

    static final int PER_TICKET = 100;

    private final int limit;
    private final Map<String, List<TicketUpdate>> byTicket = new LinkedHashMap<>(16, 0.75f, true);

    public TicketHistory(int limit) {
        this.limit = limit;
    }

    synchronized void add(TicketUpdate update) {
        List<TicketUpdate> updates = byTicket.computeIfAbsent(update.getTicketId(), id -> new ArrayList<>());
        updates.add(update);
        if (updates.size() > PER_TICKET) {
            updates.remove(0);
        }
        if (byTicket.size() > limit) {
            byTicket.remove(byTicket.keySet().iterator().next());
        }
    }

    /** Every update of the ticket, oldest first (empty when this console has not seen it). */
    public synchronized List<TicketUpdate> of(String ticketId) {
        return List.copyOf(byTicket.getOrDefault(ticketId, List.of()));
    }

    /** The latest triage of each ticket still on the standard troubleshooting path, newest first. */
    public synchronized List<TicketUpdate> standardTroubleshooting() {
        List<TicketUpdate> queue = new ArrayList<>();
        for (List<TicketUpdate> updates : byTicket.values()) {
            TicketUpdate latestTriage = null;
            for (TicketUpdate u : updates) {
                if (u.getKind() == TicketUpdateKind.TRIAGED || u.getKind() == TicketUpdateKind.UNLINKED) {
                    latestTriage = u;
                }
            }
            if (latestTriage != null
                    && latestTriage.getKind() == TicketUpdateKind.TRIAGED
                    && latestTriage.getTriageOutcome() == TriageOutcome.STANDARD_TROUBLESHOOTING) {
                queue.add(latestTriage);
            }
        }
        queue.sort((a, b) -> Long.compare(b.getAt().toEpochMilli(), a.getAt().toEpochMilli()));
        return queue;
    }
}
