package dev.tocsin.publisher.domain;

import dev.tocsin.avro.Audience;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.Subscription;
import dev.tocsin.schemas.rules.MaintenanceSchedule;
import dev.tocsin.schemas.rules.MaintenanceSchedule.Occurrence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The reminder before a maintenance window (DOMAIN 6: "reminder one week ahead").
 *
 * <p>A window is due for its reminder once {@code now} is within {@code lead} of its start, while it
 * is still SCHEDULED and has not started. A window announced (last changed) inside the lead period
 * gets no reminder: its announcement is recent enough. Each reminder goes to the operations contact
 * and to every subscription following one of its products (or everything), rendered in the
 * recipient's language. The dedup key names the window and its start, so a replay never reminds
 * twice and a moved window is reminded again.
 */
public final class MaintenanceReminders {

    private final ComponentCatalog catalog;
    private final Duration lead;

    public MaintenanceReminders(ComponentCatalog catalog, Duration lead) {
        this.catalog = catalog;
        this.lead = lead;
    }

    /**
     * Windows whose reminder is due at {@code now}, soonest first: the next occurrence (of a recurring
     * window, each one) starts within the lead and the window was announced before the lead began.
     */
    public List<MaintenanceWindow> due(Collection<MaintenanceWindow> windows, Instant now) {
        return windows.stream()
                .filter(w -> w.getState() == MaintenanceState.SCHEDULED)
                .filter(w -> {
                    Instant start = upcomingStart(w, now);
                    return start != null
                            && !now.isBefore(start.minus(lead))
                            && w.getUpdatedAt().isBefore(start.minus(lead));
                })
                .sorted(Comparator.comparing((MaintenanceWindow w) -> upcomingStart(w, now))
                        .thenComparing(MaintenanceWindow::getWindowId))
                .toList();
    }

    /** The key that marks the reminder of the window's next occurrence after {@code now} as sent. */
    public static String reminderKey(MaintenanceWindow window, Instant now) {
        Instant start = upcomingStart(window, now);
        return "maintenance-reminder:" + window.getWindowId() + ":" + (start == null ? "none" : start.toEpochMilli());
    }

    private static Instant upcomingStart(MaintenanceWindow window, Instant now) {
        return MaintenanceSchedule.nextAfter(window, now).map(Occurrence::start).orElse(null);
    }

    /** Reminders for one window: operations first, then matching subscriptions in id order. */
    public List<Notification> render(
            MaintenanceWindow window,
            Collection<Subscription> subscriptions,
            Notifications.OperationsContact operations,
            Instant now) {
        List<Notification> out = new ArrayList<>();
        String key = reminderKey(window, now);
        if (operations != null) {
            out.add(notification(
                    window,
                    key + ":ops:" + operations.id(),
                    Audience.OPERATIONS,
                    null,
                    operations.channel(),
                    operations.address(),
                    operations.language(),
                    now));
        }
        subscriptions.stream()
                .filter(s -> follows(s, window))
                .sorted(Comparator.comparing(Subscription::getSubscriptionId))
                .forEach(s -> out.add(notification(
                        window,
                        key + ":" + s.getSubscriptionId(),
                        Audience.SUBSCRIBER,
                        s.getSubscriptionId(),
                        s.getChannel(),
                        s.getAddress(),
                        s.getLocale(),
                        now)));
        return out;
    }

    private static boolean follows(Subscription subscription, MaintenanceWindow window) {
        return switch (subscription.getScope()) {
            case ALL -> true;
            case PRODUCT ->
                subscription.getTarget() != null && window.getProducts().contains(subscription.getTarget());
            case INCIDENT -> false;
        };
    }

    private Notification notification(
            MaintenanceWindow window,
            String dedupKey,
            Audience audience,
            String subscriptionId,
            dev.tocsin.avro.NotificationChannel channel,
            String address,
            String language,
            Instant now) {
        Messages messages = Messages.forLanguage(language);
        String components = Texts.list(
                window.getProducts().stream().map(catalog::displayName).toList(), messages);
        PublicMaintenance view = MaintenanceView.view(window, catalog, messages, now);
        return Notification.newBuilder()
                .setNotificationId(Ids.stable("notification", dedupKey))
                .setDedupKey(dedupKey)
                .setAudience(audience)
                .setSubscriptionId(subscriptionId)
                .setChannel(channel)
                .setAddress(address)
                .setLocale(messages.language())
                .setSubject(messages.format("notify.subject.MAINTENANCE_REMINDER", window.getTitle()))
                .setBody(messages.format(
                        "notify.body.MAINTENANCE_REMINDER",
                        view.body(),
                        components,
                        MaintenanceView.time(view.scheduledFor(), messages),
                        MaintenanceView.time(view.scheduledUntil(), messages)))
                .setIncidentId(null)
                .setMaintenanceId(window.getWindowId())
                .setCreatedAt(now)
                .build();
    }
}
