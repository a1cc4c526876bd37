package dev.tocsin.publisher.domain;

import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maintenance lifecycle: SCHEDULED -> IN_PROGRESS -> VERIFYING -> COMPLETED, or CANCELLED before it
 * starts. The operator moves a window on; between operator changes the clock does too: a SCHEDULED
 * window whose start has passed is shown IN_PROGRESS, and one whose end has passed COMPLETED
 * (Statuspage's automatic start/complete), so a forgotten update never leaves a stale page.
 */
public final class MaintenanceView {

    private static final Map<MaintenanceState, Set<MaintenanceState>> NEXT = Map.of(
            MaintenanceState.SCHEDULED, EnumSet.of(MaintenanceState.IN_PROGRESS, MaintenanceState.CANCELLED),
            MaintenanceState.IN_PROGRESS, EnumSet.of(MaintenanceState.VERIFYING, MaintenanceState.COMPLETED),
            MaintenanceState.VERIFYING, EnumSet.of(MaintenanceState.IN_PROGRESS, MaintenanceState.COMPLETED),
            MaintenanceState.COMPLETED, EnumSet.noneOf(MaintenanceState.class),
            MaintenanceState.CANCELLED, EnumSet.noneOf(MaintenanceState.class));

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private MaintenanceView() {
    }

    /** Whether an operator may move a window from one state to another (staying put is always allowed). */
    public static boolean canTransition(MaintenanceState from, MaintenanceState to) {
        return from == to || NEXT.get(from).contains(to);
    }

    /** The state shown at {@code now}, with the clock-driven start and completion of SCHEDULED windows. */
    public static MaintenanceState effectiveState(MaintenanceWindow window, Instant now) {
        if (window.getState() != MaintenanceState.SCHEDULED) {
            return window.getState();
        }
        if (!now.isBefore(window.getEndsAt())) {
            return MaintenanceState.COMPLETED;
        }
        if (!now.isBefore(window.getStartsAt())) {
            return MaintenanceState.IN_PROGRESS;
        }
        return MaintenanceState.SCHEDULED;
    }

    /** Public views, soonest first. */
    public static List<PublicMaintenance> of(Collection<MaintenanceWindow> windows, ComponentCatalog catalog,
                                             Messages messages, Instant now) {
        return windows.stream()
                .map(w -> view(w, catalog, messages, now))
                .sorted(Comparator.comparing(PublicMaintenance::scheduledFor).thenComparing(PublicMaintenance::windowId))
                .toList();
    }

    public static PublicMaintenance view(MaintenanceWindow window, ComponentCatalog catalog, Messages messages, Instant now) {
        MaintenanceState state = effectiveState(window, now);
        String components = Texts.list(window.getProducts().stream().map(catalog::displayName).toList(), messages);
        String body = state == MaintenanceState.SCHEDULED
                ? messages.format("maintenance.update.SCHEDULED", components, time(window.getStartsAt(), messages),
                        time(window.getEndsAt(), messages))
                : messages.format("maintenance.update." + state.name(), components);
        if (window.getDescription() != null && !window.getDescription().isBlank()) {
            body = messages.format("maintenance.with_description", body, window.getDescription());
        }
        if (window.getReason() != null && !window.getReason().isBlank()) {
            body = messages.format("maintenance.with_reason", body, window.getReason());
        }
        return new PublicMaintenance(window.getWindowId(), window.getTitle(), state, window.getProducts(),
                window.getDescription(), window.getReason(), window.getStartsAt(), window.getEndsAt(), body,
                window.getUpdatedAt());
    }

    /** A point in time as shown in maintenance texts (UTC, minutes). */
    public static String time(Instant at, Messages messages) {
        return messages.format("maintenance.time", TIME.format(at));
    }
}
