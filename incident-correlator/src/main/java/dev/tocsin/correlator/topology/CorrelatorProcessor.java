package dev.tocsin.correlator.topology;

import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.correlator.domain.Correlator;
import dev.tocsin.correlator.domain.Outcome;
import dev.tocsin.correlator.domain.Retention;
import dev.tocsin.correlator.domain.SnapshotCoalescing;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TicketMove;
import dev.tocsin.schemas.rules.EventTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Hands every alert, report, command and ticket move of a product to the {@link Correlator} with the record's
 * timestamp (clamped to the wall clock plus a tolerance) as event time, and forwards what it decided: incident snapshots keyed by incident
 * id, incident events keyed by incident id, ticket updates keyed by ticket id. A wall-clock
 * punctuator lets quiet periods and SLA clocks advance while no input arrives; the domain stamps
 * those transitions with their deadlines, so results do not depend on when it fires.
 *
 * <p>Snapshots are coalesced ({@link SnapshotCoalescing}): one that changes the incident's
 * lifecycle is written at once, one that only churns is marked pending in a changelogged store
 * and a second wall-clock punctuator writes each pending incident's latest snapshot once per
 * snapshot interval. The marks commit with the input that set them, so a crash or rebalance
 * between the two neither loses nor repeats a snapshot.
 */
final class CorrelatorProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private final Correlator correlator;
    private final CorrelatorMetrics metrics;
    private final Retention retention;
    private final PruneSchedule pruneSchedule;
    private final Duration clockInterval;
    private final Duration snapshotInterval;
    private final long clockSkewToleranceMillis;
    private TaskClock taskClock;
    private String task;
    private ProcessorContext<String, SpecificRecord> context;
    private StoreBackedState state;
    private StorePruner pruner;
    private KeyValueStore<String, ProductIndex> products;
    private KeyValueStore<String, Incident> incidents;
    private KeyValueStore<String, Long> pendingSnapshots;
    private KeyValueStore<String, String> writtenLifecycles;

    CorrelatorProcessor(
            Correlator correlator,
            CorrelatorMetrics metrics,
            Duration clockInterval,
            Duration snapshotInterval,
            Duration clockSkewTolerance,
            Retention retention,
            PruneSchedule pruneSchedule) {
        this.correlator = correlator;
        this.retention = retention;
        this.pruneSchedule = pruneSchedule;
        this.metrics = metrics;
        this.clockInterval = clockInterval;
        this.snapshotInterval = snapshotInterval;
        this.clockSkewToleranceMillis = clockSkewTolerance.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.state = new StoreBackedState(
                context, !correlator.policy().dependencies().isEmpty());
        this.products = context.getStateStore(CorrelatorStores.PRODUCTS);
        this.incidents = context.getStateStore(CorrelatorStores.INCIDENTS);
        this.pendingSnapshots = context.getStateStore(CorrelatorStores.PENDING_SNAPSHOTS);
        this.writtenLifecycles = context.getStateStore(CorrelatorStores.WRITTEN_LIFECYCLES);
        this.taskClock = new TaskClock(clockInterval, context.currentSystemTimeMs());
        this.task = context.taskId().toString();
        countOpenIncidents();
        context.schedule(clockInterval, PunctuationType.WALL_CLOCK_TIME, this::advanceClocks);
        context.schedule(snapshotInterval, PunctuationType.WALL_CLOCK_TIME, this::writePendingSnapshots);
        this.pruner = new StorePruner(context, retention, correlator.policy(), pruneSchedule.batch(), metrics);
        context.schedule(pruneSchedule.interval(), PunctuationType.WALL_CLOCK_TIME, this::prune);
    }

    /** Counts the task's open incidents once from its stores (one index row per product); snapshots keep it current. */
    private void countOpenIncidents() {
        OpenIncidentCounts counts = metrics.openIncidents();
        counts.taskStarted(task);
        try (KeyValueIterator<String, ProductIndex> all = products.all()) {
            while (all.hasNext()) {
                for (String id : all.next().value.getOpenIncidents()) {
                    Incident incident = incidents.get(id);
                    if (incident != null) {
                        counts.snapshot(task, incident);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        metrics.openIncidents().taskClosed(task);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        long wallClockMillis = context.currentSystemTimeMs();
        taskClock.inputAt(wallClockMillis);
        long eventMillis = eventTime(record.timestamp(), wallClockMillis);
        Instant eventTime = Instant.ofEpochMilli(eventMillis);
        SpecificRecord value = record.value();
        Outcome outcome;
        if (value instanceof MonitoringAlert alert) {
            outcome = correlator.onAlert(alert, eventTime, state);
        } else if (value instanceof CustomerReport report) {
            outcome = correlator.onReport(report, eventTime, state);
        } else if (value instanceof TicketMove move) {
            outcome = correlator.onTicketMovedOut(move, eventTime, state);
        } else if (value instanceof IncidentCommand command) {
            outcome = correlator.onCommand(command, eventTime, state);
        } else {
            throw new IllegalArgumentException("Unexpected input "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        forward(outcome, eventMillis);
    }

    /**
     * The record's timestamp, unless a producer's fast clock put it further ahead of the wall clock
     * than the tolerance ({@link EventTimes}): it would open incidents in the future and pull quiet
     * periods and SLA breaches forward. A replay of history is unaffected, its timestamps lie in the
     * past; only a record clamped live decides at its own (later) time if replayed after that time.
     */
    private long eventTime(long timestamp, long wallClockMillis) {
        long clamped = EventTimes.clamp(timestamp, wallClockMillis, clockSkewToleranceMillis);
        if (clamped != timestamp) {
            metrics.eventTimeClamped();
        }
        return clamped;
    }

    /**
     * Advances clocks to the wall clock only when that cannot overtake input still to come: when
     * the task is live or idle ({@link TaskClock}).
     * While history is replayed, each input advances its product's clocks to its own event time
     * instead, so a replay decides exactly as the original run did.
     */
    private void advanceClocks(long wallClockMillis) {
        if (!taskClock.wallClockMayLead(wallClockMillis, context.currentStreamTimeMs())) {
            return;
        }
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        try (KeyValueIterator<String, ProductIndex> all = products.all()) {
            while (all.hasNext()) {
                KeyValue<String, ProductIndex> entry = all.next();
                Long due = entry.value.getNextDueAt();
                if (due != null && due <= wallClockMillis) { // the index knows when its next clock falls due
                    forward(correlator.onClock(entry.key, now, state), wallClockMillis);
                }
                if (entry.value
                        .getHasHeldAlerts()) { // silences end and upstream incidents resolve without an input here
                    forward(correlator.onHeldAlerts(entry.key, now, state), wallClockMillis);
                }
            }
        }
    }

    /**
     * Forgets what the retention allows, one bounded slice per tick ({@link StorePruner}). While
     * history is replayed the stream time is the clock, so a replay keeps what the original run kept.
     */
    private void prune(long wallClockMillis) {
        long now = taskClock.now(wallClockMillis, context.currentStreamTimeMs());
        if (now > 0) { // no stream time yet: nothing was processed, nothing to forget
            pruner.prune(Instant.ofEpochMilli(now));
        }
    }

    private void forward(Outcome outcome, long timestamp) {
        for (Incident incident : outcome.incidents()) {
            coalesce(incident, timestamp);
        }
        for (IncidentEvent event : outcome.events()) {
            context.forward(
                    new Record<>(event.getIncidentId(), event, event.getAt().toEpochMilli()));
        }
        for (TicketUpdate update : outcome.ticketUpdates()) {
            context.forward(
                    new Record<>(update.getTicketId(), update, update.getAt().toEpochMilli()));
        }
        for (IncidentCommand command : outcome.commands()) { // to the upstream product's partition, same transaction
            context.forward(new Record<>(
                    command.getProduct(), command, command.getIssuedAt().toEpochMilli()));
        }
        metrics.count(task, outcome);
    }

    /** Writes a lifecycle change at once (it supersedes any pending churn); marks churn pending. */
    private void coalesce(Incident incident, long timestamp) {
        String id = incident.getIncidentId();
        if (SnapshotCoalescing.mustEmitAtOnce(writtenLifecycles.get(id), incident)) {
            if (pendingSnapshots.get(id) != null) {
                pendingSnapshots.delete(id);
            }
            writtenLifecycles.put(id, SnapshotCoalescing.lifecycle(incident));
            context.forward(new Record<>(id, incident, timestamp));
        } else {
            pendingSnapshots.put(id, incident.getVersion());
        }
    }

    /** Writes the latest snapshot of every incident with pending churn, stamped with its updatedAt. */
    private void writePendingSnapshots(long wallClockMillis) {
        List<String> pending = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = pendingSnapshots.all()) {
            all.forEachRemaining(entry -> pending.add(entry.key));
        }
        for (String id : pending) {
            Incident incident = incidents.get(id);
            if (incident != null) { // a pruned incident (StorePruner) has nothing left to write
                context.forward(
                        new Record<>(id, incident, incident.getUpdatedAt().toEpochMilli()));
            }
            pendingSnapshots.delete(id);
        }
    }
}
