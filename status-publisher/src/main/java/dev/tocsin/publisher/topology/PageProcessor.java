package dev.tocsin.publisher.topology;

import dev.tocsin.avro.ComponentDay;
import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.StatusEventType;
import dev.tocsin.avro.Subscription;
import dev.tocsin.avro.WithheldNotification;
import dev.tocsin.publisher.domain.DailyUptime;
import dev.tocsin.publisher.domain.IncidentCopy;
import dev.tocsin.publisher.domain.MaintenanceReminders;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.domain.Notifications;
import dev.tocsin.publisher.domain.PublicIncident;
import dev.tocsin.publisher.domain.PublicIncidents;
import dev.tocsin.publisher.domain.PublicState;
import dev.tocsin.publisher.domain.StatusChanges;
import dev.tocsin.publisher.domain.WithheldNotifications;
import dev.tocsin.schemas.rules.MaintenanceSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * <p>An incident snapshot is cheap: its public copy is stored when it changed ({@link IncidentCopy}
 * drops snapshots whose public projection is unchanged), and the status event for that incident's
 * change (published, updated, resolved) is derived at once against its previous copy and kept in a
 * store until the next page evaluation. Incident events are never collapsed: an incident opened and
 * resolved between two evaluations yields both events.
 *
 * <p>The page as a whole (component statuses, maintenance) is evaluated once per batch: on a short
 * wall-clock schedule (page interval) when incidents changed, right away for a maintenance window
 * change, and on the clock interval without input. The evaluation compares the component statuses as
 * last announced (kept in a store) with the page now, forwards one status event per change, then the
 * batch's incident events, and the notifications for each. So a component that went down and came
 * back up within one batch yields its incident's events but no component status event. Each status
 * event and each maintenance reminder fans out once (its key is kept in a store, so a replay never
 * notifies twice), and changes older than the notify age notify nobody. Everything an evaluation
 * needs (announced statuses, pending incident events, the batch's input time) is in changelogged
 * stores, so a restart in the middle of a batch evaluates exactly the changes the crash left pending.
 */
final class PageProcessor implements Processor<String, PageInput, String, SpecificRecord> {

    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final PageOptions options;
    private final PublisherMetrics metrics;
    private final Notifications notifications;
    private final MaintenanceReminders reminders;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Incident> incidents;
    private KeyValueStore<String, MaintenanceWindow> windows;
    private KeyValueStore<String, Long> clock;
    private KeyValueStore<String, Long> sent;
    private KeyValueStore<String, String> announcedComponents;
    private KeyValueStore<String, StatusEvent> pendingEvents;
    private KeyValueStore<String, ComponentDay> uptimeDays;
    private TimestampedKeyValueStore<String, Subscription> subscriptions;
    private Instant lastPruned = Instant.EPOCH;
    /** The page-wide state as last announced; rebuilt from the stores whenever the task (re)initializes. */
    private PublicState announced;
    /** In-memory mirrors of the two stores (which stay the truth), so a page is computed without reading RocksDB. */
    private Map<String, Incident> incidentsNow;

    private Map<String, MaintenanceWindow> windowsNow;
    /** Input time of the changes awaiting evaluation, or null when there are none (mirrors {@link PublisherStores#BATCH_AS_OF}). */
    private Instant batchAsOf;
    /** How many incident events await the next evaluation (mirrors the size of the pending store). */
    private int pending;
    /**
     * Product -> ingest time of the earliest public incident change awaiting evaluation, for the latency
     * of the component status change it causes. Metrics only, so not in a store: a batch cut by a
     * restart records no component latency.
     */
    private final Map<String, Instant> batchChangedProducts = new HashMap<>();

    PageProcessor(PageOptions options, PublisherMetrics metrics) {
        this.options = options;
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
        announcedComponents = context.getStateStore(PublisherStores.ANNOUNCED);
        pendingEvents = context.getStateStore(PublisherStores.PENDING_EVENTS);
        uptimeDays = context.getStateStore(PublisherStores.UPTIME_DAYS);
        subscriptions = context.getStateStore(PublisherStores.SUBSCRIPTIONS);
        restore();
        context.schedule(
                options.clockInterval(),
                PunctuationType.WALL_CLOCK_TIME,
                wallClock -> onClock(Instant.ofEpochMilli(wallClock)));
        context.schedule(options.pageInterval(), PunctuationType.WALL_CLOCK_TIME, wallClock -> onBatchEnd());
    }

    @Override
    public void process(Record<String, PageInput> record) {
        Instant now = later(announced.asOf(), Instant.ofEpochMilli(record.timestamp()));
        if (record.value() instanceof PageInput.IncidentSnapshot snapshot) {
            onIncident(snapshot.incident(), now);
        } else {
            applyWindow(record.value());
            // maintenance changes are rare: evaluated at once, with any pending incident changes
            announce(later(now, batchAsOf));
        }
    }

    /** Stores the incident's new public copy (if it changed) and keeps its status event for the batch's evaluation. */
    private void onIncident(Incident incoming, Instant now) {
        Incident before = incidentsNow.get(incoming.getIncidentId());
        IncidentCopy.merge(before, incoming, now.minus(options.history()))
                .ifPresentOrElse(
                        copy -> {
                            incidents.put(copy.getIncidentId(), copy);
                            incidentsNow.put(copy.getIncidentId(), copy);
                            PublicIncident after = publicView(copy);
                            if (after != null) {
                                StatusChanges.ofIncident(publicView(before), after)
                                        .ifPresent(event -> pendingEvents.put(sequence(pending++), event));
                            }
                            batchChangedProducts.merge(copy.getProduct(), copy.getUpdatedAt(), PageProcessor::earlier);
                            batchAsOf = later(now, batchAsOf);
                            clock.put(PublisherStores.BATCH_AS_OF, batchAsOf.toEpochMilli());
                        },
                        () -> metrics.snapshotIgnored());
    }

    /** The incident as the page shows it (English, like status events), or null when it is not public. */
    private PublicIncident publicView(Incident copy) {
        return copy == null
                ? null
                : PublicIncidents.view(copy, options.catalog(), Messages.english())
                        .orElse(null);
    }

    private void applyWindow(PageInput input) {
        if (input instanceof PageInput.WindowVersion version) {
            windows.put(version.window().getWindowId(), version.window());
            windowsNow.put(version.window().getWindowId(), version.window());
        } else if (input instanceof PageInput.WindowDeleted deleted) {
            windows.delete(deleted.windowId());
            windowsNow.remove(deleted.windowId());
        }
    }

    /** The page interval passed: evaluate the page once for every incident change since the last evaluation. */
    private void onBatchEnd() {
        if (batchAsOf != null) {
            announce(later(announced.asOf(), batchAsOf));
        }
    }

    private void onClock(Instant wallClock) {
        Instant now = later(later(announced.asOf(), wallClock), batchAsOf);
        if (!now.isBefore(lastPruned.plus(PRUNE_EVERY))) {
            prune(now.minus(options.history()));
            lastPruned = now;
        }
        announce(now);
    }

    /**
     * Evaluates the page at {@code now}: forwards the component status changes since the page as last
     * announced, then the incident events pending since then, then maintenance changes, and their notifications.
     */
    private void announce(Instant now) {
        List<MaintenanceWindow> currentWindows = new ArrayList<>(windowsNow.values());
        PublicState next =
                PublicState.pageWide(options.catalog(), incidentsNow.values(), currentWindows, now, Messages.english());
        List<StatusEvent> events = new ArrayList<>(StatusChanges.components(announced, next));
        events.addAll(takePendingEvents());
        events.addAll(StatusChanges.maintenances(announced, next));
        long timestamp = now.toEpochMilli();
        for (StatusEvent event : events) {
            context.forward(new Record<>(subjectOf(event), (SpecificRecord) event, timestamp));
            metrics.statusEvent(event, causedAt(event), context.currentSystemTimeMs());
        }
        List<Subscription> subscribers = events.isEmpty() ? List.of() : subscribers();
        for (StatusEvent event : events) {
            if (!Notifications.notifiesSubscribers(event.getType())) {
                continue;
            }
            if (!fresh(event.getAt())) {
                withholdStale(event, subscribers, timestamp);
            } else if (firstTime("event:" + event.getEventId(), timestamp)) {
                notifications
                        .forEvent(event, subscribers, currentWindows)
                        .forEach(n -> send(n, PublisherMetrics.CHANGE, timestamp));
            } else {
                metrics.withheld(PublisherMetrics.DUPLICATE);
            }
        }
        List<MaintenanceWindow> due = reminders.due(currentWindows, now);
        if (!due.isEmpty()) {
            List<Subscription> all = subscribers.isEmpty() ? subscribers() : subscribers;
            for (MaintenanceWindow window : due) {
                if (firstTime(MaintenanceReminders.reminderKey(window, now), timestamp)) {
                    reminders
                            .render(window, all, options.operations(), now)
                            .forEach(n -> send(n, PublisherMetrics.REMINDER, timestamp));
                }
            }
        }
        batchChangedProducts.clear();
        recordUptime(next, now, timestamp);
        rememberAnnounced(next);
        clock.put(PublisherStores.AS_OF, timestamp);
        if (batchAsOf != null) {
            clock.delete(PublisherStores.BATCH_AS_OF);
            batchAsOf = null;
        }
        metrics.pageEvaluated();
    }

    /** A stale change notifies nobody; the operator sees it withheld when it would have reached someone. */
    private void withholdStale(StatusEvent event, List<Subscription> subscribers, long timestamp) {
        metrics.withheld(PublisherMetrics.STALE);
        int recipients = (int) subscribers.stream()
                .filter(s -> Notifications.matches(s, event))
                .count();
        if (recipients > 0) {
            WithheldNotification withheld = WithheldNotifications.staleChange(
                    event, recipients, options.notifyMaxAge(), Instant.ofEpochMilli(context.currentSystemTimeMs()));
            context.forward(new Record<>(WithheldNotifications.keyOf(withheld), (SpecificRecord) withheld, timestamp));
        }
    }

    /**
     * When the input behind a status event was ingested: an incident's event carries its change's time
     * (the incident's updatedAt, the event time of the alert, report or command); a component's change
     * is caused by the earliest incident change of its product in this batch; null for anything else.
     */
    private Instant causedAt(StatusEvent event) {
        if (event.getIncidentId() != null) {
            return event.getAt();
        }
        if (event.getType() == StatusEventType.COMPONENT_STATUS_CHANGED && event.getComponent() != null) {
            return batchChangedProducts.get(event.getComponent());
        }
        return null;
    }

    private List<StatusEvent> takePendingEvents() {
        List<StatusEvent> out = new ArrayList<>(pending);
        for (int i = 0; i < pending; i++) {
            String key = sequence(i);
            out.add(pendingEvents.get(key));
            pendingEvents.delete(key);
        }
        pending = 0;
        return out;
    }

    /**
     * Counts each catalog component's status into its day of the uptime history ({@link DailyUptime}):
     * a day's aggregate goes to tocsin.component-daily when the status changed or the day ended, in the
     * same transaction as the evaluation that saw it.
     */
    private void recordUptime(PublicState next, Instant now, long timestamp) {
        for (String product : options.catalog().products()) {
            ComponentStatus status = next.components().getOrDefault(product, ComponentStatus.OPERATIONAL);
            ComponentDay open = uptimeDays.get(product);
            List<ComponentDay> changed = open == null
                    ? List.of(DailyUptime.open(product, status, now))
                    : DailyUptime.changes(open, status, now) ? DailyUptime.advance(open, now, status) : List.of();
            for (ComponentDay day : changed) {
                context.forward(new Record<>(DailyUptime.key(day), (SpecificRecord) day, timestamp));
                metrics.uptimeDayWritten();
            }
            if (!changed.isEmpty()) {
                uptimeDays.put(product, changed.get(changed.size() - 1));
            }
        }
    }

    /** Keeps the component statuses just announced (only those that changed are written). */
    private void rememberAnnounced(PublicState next) {
        for (Map.Entry<String, ComponentStatus> component : next.components().entrySet()) {
            if (announced.components().get(component.getKey()) != component.getValue()) {
                announcedComponents.put(component.getKey(), component.getValue().name());
            }
        }
        for (String product : announced.components().keySet()) {
            if (!next.components().containsKey(product)) {
                announcedComponents.delete(product);
            }
        }
        if (announcedComponents.get(PublisherStores.EVALUATED) == null) {
            announcedComponents.put(PublisherStores.EVALUATED, "");
        }
        announced = next;
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
        String recipient = notification.getSubscriptionId() != null
                ? notification.getSubscriptionId()
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
            }
        }
        for (MaintenanceWindow window : List.copyOf(windowsNow.values())) {
            MaintenanceState state = MaintenanceSchedule.effectiveState(window, horizon);
            boolean finished = state == MaintenanceState.COMPLETED || state == MaintenanceState.CANCELLED;
            if (finished && window.getEndsAt().isBefore(horizon)) {
                windows.delete(window.getWindowId());
                windowsNow.remove(window.getWindowId());
            }
        }
        SentKeys.forgetOlderThan(sent, horizon.toEpochMilli());
    }

    /**
     * Rebuilds the in-memory state from the stores: the inputs, the page-wide state as last announced
     * (component statuses from their store; maintenance recomputed at the evaluation time, since window
     * changes are evaluated as they come) and what awaits the next evaluation.
     */
    private void restore() {
        incidentsNow = new TreeMap<>();
        values(incidents).forEach(i -> incidentsNow.put(i.getIncidentId(), i));
        windowsNow = new TreeMap<>();
        values(windows).forEach(w -> windowsNow.put(w.getWindowId(), w));
        Long asOfMillis = clock.get(PublisherStores.AS_OF);
        Instant asOf = asOfMillis == null ? Instant.EPOCH : Instant.ofEpochMilli(asOfMillis);
        Long batchMillis = clock.get(PublisherStores.BATCH_AS_OF);
        batchAsOf = batchMillis == null ? null : Instant.ofEpochMilli(batchMillis);
        pending = 0;
        while (pendingEvents.get(sequence(pending)) != null) {
            pending++;
        }
        Map<String, ComponentStatus> components = new LinkedHashMap<>();
        try (KeyValueIterator<String, String> all = announcedComponents.all()) {
            all.forEachRemaining(entry -> {
                if (!entry.key.equals(PublisherStores.EVALUATED)) {
                    components.put(entry.key, ComponentStatus.valueOf(entry.value));
                }
            });
        }
        if (announcedComponents.get(PublisherStores.EVALUATED) != null || batchAsOf != null) {
            // what was announced; a fresh page stopped inside its first batch announced nothing yet, so all of it is
            // news
            announced =
                    PublicState.pageWide(options.catalog(), components, windowsNow.values(), asOf, Messages.english());
        } else {
            // never evaluated with a batch (a fresh page, or state of a version that evaluated every input)
            announced = PublicState.pageWide(
                    options.catalog(), incidentsNow.values(), windowsNow.values(), asOf, Messages.english());
        }
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

    /** Keys of the pending events sort in arrival order. */
    private static String sequence(int n) {
        return String.format("%010d", n);
    }

    private static <V> List<V> values(KeyValueStore<String, V> store) {
        List<V> out = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining((KeyValue<String, V> entry) -> out.add(entry.value));
        }
        return out;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
