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
 *
 * <p>Where both products share a partition, the report under the new product finds the ticket
 * still held by the old one and moves it itself, before its triage ({@link ReportIntake}); the
 * move told later finds nothing left to do. Either order ends the same.
 */
final class TicketMoves {

    private TicketMoves() {}

    /** The ticket moved from {@code from} to {@code to} at {@code at}: {@code from} lets it go, unless that is stale. */
    static void moveOut(Session session, String ticketId, String from, String to, Instant at) {
        Optional<TicketRecord> held = session.state.ticket(ticketId).map(StateValues::copy);
        if (held.isEmpty()
                || !from.equals(held.get().getProduct())
                || held.get().getLastReportAt() > at.toEpochMilli()) {
            // never triaged here, let go already, or reported here again after the move (it came back)
            return;
        }
        TicketRecord ticket = held.get();
        ProductIndex index = session.index(from);
        if (index.getRecentReports().removeIf(r -> r.getTicketId().equals(ticketId))) {
            session.touched(index);
        }
        Optional<Incident> incident = session.incident(ticket.getIncidentId());
        if (incident.isPresent()) {
            IncidentChange change = session.begin(incident.get(), at);
            TicketLinks.unlink(
                    session,
                    change,
                    ticket,
                    null,
                    TicketTexts.format(ticket.getLanguage(), "reason.moved-to-product", from, to));
            session.commit(change);
        }
        session.state.removeTicket(ticketId);
    }
}
