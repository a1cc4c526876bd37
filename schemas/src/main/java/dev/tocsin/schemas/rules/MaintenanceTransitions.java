package dev.tocsin.schemas.rules;

import dev.tocsin.avro.MaintenanceState;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The operator's maintenance window state machine:
 * <pre>
 * SCHEDULED -> IN_PROGRESS -> VERIFYING -> COMPLETED
 *                   ^-------------'   (verification failed: back to work)
 * IN_PROGRESS -> COMPLETED            (done without a verification step)
 * SCHEDULED | IN_PROGRESS | VERIFYING -> CANCELLED
 * </pre>
 * COMPLETED and CANCELLED are final. Staying in a state is always allowed (an edit of the details).
 * A window that does not exist yet may be created in any state (e.g. recording a past maintenance).
 */
public final class MaintenanceTransitions {

    private static final Map<MaintenanceState, Set<MaintenanceState>> NEXT = Map.of(
            MaintenanceState.SCHEDULED, EnumSet.of(MaintenanceState.IN_PROGRESS, MaintenanceState.CANCELLED),
            MaintenanceState.IN_PROGRESS,
                    EnumSet.of(MaintenanceState.VERIFYING, MaintenanceState.COMPLETED, MaintenanceState.CANCELLED),
            MaintenanceState.VERIFYING,
                    EnumSet.of(MaintenanceState.IN_PROGRESS, MaintenanceState.COMPLETED, MaintenanceState.CANCELLED),
            MaintenanceState.COMPLETED, EnumSet.noneOf(MaintenanceState.class),
            MaintenanceState.CANCELLED, EnumSet.noneOf(MaintenanceState.class));

    private MaintenanceTransitions() {}

    /** Whether an operator may move a window from {@code from} (null: the window is new) to {@code to}. */
    public static boolean allowed(MaintenanceState from, MaintenanceState to) {
        return from == null || from == to || NEXT.get(from).contains(to);
    }

    /** Where a window may go from {@code from}, besides staying put. */
    public static Set<MaintenanceState> next(MaintenanceState from) {
        return Set.copyOf(NEXT.get(from));
    }
}
