package dev.tocsin.publisher.topology;

import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.WithheldNotification;
import dev.tocsin.publisher.domain.Notifications;
import dev.tocsin.publisher.domain.WithheldNotifications;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns the correlator's UPDATE_DUE and SLA_BREACHED events into reminders for the operations
 * center, once each: the dedup key is kept in a store, and events older than the notify age (a
 * replay, a long backlog) remind nobody but are recorded as withheld for the operators.
 */
final class ReminderProcessor implements Processor<String, IncidentEvent, String, SpecificRecord> {

    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final PageOptions options;
    private final PublisherMetrics metrics;
    private final Notifications notifications;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Long> sent;

    ReminderProcessor(PageOptions options, PublisherMetrics metrics) {
        this.options = options;
        this.metrics = metrics;
        this.notifications = new Notifications(options.catalog());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        sent = context.getStateStore(PublisherStores.REMINDERS_SENT);
        context.schedule(
                PRUNE_EVERY,
                PunctuationType.WALL_CLOCK_TIME,
                wallClock -> SentKeys.forgetOlderThan(
                        sent, wallClock - options.history().toMillis()));
    }

    @Override
    public void process(Record<String, IncidentEvent> record) {
        IncidentEvent event = record.value();
        Instant oldestFresh =
                Instant.ofEpochMilli(context.currentSystemTimeMs()).minus(options.notifyMaxAge());
        if (event == null) {
            return;
        }
        notifications.reminder(event, options.operations()).ifPresent(reminder -> {
            if (event.getAt().isBefore(oldestFresh)) {
                withholdStale(event, reminder, record.timestamp());
            } else {
                sendOnce(reminder, record.timestamp());
            }
        });
    }

    private void withholdStale(IncidentEvent event, Notification reminder, long timestamp) {
        metrics.withheld(PublisherMetrics.STALE);
        WithheldNotification withheld = WithheldNotifications.staleReminder(
                reminder,
                event.getEventId(),
                options.notifyMaxAge(),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(new Record<>(WithheldNotifications.keyOf(withheld), (SpecificRecord) withheld, timestamp));
    }

    private void sendOnce(Notification reminder, long timestamp) {
        if (sent.get(reminder.getDedupKey()) != null) {
            metrics.withheld(PublisherMetrics.DUPLICATE);
            return;
        }
        metrics.notification(reminder.getAudience(), PublisherMetrics.SLA_REMINDER);
        sent.put(reminder.getDedupKey(), timestamp);
        context.forward(new Record<>("operations:" + options.operations().id(), (SpecificRecord) reminder, timestamp));
    }
}
