package dev.tocsin.correlator.topology;

import static dev.tocsin.runtime.streams.TopicStreams.consumed;
import static dev.tocsin.runtime.streams.TopicStreams.materializedAs;
import static dev.tocsin.runtime.streams.TopicStreams.produced;
import static dev.tocsin.runtime.streams.TopicStreams.repartitioned;

import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.correlator.domain.Correlator;
import dev.tocsin.correlator.domain.Retention;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TicketMove;
import dev.tocsin.correlator.state.TicketOwner;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import dev.tocsin.runtime.streams.KeyValueStores;
import dev.tocsin.runtime.streams.ObjectCachedStore;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The correlator's topology:
 * <pre>
 *   tocsin.alerts ───────────┐
 *   tocsin.customer-reports ─┼─ merge ─ correlate (stores by product) ─┬─ tocsin.incidents (snapshot by incident id)
 *   tocsin.incident-commands ┤          ▲ maintenance windows (global)  ├─ tocsin.incident-events
 *   ticket moves ────────────┘          ▲ silences (global)             ├─ tocsin.ticket-updates
 *     ▲ by product                      ▲ open incidents by product     └─ tocsin.incident-commands (absorbed
 *   ticket ownership (ticket owners)      (global, from tocsin.incidents,     dependant alerts, keyed by the
 *     ▲ tocsin.customer-reports by ticket id   only with policy dependencies)     upstream product)
 * </pre>
 * All inputs are keyed by product, so one task owns every record and all state of a product.
 * Reports are also read keyed by ticket id ({@link TicketOwnershipProcessor}): a ticket belongs to
 * one product at a time, and when support moves it to a product on another partition, the
 * product it left is told by a move record keyed by that product.
 * Every store, processor, repartition topic and sink is named. Snapshots are coalesced
 * per incident (lifecycle changes at once, churn once per snapshot interval); events and ticket
 * updates are written as decided. A wall-clock pruner forgets resolved history under the
 * {@link Retention} and writes a tombstone to tocsin.incidents for each incident it forgets.
 */
public final class CorrelatorTopology {

    static final String CORRELATE = "correlate";
    static final String ROUTE_REPORTS = "ticket-ownership";

    private CorrelatorTopology() {}

    /**
     * @param clockInterval    how often the wall clock advances quiet periods and SLA clocks
     * @param snapshotInterval how often coalesced incident snapshots are written (SnapshotCoalescing)
     * @param clockSkewTolerance how far ahead of the wall clock an input's timestamp is believed (EventTimes)
     */
    public static Topology build(
            Topics topics,
            AvroSerdes serdes,
            Correlator correlator,
            CorrelatorMetrics metrics,
            Duration clockInterval,
            Duration snapshotInterval,
            Duration clockSkewTolerance) {
        return build(
                topics,
                serdes,
                correlator,
                metrics,
                clockInterval,
                snapshotInterval,
                clockSkewTolerance,
                Retention.defaults(),
                PruneSchedule.defaults());
    }

    /**
     * @param retention     what may be forgotten and when
     * @param pruneSchedule how often and how much the pruner looks at per store
     */
    public static Topology build(
            Topics topics,
            AvroSerdes serdes,
            Correlator correlator,
            CorrelatorMetrics metrics,
            Duration clockInterval,
            Duration snapshotInterval,
            Duration clockSkewTolerance,
            Retention retention,
            PruneSchedule pruneSchedule) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(KeyValueStores.persistent(CorrelatorStores.ALERTS, serdes.value(TrackedAlert.class)));
        // an incident and its tracking change with every alert of a storm: kept as objects between commits
        builder.addStateStore(ObjectCachedStore.builder(CorrelatorStores.INCIDENTS, serdes.value(Incident.class)));
        builder.addStateStore(
                ObjectCachedStore.builder(CorrelatorStores.TRACKING, serdes.value(IncidentTracking.class)));
        builder.addStateStore(KeyValueStores.persistent(CorrelatorStores.PRODUCTS, serdes.value(ProductIndex.class)));
        builder.addStateStore(KeyValueStores.persistent(CorrelatorStores.TICKETS, serdes.value(TicketRecord.class)));
        builder.addStateStore(KeyValueStores.persistent(CorrelatorStores.INCIDENT_TICKETS, Serdes.String()));
        builder.addStateStore(KeyValueStores.persistent(CorrelatorStores.INCIDENT_ORGANIZATIONS, Serdes.String()));
        // a queue, scanned every interval: in memory (no RocksDB tombstones to skip), changelogged and
        // cached like every store, so a snapshot still pending at a commit survives a crash or rebalance
        builder.addStateStore(KeyValueStores.inMemory(CorrelatorStores.PENDING_SNAPSHOTS, Serdes.Long()));
        builder.addStateStore(KeyValueStores.persistent(CorrelatorStores.WRITTEN_LIFECYCLES, Serdes.String()));
        builder.addStateStore(KeyValueStores.persistent(CorrelatorStores.HELD_ALERTS, Serdes.String()));
        builder.addStateStore(KeyValueStores.persistent(CorrelatorStores.INHIBITORS, Serdes.String()));
        // few and asked for per alert: in memory, so an empty table costs no iterator (restored from the topic itself)
        builder.globalTable(
                topics.silences().name(),
                consumed(topics.silences(), "read-silences"),
                materializedAs(topics.silences(), Stores.inMemoryKeyValueStore(CorrelatorStores.SILENCES))
                        .withCachingDisabled()); // a cached entry is invisible to the exact empty-check of
        // StoreBackedState.silences
        if (!correlator.policy().dependencies().isEmpty()) {
            // product -> open incident ids, for the dependency graph; read only when the policy has one
            builder.addGlobalStore(
                    Stores.keyValueStoreBuilder(
                                    Stores.persistentKeyValueStore(CorrelatorStores.OPEN_INCIDENTS),
                                    Serdes.String(),
                                    Serdes.String())
                            .withLoggingDisabled(),
                    topics.incidents().name(),
                    consumed(topics.incidents(), "read-open-incidents"),
                    OpenIncidentsByProduct::new);
        }
        builder.globalTable(
                topics.maintenanceWindows().name(),
                consumed(topics.maintenanceWindows(), "read-maintenance-windows"),
                materializedAs(topics.maintenanceWindows(), CorrelatorStores.MAINTENANCE));

        KStream<String, SpecificRecord> alerts = builder.stream(
                        topics.alerts().name(), consumed(topics.alerts(), "read-alerts"))
                .mapValues(v -> (SpecificRecord) v, Named.as("alerts-as-input"));
        KStream<String, CustomerReport> customerReports =
                builder.stream(topics.customerReports().name(), consumed(topics.customerReports(), "read-reports"));
        KStream<String, SpecificRecord> reports =
                customerReports.mapValues(v -> (SpecificRecord) v, Named.as("reports-as-input"));
        KStream<String, SpecificRecord> ticketMoves = ticketMoves(
                        customerReports, topics, serdes, builder, metrics, retention, pruneSchedule)
                .mapValues(v -> (SpecificRecord) v, Named.as("ticket-moves-as-input"));
        KStream<String, SpecificRecord> commands = builder.stream(
                        topics.incidentCommands().name(), consumed(topics.incidentCommands(), "read-commands"))
                .mapValues(v -> (SpecificRecord) v, Named.as("commands-as-input"));

        KStream<String, SpecificRecord> decided = alerts.merge(reports, Named.as("merge-reports"))
                .merge(commands, Named.as("merge-commands"))
                .merge(ticketMoves, Named.as("merge-ticket-moves"))
                .process(
                        () -> new CorrelatorProcessor(
                                correlator,
                                metrics,
                                clockInterval,
                                snapshotInterval,
                                clockSkewTolerance,
                                retention,
                                pruneSchedule),
                        Named.as(CORRELATE),
                        CorrelatorStores.ALERTS,
                        CorrelatorStores.INCIDENTS,
                        CorrelatorStores.TRACKING,
                        CorrelatorStores.PRODUCTS,
                        CorrelatorStores.TICKETS,
                        CorrelatorStores.INCIDENT_TICKETS,
                        CorrelatorStores.INCIDENT_ORGANIZATIONS,
                        CorrelatorStores.PENDING_SNAPSHOTS,
                        CorrelatorStores.WRITTEN_LIFECYCLES,
                        CorrelatorStores.HELD_ALERTS,
                        CorrelatorStores.INHIBITORS);

        decided.split(Named.as("output-"))
                // a null value is the tombstone of a pruned incident (StorePruner): it belongs to tocsin.incidents
                .branch(
                        (key, value) -> value instanceof Incident || value == null,
                        Branched.withConsumer(
                                s -> s.mapValues(v -> (Incident) v, Named.as("as-incident"))
                                        .to(topics.incidents().name(), produced(topics.incidents(), "write-incidents")),
                                "incidents"))
                .branch(
                        (key, value) -> value instanceof IncidentEvent,
                        Branched.withConsumer(
                                s -> s.mapValues(v -> (IncidentEvent) v, Named.as("as-event"))
                                        .to(
                                                topics.incidentEvents().name(),
                                                produced(topics.incidentEvents(), "write-incident-events")),
                                "events"))
                .branch(
                        (key, value) -> value instanceof IncidentCommand,
                        Branched.withConsumer(
                                s -> s.mapValues(v -> (IncidentCommand) v, Named.as("as-command"))
                                        .to(
                                                topics.incidentCommands().name(),
                                                produced(topics.incidentCommands(), "write-absorb-commands")),
                                "commands"))
                .defaultBranch(Branched.withConsumer(
                        s -> s.mapValues(v -> (TicketUpdate) v, Named.as("as-ticket-update"))
                                .to(
                                        topics.ticketUpdates().name(),
                                        produced(topics.ticketUpdates(), "write-ticket-updates")),
                        "ticket-updates"));
        return builder.build();
    }

    /**
     * The moves of reclassified tickets: reports keyed by ticket id through
     * {@link TicketOwnershipProcessor}, which remembers each ticket's product and emits a move keyed
     * by the product the ticket left (repartitioned to that product's partition).
     */
    private static KStream<String, TicketMove> ticketMoves(
            KStream<String, CustomerReport> reports,
            Topics topics,
            AvroSerdes serdes,
            StreamsBuilder builder,
            CorrelatorMetrics metrics,
            Retention retention,
            PruneSchedule pruneSchedule) {
        builder.addStateStore(
                KeyValueStores.persistent(CorrelatorStores.TICKET_OWNERS, serdes.value(TicketOwner.class)));
        return reports.filter((product, report) -> report != null, Named.as("reports-with-value"))
                .selectKey((product, report) -> report.getTicketId(), Named.as("key-reports-by-ticket"))
                .repartition(repartitioned(topics.customerReports(), CorrelatorStores.REPORTS_BY_TICKET))
                .process(
                        () -> new TicketOwnershipProcessor(metrics, retention, pruneSchedule),
                        Named.as(ROUTE_REPORTS),
                        CorrelatorStores.TICKET_OWNERS)
                .repartition(Repartitioned.<String, TicketMove>as(CorrelatorStores.TICKET_MOVES)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(serdes.value(TicketMove.class)));
    }
}
