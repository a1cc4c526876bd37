package dev.tocsin.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.Silence;
import dev.tocsin.correlator.domain.Correlator;
import dev.tocsin.correlator.domain.Policy;
import dev.tocsin.correlator.domain.Retention;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import dev.tocsin.schemas.registry.SchemaRegistry;
import dev.tocsin.schemas.serde.AvroSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The clock gate of {@link CorrelatorProcessor} alone, under Kafka's {@link MockProcessorContext}: wall and stream time
 * are set by hand, so each case says exactly which of the two the wall-clock punctuator sees. This gate is what makes
 * a replay decide as the original run did: while the task replays history (stream time far behind the wall clock,
 * input still arriving) quiet periods and SLA clocks must not jump to the wall clock.
 *
 * <p>The scenario: an alert fires and resolves, so the incident's quiet-before-monitoring clock falls due; whether a
 * wall-clock punctuation moves the incident to MONITORING shows whether the gate let the wall clock lead.
 */
class CorrelatorClockGateTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration CLOCK = Duration.ofSeconds(10);
    private static final Duration SNAPSHOTS = Duration.ofSeconds(7);
    private static final Duration TOLERANCE = Duration.ofMinutes(1);

    private final Policy policy = Policy.defaults();
    private final AvroSerdes serdes = new AvroSerdes(SchemaRegistry.connect("mock://correlator-clock-gate"));
    private MockProcessorContext<String, SpecificRecord> context;
    private CorrelatorProcessor processor;

    @BeforeEach
    void init() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        context.setCurrentStreamTimeMs(-1); // as in Streams: no stream time before the first input
        addValueStore(CorrelatorStores.ALERTS, serdes.value(TrackedAlert.class));
        addValueStore(CorrelatorStores.INCIDENTS, serdes.value(Incident.class));
        addValueStore(CorrelatorStores.TRACKING, serdes.value(IncidentTracking.class));
        addValueStore(CorrelatorStores.PRODUCTS, serdes.value(ProductIndex.class));
        addValueStore(CorrelatorStores.TICKETS, serdes.value(TicketRecord.class));
        addValueStore(CorrelatorStores.INCIDENT_TICKETS, Serdes.String());
        addValueStore(CorrelatorStores.INCIDENT_ORGANIZATIONS, Serdes.String());
        addValueStore(CorrelatorStores.PENDING_SNAPSHOTS, Serdes.Long());
        addValueStore(CorrelatorStores.WRITTEN_LIFECYCLES, Serdes.String());
        addValueStore(CorrelatorStores.HELD_ALERTS, Serdes.String());
        addValueStore(CorrelatorStores.INHIBITORS, Serdes.String());
        addTimestampedStore(CorrelatorStores.MAINTENANCE, serdes.value(MaintenanceWindow.class));
        addTimestampedStore(CorrelatorStores.SILENCES, serdes.value(Silence.class));
        processor = new CorrelatorProcessor(
                new Correlator(policy),
                new CorrelatorMetrics(new SimpleMeterRegistry()),
                CLOCK,
                SNAPSHOTS,
                TOLERANCE,
                Retention.defaults(),
                PruneSchedule.defaults());
        processor.init(context);
    }

    @AfterEach
    void close() {
        processor.close();
    }

    @Test
    void whileReplayingHistoryTheWallClockDoesNotAdvanceClocks() {
        Instant wall = T0.plus(Duration.ofDays(1)); // history of yesterday, read today
        quietIncidentAt(T0, wall);

        Instant nextTick = wall.plus(CLOCK); // input just arrived: not idle
        tickClockAt(nextTick);

        assertThat(forwardedIncidents())
                .as("no clock advanced to the wall clock during a replay")
                .isEmpty();
    }

    @Test
    void whenLiveTheWallClockAdvancesClocks() {
        quietIncidentAt(T0, T0);
        Instant due = T0.plusSeconds(60).plus(policy.quietBeforeMonitoring()).plus(CLOCK);
        // another product's alert a second ago: stream time is at the wall clock and the task is not idle
        process(alert("mail", "fp-9", AlertStatus.FIRING), due.minusSeconds(1), due.minusSeconds(1));
        context.resetForwards();

        tickClockAt(due);

        assertThat(forwardedIncidents()).extracting(Incident::getStatus).containsExactly(PublicStatus.MONITORING);
    }

    @Test
    void whenIdleTheWallClockAdvancesClocksEvenBehindTheStreamTime() {
        Instant wall = T0.plus(Duration.ofDays(1));
        quietIncidentAt(T0, wall);

        Instant idle = wall.plus(TaskClock.MIN_IDLE); // no input since: the replay has ended
        tickClockAt(idle);

        assertThat(forwardedIncidents())
                .extracting(Incident::getStatus)
                .isNotEmpty()
                .doesNotContain(PublicStatus.INVESTIGATING);
    }

    /** An alert of product chat fires at {@code eventTime} and resolves a minute later, read at {@code wall}. */
    private void quietIncidentAt(Instant eventTime, Instant wall) {
        process(alert("chat", "fp-1", AlertStatus.FIRING), eventTime, wall);
        process(alert("chat", "fp-1", AlertStatus.RESOLVED), eventTime.plusSeconds(60), wall);
        assertThat(forwardedIncidents()).extracting(Incident::getStatus).contains(PublicStatus.INVESTIGATING);
        context.resetForwards();
    }

    private void process(MonitoringAlert alert, Instant timestamp, Instant wall) {
        context.setCurrentSystemTimeMs(wall.toEpochMilli());
        // Streams' stream time is the highest timestamp seen; the mock keeps what it is told
        context.setCurrentStreamTimeMs(Math.max(context.currentStreamTimeMs(), timestamp.toEpochMilli()));
        processor.process(new Record<>(alert.getProduct(), alert, timestamp.toEpochMilli()));
    }

    private void tickClockAt(Instant wall) {
        context.setCurrentSystemTimeMs(wall.toEpochMilli());
        CapturedPunctuator clock = context.scheduledPunctuators().get(0); // the first scheduled: advanceClocks
        assertThat(clock.getInterval()).isEqualTo(CLOCK);
        clock.getPunctuator().punctuate(wall.toEpochMilli());
    }

    private List<Incident> forwardedIncidents() {
        return context.forwarded().stream()
                .map(f -> f.record().value())
                .filter(Incident.class::isInstance)
                .map(Incident.class::cast)
                .toList();
    }

    private <V> void addValueStore(String name, Serde<V> valueSerde) {
        addStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), Serdes.String(), ownSubject(name, valueSerde))
                .withLoggingDisabled()
                .build());
    }

    private <V> void addTimestampedStore(String name, Serde<V> valueSerde) {
        addStore(Stores.timestampedKeyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), Serdes.String(), ownSubject(name, valueSerde))
                .withLoggingDisabled()
                .build());
    }

    /**
     * The mock context calls every store's topic "changelog", so all value types would share one registry subject
     * (and the registry rightly rejects the second type); Streams gives each store its own changelog topic.
     */
    private static <V> Serde<V> ownSubject(String store, Serde<V> serde) {
        String topic = "correlator-clock-gate-" + store + "-changelog";
        return Serdes.serdeFrom(
                (ignored, value) -> serde.serializer().serialize(topic, value),
                (ignored, bytes) -> serde.deserializer().deserialize(topic, bytes));
    }

    private void addStore(StateStore store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private static MonitoringAlert alert(String product, String fingerprint, AlertStatus status) {
        return MonitoringAlert.newBuilder()
                .setAlertId(fingerprint + "-" + status)
                .setFingerprint(fingerprint)
                .setSource(AlertSource.ALERTMANAGER)
                .setSourceName("test")
                .setStatus(status)
                .setProduct(product)
                .setComponent("api")
                .setRegion("eu-1")
                .setSignal(Signal.LATENCY)
                .setSeverityHint(SeverityHint.HIGH)
                .setSummary("latency high")
                .setStartsAt(T0)
                .setReceivedAt(T0)
                .build();
    }
}
