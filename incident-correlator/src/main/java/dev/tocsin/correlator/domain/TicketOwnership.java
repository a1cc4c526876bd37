package dev.tocsin.correlator.domain;

import dev.tocsin.correlator.state.TicketOwner;

import java.util.List;

/**
 * A customer ticket belongs to exactly one product at a time: the product of its latest report
 * (support re-categorises tickets, and the ticket system re-sends them with the new product).
 * Products are partitioned apart, so this rule runs on reports keyed by ticket id, before they are
 * keyed by product again: it decides, in order, what each product's partition is told.
 *
 * <p>A report naming the owner's product goes to it. A report naming another product moves the
 * ticket: the old product is told first that the ticket moved out (it unlinks and forgets it,
 * {@link Correlator#onTicketMovedOut}), then the new product triages the report as a new ticket.
 * A report older than the move to the current owner (two products' reports reach this rule in
 * any order when history is replayed) is handed to its product and followed by the move out of
 * it, stamped with the time of that move, so a replay tells each product what the live run did.
 */
public final class TicketOwnership {

    /** What a product's partition is told, in order. */
    public sealed interface Step permits Report, MovedOut {
        /** The product whose partition is told. */
        String product();

        /** Event time of the step. */
        long at();
    }

    /** Triage the report under {@code product}. */
    public record Report(String product, long at) implements Step {
    }

    /** The ticket moved from {@code product} to {@code to} at {@code at}: {@code product} lets it go. */
    public record MovedOut(String product, String to, long at) implements Step {
    }

    /**
     * @param owner the ticket's owner afterwards (to remember)
     * @param steps what to tell which product, in this order
     */
    public record Decision(TicketOwner owner, List<Step> steps) {
        public Decision {
            steps = List.copyOf(steps);
        }

        /** Whether the report moved the ticket between products. */
        public boolean moved() {
            return steps.stream().anyMatch(step -> step instanceof MovedOut);
        }
    }

    private TicketOwnership() {
    }

    /**
     * Routes one report of a ticket.
     *
     * @param owner   the ticket's owner so far, or null for a ticket never reported
     * @param product the product the report names
     * @param at      the report's event time
     */
    public static Decision route(TicketOwner owner, String product, long at) {
        Report report = new Report(product, at);
        if (owner == null) {
            return new Decision(new TicketOwner(product, at), List.of(report));
        }
        if (owner.getProduct().equals(product)) {
            return new Decision(owner, List.of(report));
        }
        if (at >= owner.getSince()) {
            return new Decision(new TicketOwner(product, at), List.of(new MovedOut(owner.getProduct(), product, at), report));
        }
        // a late report: from before the ticket moved to its owner
        return new Decision(owner, List.of(report, new MovedOut(product, owner.getProduct(), owner.getSince())));
    }
}
