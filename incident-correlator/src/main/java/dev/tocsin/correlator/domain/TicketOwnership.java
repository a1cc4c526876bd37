package dev.tocsin.correlator.domain;

import dev.tocsin.correlator.state.TicketMove;
import dev.tocsin.correlator.state.TicketOwner;
import java.util.Optional;

/**
 * A customer ticket belongs to exactly one product at a time: the product of its latest report
 * (support re-categorises tickets, and the ticket system re-sends them with the new product).
 * Every report is triaged by its own product's partition as it comes; products live on different
 * partitions, so this rule runs apart, on the reports keyed by ticket id, and decides which
 * product must let the ticket go ({@link TicketMoves}).
 *
 * <p>A report naming another product than the owner's moves the ticket: the old product is told.
 * A report older than the move to the current owner (two products' reports reach this rule in
 * any order when history is replayed) is one the ticket has left since: its product is told of
 * the move, stamped with the time of the move, so a replay tells each product what the live run did.
 */
public final class TicketOwnership {

    /**
     * @param owner the ticket's owner afterwards (to remember)
     * @param move  the move a product must be told of, if any
     */
    public record Decision(TicketOwner owner, Optional<TicketMove> move) {}

    private TicketOwnership() {}

    /**
     * Routes one report of a ticket.
     *
     * @param ticketId the ticket
     * @param owner   the ticket's owner so far, or null for a ticket never reported
     * @param product the product the report names
     * @param at      the report's event time
     */
    public static Decision route(String ticketId, TicketOwner owner, String product, long at) {
        if (owner == null) {
            return new Decision(new TicketOwner(product, at, at), Optional.empty());
        }
        if (owner.getProduct().equals(product)) {
            return new Decision(reportedAt(owner, at), Optional.empty());
        }
        if (at >= owner.getSince()) {
            return new Decision(
                    new TicketOwner(product, at, Math.max(at, owner.getLastReportAt())),
                    Optional.of(new TicketMove(ticketId, owner.getProduct(), product, at)));
        }
        // a late report: from before the ticket moved to its owner
        return new Decision(
                reportedAt(owner, at),
                Optional.of(new TicketMove(ticketId, product, owner.getProduct(), owner.getSince())));
    }

    /** The owner with its latest report time ({@link Retention#mayForgetTicketOwner} counts quiet from it). */
    private static TicketOwner reportedAt(TicketOwner owner, long at) {
        return at > owner.getLastReportAt() ? new TicketOwner(owner.getProduct(), owner.getSince(), at) : owner;
    }
}
