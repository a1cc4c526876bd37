package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TicketRecord;

import java.time.Instant;
import java.util.Optional;

/**
 * A ticket moved to another product ({@link TicketOwnership}) is let go by the product it left:
 * unlinked from its incident (counts, organizations and the master ticket follow, the ticket gets
 * an UNLINKED update naming the new product, and later status changes or the resolution of the
 * old incident no longer reach it), dropped from the product's customer-report wave, and
 * forgotten, so the new product triages it as the only holder and the query API finds it once.
 * A ticket on the standard path or linked to a maintenance notice gets no update here: the new
 * product's triage tells it.
 */
final class TicketMoves {

    private TicketMoves() {
    }

    static void moveOut(Session session, String ticketId, String from, String to, Instant at) {
        Optional<TicketRecord> held = session.state.ticket(ticketId).map(StateValues::copy);
        if (held.isEmpty() || !from.equals(held.get().getProduct())) {
            return; // never triaged here (e.g. a replay told the new product first), or already let go
        }
        TicketRecord ticket = held.get();
        ProductIndex index = session.index(from);
        if (index.getRecentReports().removeIf(r -> r.getTicketId().equals(ticketId))) {
            session.touched(index);
        }
        Optional<Incident> incident = session.incident(ticket.getIncidentId());
        if (incident.isPresent()) {
            IncidentChange change = session.begin(incident.get(), at);
            TicketLinks.unlink(session, change, ticket, null,
                    TicketTexts.format(ticket.getLanguage(), "reason.moved-to-product", from, to));
            session.commit(change);
        }
        session.state.removeTicket(ticketId);
    }
}
