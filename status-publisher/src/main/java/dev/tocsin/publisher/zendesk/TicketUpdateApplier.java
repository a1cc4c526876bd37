package dev.tocsin.publisher.zendesk;

import dev.tocsin.avro.TicketUpdate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Applies one ticket update to Zendesk: finds or creates the incident's problem ticket, then makes
 * the update's {@link TicketEdits} in order. When the update may already have been applied (it is
 * the first one of its partition after a restart or rebalance), the ticket's audits say which of
 * its edits Zendesk already has, and only the others are made.
 *
 * <p>A problem ticket is created once per incident: it carries {@code external_id
 * tocsin-incident:<id>}, which is looked up before creating (so a restart, another instance or a
 * lost cache finds it), and the creation itself carries an {@code Idempotency-Key} derived from the
 * incident, so two instances creating it at the same moment get the same ticket. Zendesk itself is
 * the durable record; the map here only saves the look-up.
 */
final class TicketUpdateApplier {

    /** Incidents whose problem ticket id is remembered; older ones are looked up again when needed. */
    static final int PROBLEM_CACHE_SIZE = 10_000;

    private final ZendeskApi api;
    private final ZendeskConfig config;
    private final ZendeskMetrics metrics;
    private final Map<String, Long> problems = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > PROBLEM_CACHE_SIZE;
        }
    };

    /** The API token's agent, asked once. */
    private Long me;

    TicketUpdateApplier(ZendeskApi api, ZendeskConfig config, ZendeskMetrics metrics) {
        this.api = api;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Applies the update; returns its outcome ({@link ZendeskMetrics#APPLIED},
     * {@link ZendeskMetrics#ALREADY_APPLIED} or {@link ZendeskMetrics#NOT_ZENDESK}).
     *
     * @param maybeApplied whether Zendesk may already have some of its edits
     */
    String apply(TicketUpdate update, boolean maybeApplied, Waiter waiter)
            throws ZendeskRejection, InterruptedException, Waiter.PartitionLost {
        Optional<Long> ticket = TicketEdits.zendeskId(update.getTicketId());
        if (ticket.isEmpty()) {
            return ZendeskMetrics.NOT_ZENDESK;
        }
        long problem = TicketEdits.needsProblem(update) ? problemOf(update, waiter) : 0;
        List<Map<String, Object>> edits =
                TicketEdits.edits(update, problem, config.resolveAction(), config::incidentLink);
        Set<Integer> done = maybeApplied ? api.appliedEdits(ticket.get(), update.getUpdateId(), waiter) : Set.of();
        boolean any = false;
        for (int edit = 1; edit <= edits.size(); edit++) {
            if (!done.contains(edit)) {
                api.updateTicket(
                        ticket.get(),
                        assignedIfSolved(ticket.get(), edits.get(edit - 1), waiter),
                        update.getUpdateId(),
                        edit,
                        waiter);
                any = true;
            }
        }
        return any ? ZendeskMetrics.APPLIED : ZendeskMetrics.ALREADY_APPLIED;
    }

    /**
     * Zendesk solves no ticket without an assignee; as its agent interface does when the solver's
     * account has none, an unassigned ticket is assigned to the agent the API token belongs to.
     * An existing assignee is kept.
     */
    private Map<String, Object> assignedIfSolved(long ticket, Map<String, Object> edit, Waiter waiter)
            throws ZendeskRejection, InterruptedException, Waiter.PartitionLost {
        if (!"solved".equals(edit.get("status"))
                || api.assigneeOf(ticket, waiter).isPresent()) {
            return edit;
        }
        if (me == null) {
            me = api.me(waiter);
        }
        Map<String, Object> assigned = new LinkedHashMap<>(edit);
        assigned.put("assignee_id", me);
        return assigned;
    }

    private long problemOf(TicketUpdate update, Waiter waiter)
            throws ZendeskRejection, InterruptedException, Waiter.PartitionLost {
        String incident = update.getIncidentId();
        Long known = problems.get(incident);
        if (known != null) {
            return known;
        }
        String externalId = TicketEdits.externalId(incident);
        OptionalLong found = api.findProblem(externalId, waiter);
        long id;
        if (found.isPresent()) {
            id = found.getAsLong();
        } else {
            id = api.createTicket(
                    TicketEdits.problemTicket(update, config.incidentLink(incident)),
                    "tocsin-problem-" + incident,
                    waiter);
            metrics.problemCreated();
        }
        problems.put(incident, id);
        return id;
    }
}
