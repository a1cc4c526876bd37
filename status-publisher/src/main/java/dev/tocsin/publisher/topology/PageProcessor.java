package dev.tocsin.publisher.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.Subscription;
import dev.tocsin.publisher.domain.IncidentCopy;
import dev.tocsin.publisher.domain.MaintenanceReminders;
import dev.tocsin.publisher.domain.MaintenanceView;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.domain.Notifications;
import dev.tocsin.publisher.domain.PublicState;
import dev.tocsin.publisher.domain.StatusChanges;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps the public page and announces its changes. All incidents and maintenance windows arrive on
 * one partition, so this one processor sees the whole page.
 *
 * <p>For every input and on a wall-clock schedule it compares the page as last evaluated with the
 * page now ({@link StatusChanges}) and forwards one status event per change plus the notifications
 * for it. Each status event and each maintenance reminder fans out once (its key is kept in a
 * store, so a replay never notifies twice), and changes older than the notify age notify nobody.
 * The page as last announced is kept in memory; after a restart or rebalance it is recomputed from
 * the stores at the stored evaluation time, so nothing but the inputs needs to be kept in state.
 */
final class PageProcessor implements Processor<String, PageInput, String, SpecificRecord> {

    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final PageOptions options;
    private final PublisherMetrics metrics;
    private final PageFeed feed;
    private final Notifications notifications;
    private final MaintenanceReminders reminders;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Incident> incidents;
    private KeyValueStore<String, MaintenanceWindow> windows;
    private KeyValueStore<String, Long> clock;
    private KeyValueStore<String, Long> sent;
    private TimestampedKeyValueStore<String, Subscription> subscriptions;
    private Instant lastPruned = Instant.EPOCH;
    /** The page as last announced; rebuilt from the stores whenever the task (re)initializes. */
    private PublicState announced;
    /** In-memory mirrors of the two stores (which stay the truth), so a page is computed without reading RocksDB. */
    private Map<String, Incident> incidentsNow;
    private Map<String, MaintenanceWindow> windowsNow;
    /** Whether the incidents or windows changed since the page was last handed to the feed. */
    private boolean inputsChanged;

    PageProcessor(PageOptions options, PublisherMetrics metrics, PageFeed feed) {
        this.options = options;
        this.feed = feed;
        this.metrics = metrics;
        this.notifications = new Notifications(options.catalog());
        this.reminders = new MaintenanceReminders(options.catalog(), options.reminderLead());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        incidents = context.getStateStore(PublisherStores.INCIDENTS);
        windows = context.getStateStore(PublisherStores.MAINTENANCE);
        clock = context.getStateStore(PublisherStores.CLOCK);
        sent = context.getStateStore(PublisherStores.SENT);
        subscriptions = context.getStateStore(PublisherStores.SUBSCRIPTIONS);
        announced = null;
        incidentsNow = null;
        windowsNow = null;
        context.schedule(options.clockInterval(), PunctuationType.WALL_CLOCK_TIME,
                wallClock -> onClock(Instant.ofEpochMilli(wallClock)));
        // init runs once the stores are restored: the page can be served right away
        announced();
        feed.publish(new PageFeed.Inputs(List.copyOf(incidentsNow.values()), List.copyOf(windowsNow.values())));
    }

    @Override
    public void close() {
        feed.withdraw();
    }

    @Override
    public void process(Record<String, PageInput> record) {
        PublicState previous = announced();
        Instant now = later(previous.asOf(), Instant.ofEpochMilli(record.timestamp()));
        apply(record.value(), now);
        announce(previous, now);
    }

    private void apply(PageInput input, Instant now) {
        if (input instanceof PageInput.IncidentSnapshot snapshot) {
            Incident incoming = snapshot.incident();
            IncidentCopy.merge(incidentsNow.get(incoming.getIncidentId()), incoming, now.minus(options.history()))
                    .ifPresent(copy -> {
                        incidents.put(copy.getIncidentId(), copy);
                        incidentsNow.put(copy.getIncidentId(), copy);
                        inputsChanged = true;
                    });
        } else if (input instanceof PageInput.WindowVersion version) {
            windows.put(version.window().getWindowId(), version.window());
            windowsNow.put(version.window().getWindowId(), version.window());
            inputsChanged = true;
        } else if (input instanceof PageInput.WindowDeleted deleted) {
            windows.delete(deleted.windowId());
            windowsNow.remove(deleted.windowId());
            inputsChanged = true;
        }
    }

    private void onClock(Instant wallClock) {
        PublicState previous = announced();
        Instant now = later(previous.asOf(), wallClock);
        if (!now.isBefore(lastPruned.plus(PRUNE_EVERY))) {
            prune(now.minus(options.history()));
            lastPruned = now;
        }
        announce(previous, now);
    }

    /** Forwards the status events between {@code previous} and the page at {@code now}, and their notifications. */
    private void announce(PublicState previous, Instant now) {
        List<Incident> currentIncidents = new ArrayList<>(incidentsNow.values());
        List<MaintenanceWindow> currentWindows = new ArrayList<>(windowsNow.values());
        PublicState next = PublicState.of(options.catalog(), currentIncidents, currentWindows, now, Messages.english());
        List<StatusEvent> events = StatusChanges.between(previous, next);
        long timestamp = now.toEpochMilli();
        for (StatusEvent event : events) {
            context.forward(new Record<>(subjectOf(event), (SpecificRecord) event, timestamp));
            metrics.statusEvent(event.getType());
        }
        List<Subscription> subscribers = subscribers();
        for (StatusEvent event : events) {
            if (!Notifications.notifiesSubscribers(event.getType())) {
                continue;
            }
            if (!fresh(event.getAt())) {
                metrics.withheld("stale");
            } else if (firstTime("event:" + event.getEventId(), timestamp)) {
                notifications.forEvent(event, subscribers, currentWindows).forEach(n -> send(n, "change", timestamp));
            } else {
                metrics.withheld("duplicate");
            }
        }
        for (MaintenanceWindow window : reminders.due(currentWindows, now)) {
            if (firstTime(MaintenanceReminders.reminderKey(window), timestamp)) {
                reminders.render(window, subscribers, options.operations(), now).forEach(n -> send(n, "reminder", timestamp));
            }
        }
        clock.put(PublisherStores.AS_OF, timestamp);
        announced = next;
        if (inputsChanged) {
            feed.publish(new PageFeed.Inputs(currentIncidents, currentWindows));
            inputsChanged = false;
        }
    }

    /**
     * Marks a fan-out (one status event, or one window's reminder) as done; false when it was done
     * before. All notifications of one fan-out are written in the same transaction as this mark, so
     * one key per fan-out is as safe as one per notification and a thousand times smaller.
     */
    private boolean firstTime(String fanOutKey, long timestamp) {
        if (sent.get(fanOutKey) != null) {
            return false;
        }
        sent.put(fanOutKey, timestamp);
        return true;
    }

    private void send(Notification notification, String kind, long timestamp) {
        metrics.notification(notification.getAudience(), kind);
        String recipient = notification.getSubscriptionId() != null ? notification.getSubscriptionId()
                : "operations:" + options.operations().id();
        context.forward(new Record<>(recipient, (SpecificRecord) notification, timestamp));
    }

    private boolean fresh(Instant at) {
        return !at.isBefore(Instant.ofEpochMilli(context.currentSystemTimeMs()).minus(options.notifyMaxAge()));
    }

    /** Forgets resolved incidents, finished maintenance and dedup keys older than the history. */
    private void prune(Instant horizon) {
        for (Incident incident : List.copyOf(incidentsNow.values())) {
            if (IncidentCopy.resolvedBefore(incident, horizon)) {
                incidents.delete(incident.getIncidentId());
                incidentsNow.remove(incident.getIncidentId());
                inputsChanged = true;
            }
        }
        for (MaintenanceWindow window : List.copyOf(windowsNow.values())) {
            MaintenanceState state = MaintenanceView.effectiveState(window, horizon);
            boolean finished = state == MaintenanceState.COMPLETED || state == MaintenanceState.CANCELLED;
            if (finished && window.getEndsAt().isBefore(horizon)) {
                windows.delete(window.getWindowId());
                windowsNow.remove(window.getWindowId());
                inputsChanged = true;
            }
        }
        SentKeys.forgetOlderThan(sent, horizon.toEpochMilli());
    }

    /** The page as last announced: kept in memory, recomputed from the stores at the stored evaluation time after a restart. */
    private PublicState announced() {
        if (announced == null) {
            incidentsNow = new TreeMap<>();
            values(incidents).forEach(i -> incidentsNow.put(i.getIncidentId(), i));
            windowsNow = new TreeMap<>();
            values(windows).forEach(w -> windowsNow.put(w.getWindowId(), w));
            announced = PublicState.of(options.catalog(), incidentsNow.values(), windowsNow.values(), evaluatedAt(),
                    Messages.english());
        }
        return announced;
    }

    private Instant evaluatedAt() {
        Long millis = clock.get(PublisherStores.AS_OF);
        return millis == null ? Instant.EPOCH : Instant.ofEpochMilli(millis);
    }

    private List<Subscription> subscribers() {
        List<Subscription> out = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Subscription>> all = subscriptions.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value != null && entry.value.value() != null) {
                    out.add(entry.value.value());
                }
            });
        }
        return out;
    }

    /** Status events are keyed by what they are about: the component, incident or maintenance window. */
    private static String subjectOf(StatusEvent event) {
        if (event.getIncidentId() != null) {
            return event.getIncidentId();
        }
        if (event.getMaintenanceId() != null) {
            return event.getMaintenanceId();
        }
        return event.getComponent();
    }

    private static <V> List<V> values(KeyValueStore<String, V> store) {
        List<V> out = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining((KeyValue<String, V> entry) -> out.add(entry.value));
        }
        return out;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
