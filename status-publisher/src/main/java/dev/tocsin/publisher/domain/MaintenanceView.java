package dev.tocsin.publisher.domain;

import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.WeeklyRecurrence;
import dev.tocsin.schemas.rules.MaintenanceSchedule;
import dev.tocsin.schemas.rules.MaintenanceSchedule.Occurrence;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The public view of maintenance windows. What state a window is in and which occurrence to show are
 * decided by {@link MaintenanceSchedule}, the rule the correlator suppresses alerts with, so the page
 * shows maintenance exactly while alerts of its products are suppressed: a SCHEDULED window turns
 * IN_PROGRESS and COMPLETED with the clock (Statuspage's automatic start/complete), an operator's
 * IN_PROGRESS / VERIFYING holds an occurrence at most the overrun limit past its end, and a recurring
 * window shows its current occurrence, else its next one.
 */
public final class MaintenanceView {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private MaintenanceView() {}

    /** Public views, soonest first. */
    public static List<PublicMaintenance> of(
            Collection<MaintenanceWindow> windows, ComponentCatalog catalog, Messages messages, Instant now) {
        return windows.stream()
                .map(w -> view(w, catalog, messages, now))
                .sorted(Comparator.comparing(PublicMaintenance::scheduledFor)
                        .thenComparing(PublicMaintenance::windowId))
                .toList();
    }

    public static PublicMaintenance view(
            MaintenanceWindow window, ComponentCatalog catalog, Messages messages, Instant now) {
        MaintenanceState state = MaintenanceSchedule.effectiveState(window, now);
        Occurrence occurrence = MaintenanceSchedule.shown(window, now);
        String components = Texts.list(
                window.getProducts().stream().map(catalog::displayName).toList(), messages);
        String body = state == MaintenanceState.SCHEDULED
                ? messages.format(
                        "maintenance.update.SCHEDULED",
                        components,
                        time(occurrence.start(), messages),
                        time(occurrence.end(), messages))
                : messages.format("maintenance.update." + state.name(), components);
        if (window.getDescription() != null && !window.getDescription().isBlank()) {
            body = messages.format("maintenance.with_description", body, window.getDescription());
        }
        if (window.getReason() != null && !window.getReason().isBlank()) {
            body = messages.format("maintenance.with_reason", body, window.getReason());
        }
        return new PublicMaintenance(
                window.getWindowId(),
                window.getTitle(),
                state,
                window.getProducts(),
                window.getDescription(),
                window.getReason(),
                occurrence.start(),
                occurrence.end(),
                body,
                window.getUpdatedAt(),
                recurrence(window.getRecurrence(), messages));
    }

    /** "Every Sunday at 02:30 (Europe/Berlin)" in the reader's language, or null for a one-off window. */
    static String recurrence(WeeklyRecurrence recurrence, Messages messages) {
        if (recurrence == null) {
            return null;
        }
        Locale locale = Locale.forLanguageTag(messages.language());
        List<String> days = recurrence.getDays().stream()
                .map(day -> DayOfWeek.valueOf(day.name()).getDisplayName(TextStyle.FULL, locale))
                .toList();
        return messages.format(
                "maintenance.recurrence",
                Texts.list(days, messages),
                recurrence.getStartTime(),
                recurrence.getTimeZone());
    }

    /** A point in time as shown in maintenance texts (UTC, minutes). */
    public static String time(Instant at, Messages messages) {
        return messages.format("maintenance.time", TIME.format(at));
    }
}
