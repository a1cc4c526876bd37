package dev.tocsin.correlator.domain;

import dev.tocsin.correlator.state.IncidentTracking;
import java.util.ArrayList;
import java.util.List;

/**
 * Which operator commands an incident has applied, so a retried command (same commandId, e.g. from
 * an {@code Idempotency-Key} the operator resent) changes nothing the second time. The incident's
 * tracking state keeps the latest {@link #REMEMBERED} ids: it lives in the changelogged store, so
 * the memory survives restarts and rebalances, and retries arrive within seconds or minutes, long
 * before 64 further commands on the same incident push an id out.
 */
final class AppliedCommands {

    /** Commands remembered per incident. */
    static final int REMEMBERED = 64;

    private AppliedCommands() {}

    static boolean contains(IncidentTracking tracking, String commandId) {
        return commandId != null && tracking.getAppliedCommands().contains(commandId);
    }

    /** Remembers an applied command, forgetting the oldest beyond the cap. */
    static void remember(IncidentTracking tracking, String commandId) {
        if (commandId == null || contains(tracking, commandId)) {
            return;
        }
        List<String> ids = tracking.getAppliedCommands();
        int drop = Math.max(0, ids.size() + 1 - REMEMBERED);
        // a new list: the tracking is a shallow copy whose list the state may still hand out
        List<String> next = new ArrayList<>(ids.subList(drop, ids.size()));
        next.add(commandId);
        tracking.setAppliedCommands(next);
    }
}
