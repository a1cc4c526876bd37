package dev.tocsin.schemas.topics;

import dev.tocsin.avro.ComponentDay;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.Silence;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.Subscription;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.WithheldNotification;
import dev.tocsin.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalog: every topic of DESIGN.md's Topics table, with its name (under a
 * configurable prefix, default {@value #DEFAULT_PREFIX}) and serdes. Keys are strings; values are
 * Avro in the Confluent wire format, except raw ingest JSON and dead letters, which keep the failed
 * record's original bytes (see {@code DeadLetter.avsc}).
 */
public final class Topics {

    public static final String DEFAULT_PREFIX = "tocsin.";
    /**
     * Retention of the webhook retry topic: far beyond any retry schedule (minutes), so a retry still
     * owed survives a long outage of the publisher, and short enough that the topic stays small.
     */
    public static final Duration WEBHOOK_RETRY_RETENTION = Duration.ofDays(7);
    /**
     * Retention of the daily component history: the status page shows 90 days; a few more keep the
     * oldest bar's day whole. Compacted too, so a day's latest aggregate is all that stays of it.
     */
    public static final Duration COMPONENT_DAILY_RETENTION = Duration.ofDays(100);
    /**
     * Retention of the withheld notifications: an operator looks at them within the shift or the week
     * after an incident; older decisions are in the metrics.
     */
    public static final Duration NOTIFICATIONS_WITHHELD_RETENTION = Duration.ofDays(7);

    private final Topic<String, MonitoringAlert> alerts;
    private final Topic<String, CustomerReport> customerReports;
    private final Topic<String, IncidentCommand> incidentCommands;
    private final Topic<String, MaintenanceWindow> maintenanceWindows;
    private final Topic<String, Subscription> subscriptions;
    private final Topic<String, Silence> silences;
    private final Topic<String, Incident> incidents;
    private final Topic<String, IncidentEvent> incidentEvents;
    private final Topic<String, TicketUpdate> ticketUpdates;
    private final Topic<String, StatusEvent> statusEvents;
    private final Topic<String, Notification> notifications;
    private final Topic<String, WithheldNotification> notificationsWithheld;
    private final Topic<String, ComponentDay> componentDaily;
    private final Topic<byte[], byte[]> webhookRetries;
    private final Topic<byte[], byte[]> deadLetters;
    private final Topic<String, byte[]> ingestRaw;
    private final Topic<String, MonitoringAlert> pagerDutyAlerts;

    private Topics(String prefix, AvroSerdes serdes) {
        validatePrefix(prefix);
        alerts = avro(prefix + "alerts", serdes, MonitoringAlert.class, false);
        customerReports = avro(prefix + "customer-reports", serdes, CustomerReport.class, false);
        incidentCommands = avro(prefix + "incident-commands", serdes, IncidentCommand.class, false);
        maintenanceWindows = avro(prefix + "maintenance-windows", serdes, MaintenanceWindow.class, true);
        subscriptions = avro(prefix + "subscriptions", serdes, Subscription.class, true);
        silences = avro(prefix + "silences", serdes, Silence.class, true);
        incidents = avro(prefix + "incidents", serdes, Incident.class, true);
        incidentEvents = avro(prefix + "incident-events", serdes, IncidentEvent.class, false);
        ticketUpdates = avro(prefix + "ticket-updates", serdes, TicketUpdate.class, false);
        statusEvents = avro(prefix + "status-events", serdes, StatusEvent.class, false);
        notifications = avro(prefix + "notifications", serdes, Notification.class, false);
        notificationsWithheld = new Topic<>(
                prefix + "notifications-withheld",
                Serdes.String(),
                serdes.value(WithheldNotification.class),
                Optional.of(AvroSerdes.schemaOf(WithheldNotification.class)),
                false,
                Optional.of(NOTIFICATIONS_WITHHELD_RETENTION));
        componentDaily = new Topic<>(
                prefix + "component-daily",
                Serdes.String(),
                serdes.value(ComponentDay.class),
                Optional.of(AvroSerdes.schemaOf(ComponentDay.class)),
                true,
                Optional.of(COMPONENT_DAILY_RETENTION));
        webhookRetries = new Topic<>(
                prefix + "webhook-retries",
                Serdes.ByteArray(),
                Serdes.ByteArray(),
                Optional.empty(),
                false,
                Optional.of(WEBHOOK_RETRY_RETENTION));
        deadLetters =
                new Topic<>(prefix + "dead-letters", Serdes.ByteArray(), Serdes.ByteArray(), Optional.empty(), false);
        ingestRaw = new Topic<>(prefix + "ingest.raw", Serdes.String(), Serdes.ByteArray(), Optional.empty(), false);
        pagerDutyAlerts = avro(prefix + "ingest.pagerduty-alerts", serdes, MonitoringAlert.class, true);
    }

    /** The catalog under {@code prefix} (e.g. {@code tocsin.} or {@code staging.tocsin.}). */
    public static Topics create(String prefix, AvroSerdes serdes) {
        return new Topics(prefix, serdes);
    }

    public Topic<String, MonitoringAlert> alerts() {
        return alerts;
    }

    public Topic<String, CustomerReport> customerReports() {
        return customerReports;
    }

    public Topic<String, IncidentCommand> incidentCommands() {
        return incidentCommands;
    }

    public Topic<String, MaintenanceWindow> maintenanceWindows() {
        return maintenanceWindows;
    }

    public Topic<String, Subscription> subscriptions() {
        return subscriptions;
    }

    /** Alertmanager-compatible silences (compacted, key: silence id), written by alert-ingest, read by the correlator. */
    public Topic<String, Silence> silences() {
        return silences;
    }

    public Topic<String, Incident> incidents() {
        return incidents;
    }

    public Topic<String, IncidentEvent> incidentEvents() {
        return incidentEvents;
    }

    public Topic<String, TicketUpdate> ticketUpdates() {
        return ticketUpdates;
    }

    public Topic<String, StatusEvent> statusEvents() {
        return statusEvents;
    }

    public Topic<String, Notification> notifications() {
        return notifications;
    }

    /**
     * Notifications status-publisher decided not to send, with the reason (never the address), written in
     * the same transaction as {@link #notifications()}, read by the ops console; kept
     * {@link #NOTIFICATIONS_WITHHELD_RETENTION}.
     */
    public Topic<String, WithheldNotification> notificationsWithheld() {
        return notificationsWithheld;
    }

    /**
     * Each public component's status history as one aggregate per UTC day (key {@code component|yyyy-mm-dd}),
     * written by status-publisher's page and read back for the uptime bars: compacted (the latest
     * aggregate of a day) and deleted after {@link #COMPONENT_DAILY_RETENTION}.
     */
    public Topic<String, ComponentDay> componentDaily() {
        return componentDaily;
    }

    /**
     * Webhook notifications waiting for a later delivery attempt, written and read by status-publisher's
     * webhook dispatcher: the notification's original key and bytes, with headers naming the attempt, its
     * due time, the last failure and the notification's origin. Not Avro itself, so no schema of its own.
     */
    public Topic<byte[], byte[]> webhookRetries() {
        return webhookRetries;
    }

    public Topic<byte[], byte[]> deadLetters() {
        return deadLetters;
    }

    /**
     * Raw JSON from sources that already produce to Kafka; a {@code format} header says which
     * normalizer applies (alertmanager, grafana, pagerduty, generic-alert, zendesk, generic-report).
     */
    public Topic<String, byte[]> ingestRaw() {
        return ingestRaw;
    }

    /**
     * The latest PagerDuty alert per dedup key (compacted, key: fingerprint), written by
     * alert-ingest beside {@link #alerts()}: a PagerDuty acknowledge or resolve names only the
     * dedup key, and its product must come from the trigger.
     */
    public Topic<String, MonitoringAlert> pagerDutyAlerts() {
        return pagerDutyAlerts;
    }

    /** Every topic, in pipeline order. */
    public List<Topic<?, ?>> all() {
        return List.of(
                ingestRaw,
                pagerDutyAlerts,
                alerts,
                customerReports,
                incidentCommands,
                maintenanceWindows,
                subscriptions,
                silences,
                incidents,
                incidentEvents,
                ticketUpdates,
                statusEvents,
                componentDaily,
                notifications,
                notificationsWithheld,
                webhookRetries,
                deadLetters);
    }

    private static <V extends SpecificRecord> Topic<String, V> avro(
            String name, AvroSerdes serdes, Class<V> type, boolean compacted) {
        Serde<V> valueSerde = serdes.value(type);
        return new Topic<>(name, Serdes.String(), valueSerde, Optional.of(AvroSerdes.schemaOf(type)), compacted);
    }

    private static void validatePrefix(String prefix) {
        if (prefix == null || !prefix.matches("[a-zA-Z0-9._-]*")) {
            throw new IllegalArgumentException(
                    "Topic prefix '" + prefix + "' may only contain letters, digits, '.', '_' and '-'");
        }
    }
}
