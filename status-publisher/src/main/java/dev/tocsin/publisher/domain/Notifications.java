package dev.tocsin.publisher.domain;

import dev.tocsin.avro.Audience;
import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.StatusEventType;
import dev.tocsin.avro.StatusImpact;
import dev.tocsin.avro.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Renders notifications.
 *
 * <p>Subscribers: every incident or maintenance status event notifies each matching subscription
 * once: INCIDENT subscriptions for that incident, PRODUCT subscriptions for an affected product, ALL
 * subscriptions for everything. COMPONENT_STATUS_CHANGED events notify nobody: they always come
 * with the incident or maintenance event that caused them, which already tells the subscriber.
 * Texts are rendered in the subscription's language. The dedup key is the event id plus the
 * subscription id, so a replayed or retried event never notifies the same subscription twice.
 *
 * <p>Operations: UPDATE_DUE and SLA_BREACHED incident events become reminders for the operations
 * contact, keyed by the incident event id.
 */
public final class Notifications {

    /**
     * Where operations reminders go.
     *
     * @param id       stable id of the contact (part of the dedup key)
     * @param channel  how to deliver
     * @param address  where to deliver
     * @param language language of the reminders
     */
    public record OperationsContact(String id, NotificationChannel channel, String address, String language) {}

    private final ComponentCatalog catalog;

    public Notifications(ComponentCatalog catalog) {
        this.catalog = catalog;
    }

    /** Whether a subscription wants to hear about an event. */
    public static boolean matches(Subscription subscription, StatusEvent event) {
        if (!notifiesSubscribers(event.getType())) {
            return false;
        }
        return switch (subscription.getScope()) {
            case ALL -> true;
            case INCIDENT ->
                event.getIncidentId() != null && event.getIncidentId().equals(subscription.getTarget());
            case PRODUCT ->
                subscription.getTarget() != null
                        && event.getAffectedComponents().contains(subscription.getTarget());
        };
    }

    public static boolean notifiesSubscribers(StatusEventType type) {
        return type != StatusEventType.COMPONENT_STATUS_CHANGED && type != StatusEventType.OTHER;
    }

    /** The deterministic dedup key of one event for one subscription. */
    public static String dedupKey(StatusEvent event, Subscription subscription) {
        return event.getEventId() + ":" + subscription.getSubscriptionId();
    }

    /**
     * One notification per matching subscription, in subscription id order; maintenance notices are
     * rendered from the window with the event's maintenance id when it is among {@code windows}.
     */
    public List<Notification> forEvent(
            StatusEvent event, Collection<Subscription> subscriptions, Collection<MaintenanceWindow> windows) {
        MaintenanceWindow window = windows.stream()
                .filter(w -> w.getWindowId().equals(event.getMaintenanceId()))
                .findFirst()
                .orElse(null);
        List<Notification> out = new ArrayList<>();
        subscriptions.stream()
                .sorted(Comparator.comparing(Subscription::getSubscriptionId))
                .filter(s -> matches(s, event))
                .forEach(s -> out.add(render(event, s, window)));
        return out;
    }

    /** Notifications for several events (e.g. all changes of one state transition). */
    public List<Notification> forEvents(
            List<StatusEvent> events, Collection<Subscription> subscriptions, Collection<MaintenanceWindow> windows) {
        List<Notification> out = new ArrayList<>();
        events.forEach(e -> out.addAll(forEvent(e, subscriptions, windows)));
        return out;
    }

    private Notification render(StatusEvent event, Subscription subscription, MaintenanceWindow window) {
        Messages messages = Messages.forLanguage(subscription.getLocale());
        String dedupKey = dedupKey(event, subscription);
        boolean incident = event.getIncidentId() != null;
        String components = Texts.list(
                event.getAffectedComponents().stream().map(catalog::displayName).toList(), messages);
        String title = incident ? incidentName(event, messages) : event.getTitle();
        String subject = messages.format("notify.subject." + event.getType().name(), title);
        String body;
        if (incident) {
            String text = event.getBody() != null ? event.getBody() : automaticText(event, components, messages);
            String status =
                    messages.text("incident.status." + event.getIncidentStatus().name());
            // an open incident says when its next update is due (the SLA update cadence)
            body = event.getNextUpdateDue() == null
                    ? messages.format("notify.body.incident", text, status, components)
                    : messages.format(
                            "notify.body.incident.next_update",
                            text,
                            status,
                            components,
                            MaintenanceView.time(event.getNextUpdateDue(), messages));
        } else {
            body = maintenanceBody(event, window, components, messages);
        }
        return Notification.newBuilder()
                .setNotificationId(Ids.stable("notification", dedupKey))
                .setDedupKey(dedupKey)
                .setAudience(Audience.SUBSCRIBER)
                .setSubscriptionId(subscription.getSubscriptionId())
                .setChannel(subscription.getChannel())
                .setAddress(subscription.getAddress())
                .setLocale(messages.language())
                .setSubject(subject)
                .setBody(body)
                .setIncidentId(event.getIncidentId())
                .setMaintenanceId(event.getMaintenanceId())
                .setCreatedAt(event.getAt())
                .build();
    }

    /** Incident names are rendered again in the subscriber's language from the component and its status. */
    private String incidentName(StatusEvent event, Messages messages) {
        ComponentStatus status = componentStatusOf(event.getImpact());
        return messages.format("incident.name." + status.name(), catalog.displayName(event.getComponent()));
    }

    private String automaticText(StatusEvent event, String components, Messages messages) {
        if (event.getType() == StatusEventType.INCIDENT_RESOLVED) {
            return messages.text("incident.auto.resolved");
        }
        return messages.format(
                "incident.auto." + componentStatusOf(event.getImpact()).name(), components);
    }

    /**
     * The maintenance notice rendered again in the subscriber's language from the window; without the
     * window, the event's text (in the page language) is used.
     */
    private String maintenanceBody(StatusEvent event, MaintenanceWindow window, String components, Messages messages) {
        MaintenanceState state = event.getMaintenanceState();
        if (window == null) {
            return messages.format(
                    "notify.body.incident",
                    event.getBody() == null ? event.getTitle() : event.getBody(),
                    messages.text("maintenance.status." + state.name()),
                    components);
        }
        PublicMaintenance view = MaintenanceView.view(window, catalog, messages, event.getAt());
        return messages.format(
                "notify.body.maintenance",
                view.body(),
                messages.text("maintenance.status." + state.name()),
                components,
                MaintenanceView.time(view.scheduledFor(), messages),
                MaintenanceView.time(view.scheduledUntil(), messages));
    }

    /** Component status an incident of this impact gives its component (inverse of the severity maps). */
    static ComponentStatus componentStatusOf(StatusImpact impact) {
        if (impact == null) {
            return ComponentStatus.OPERATIONAL;
        }
        return switch (impact) {
            case CRITICAL -> ComponentStatus.MAJOR_OUTAGE;
            case MAJOR -> ComponentStatus.PARTIAL_OUTAGE;
            case MINOR -> ComponentStatus.DEGRADED_PERFORMANCE;
            case NONE, MAINTENANCE -> ComponentStatus.OPERATIONAL;
        };
    }

    /** A reminder for operations from an UPDATE_DUE or SLA_BREACHED incident event; empty for other events. */
    public Optional<Notification> reminder(IncidentEvent event, OperationsContact contact) {
        IncidentEventType type = event.getType();
        if (type != IncidentEventType.UPDATE_DUE && type != IncidentEventType.SLA_BREACHED) {
            return Optional.empty();
        }
        Messages messages = Messages.forLanguage(contact.language());
        String product = catalog.displayName(event.getProduct());
        Instant deadline = event.getDeadline() != null ? event.getDeadline() : event.getAt();
        String when = MaintenanceView.time(deadline, messages);
        String subject = messages.format("ops.subject." + type.name(), event.getIncidentId());
        String body = type == IncidentEventType.UPDATE_DUE
                ? messages.format("ops.body.UPDATE_DUE", event.getIncidentId(), product, when)
                : messages.format(
                        "ops.body.SLA_BREACHED",
                        event.getIncidentId(),
                        product,
                        messages.text("sla.clock."
                                + (event.getSlaClock() == null
                                        ? "NEXT_UPDATE"
                                        : event.getSlaClock().name())),
                        when);
        String dedupKey = event.getEventId() + ":ops:" + contact.id();
        return Optional.of(Notification.newBuilder()
                .setNotificationId(Ids.stable("notification", dedupKey))
                .setDedupKey(dedupKey)
                .setAudience(Audience.OPERATIONS)
                .setSubscriptionId(null)
                .setChannel(contact.channel())
                .setAddress(contact.address())
                .setLocale(messages.language())
                .setSubject(subject)
                .setBody(body)
                .setIncidentId(event.getIncidentId())
                .setMaintenanceId(null)
                .setCreatedAt(event.getAt())
                .build());
    }
}
