package dev.tocsin.publisher.topology;

import static dev.tocsin.runtime.streams.TopicStreams.consumed;
import static dev.tocsin.runtime.streams.TopicStreams.materializedAs;
import static dev.tocsin.runtime.streams.TopicStreams.produced;
import static dev.tocsin.runtime.streams.TopicStreams.repartitioned;

import dev.tocsin.avro.ComponentDay;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.WithheldNotification;
import dev.tocsin.publisher.domain.IncidentCopy;
import dev.tocsin.publisher.domain.PublicProducts;
import dev.tocsin.runtime.streams.KeyValueStores;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The publisher's topology:
 * <pre>
 *   tocsin.incidents ── public products only ── public projection ── repartition to 1 ─┐
 *   tocsin.maintenance-windows ────────────────────────── repartition to 1 ─┴─ page (incidents, windows, clock, sent) ─┬─ tocsin.status-events
 *                                                                                                                      ├─ tocsin.component-daily
 *   tocsin.subscriptions ── global table ──────────────────────────────────────▲                                     ├─ tocsin.notifications
 *   tocsin.incident-events ── UPDATE_DUE / SLA_BREACHED ── reminders (sent) ─────────────────────────────────────────┤
 *                                                                                                                      └─ tocsin.notifications-withheld
 * </pre>
 * A status page is one page: component status and the page indicator depend on every incident and
 * window, so both are repartitioned (keys kept) onto a single partition and one task owns the page.
 * The volume is that of incident snapshots, not alerts, so one partition is plenty; standby replicas
 * make its failover fast. Reminders stay partitioned like the incident events.
 */
public final class PublisherTopology {

    static final String PAGE = "page";
    static final String REMINDERS = "reminders";

    private PublisherTopology() {}

    public static Topology build(Topics topics, AvroSerdes serdes, PageOptions options, PublisherMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        PublicProducts publicProducts = options.publicProducts();
        builder.addStateStore(KeyValueStores.persistent(PublisherStores.INCIDENTS, serdes.value(Incident.class)));
        builder.addStateStore(
                KeyValueStores.persistent(PublisherStores.MAINTENANCE, serdes.value(MaintenanceWindow.class)));
        builder.addStateStore(KeyValueStores.persistent(PublisherStores.CLOCK, Serdes.Long()));
        builder.addStateStore(KeyValueStores.persistent(PublisherStores.SENT, Serdes.Long()));
        builder.addStateStore(KeyValueStores.persistent(PublisherStores.ANNOUNCED, Serdes.String()));
        builder.addStateStore(
                KeyValueStores.persistent(PublisherStores.PENDING_EVENTS, serdes.value(StatusEvent.class)));
        builder.addStateStore(KeyValueStores.persistent(PublisherStores.REMINDERS_SENT, Serdes.Long()));
        builder.addStateStore(KeyValueStores.persistent(PublisherStores.UPTIME_DAYS, serdes.value(ComponentDay.class)));
        builder.globalTable(
                topics.subscriptions().name(),
                consumed(topics.subscriptions(), "read-subscriptions"),
                materializedAs(topics.subscriptions(), PublisherStores.SUBSCRIPTIONS));

        KStream<String, PageInput> incidents = builder.stream(
                        topics.incidents().name(), consumed(topics.incidents(), "read-incidents"))
                // a tombstone means the correlator's retention forgot a long-resolved incident: the public page
                // keeps its own history window (TOCSIN_PUBLISHER_HISTORY, pruned by PageProcessor), so it is ignored
                .filter((id, incident) -> incident != null, Named.as("drop-incident-tombstones"))
                // only configured components are public: other products (unclassified, mislabelled, staging)
                // are for operators only, never on the page, in the Statuspage JSON, the feed or notifications
                .filter((id, incident) -> isPublic(publicProducts, incident, metrics), Named.as("only-public-products"))
                // the page needs a small part of a snapshot: the repartition topic carries only that
                .mapValues(IncidentCopy::project, Named.as("public-projection"))
                .repartition(repartitioned(topics.incidents(), "page-incidents").withNumberOfPartitions(1))
                .mapValues(PageInput.IncidentSnapshot::new, Named.as("incident-as-page-input"));
        KStream<String, PageInput> windows = builder.stream(
                        topics.maintenanceWindows().name(),
                        consumed(topics.maintenanceWindows(), "read-maintenance-windows"))
                .repartition(repartitioned(topics.maintenanceWindows(), "page-maintenance-windows")
                        .withNumberOfPartitions(1))
                .mapValues(
                        (id, window) ->
                                window == null ? new PageInput.WindowDeleted(id) : new PageInput.WindowVersion(window),
                        Named.as("window-as-page-input"));

        KStream<String, SpecificRecord> page = incidents
                .merge(windows, Named.as("merge-page-inputs"))
                .process(
                        () -> new PageProcessor(options, metrics),
                        Named.as(PAGE),
                        PublisherStores.INCIDENTS,
                        PublisherStores.MAINTENANCE,
                        PublisherStores.CLOCK,
                        PublisherStores.SENT,
                        PublisherStores.ANNOUNCED,
                        PublisherStores.PENDING_EVENTS,
                        PublisherStores.UPTIME_DAYS);

        page.split(Named.as("output-"))
                .branch(
                        (key, value) -> value instanceof StatusEvent,
                        Branched.withConsumer(
                                s -> s.mapValues(v -> (StatusEvent) v, Named.as("as-status-event"))
                                        .to(
                                                topics.statusEvents().name(),
                                                produced(topics.statusEvents(), "write-status-events")),
                                "status-events"))
                .branch(
                        (key, value) -> value instanceof ComponentDay,
                        Branched.withConsumer(
                                s -> s.mapValues(v -> (ComponentDay) v, Named.as("as-component-day"))
                                        .to(
                                                topics.componentDaily().name(),
                                                produced(topics.componentDaily(), "write-component-daily")),
                                "component-daily"))
                .branch(
                        (key, value) -> value instanceof WithheldNotification,
                        Branched.withConsumer(s -> writeWithheld(s, topics, "page"), "withheld"))
                .defaultBranch(Branched.withConsumer(
                        s -> s.mapValues(v -> (Notification) v, Named.as("as-notification"))
                                .to(
                                        topics.notifications().name(),
                                        produced(topics.notifications(), "write-notifications")),
                        "notifications"));

        // kept apart from the page: reminders scale with the incident events' partitions
        builder.stream(topics.incidentEvents().name(), consumed(topics.incidentEvents(), "read-incident-events"))
                .filter(
                        (id, event) -> event != null
                                && (event.getType() == IncidentEventType.UPDATE_DUE
                                        || event.getType() == IncidentEventType.SLA_BREACHED),
                        Named.as("only-due-and-breached"))
                .process(
                        () -> new ReminderProcessor(options, metrics),
                        Named.as(REMINDERS),
                        PublisherStores.REMINDERS_SENT)
                .split(Named.as("reminder-output-"))
                .branch(
                        (key, value) -> value instanceof WithheldNotification,
                        Branched.withConsumer(s -> writeWithheld(s, topics, "reminders"), "withheld"))
                .defaultBranch(Branched.withConsumer(
                        s -> s.mapValues(v -> (Notification) v, Named.as("as-reminder"))
                                .to(topics.notifications().name(), produced(topics.notifications(), "write-reminders")),
                        "notifications"));
        return builder.build();
    }

    /** Withheld notifications go out in the same transaction as the notifications of the same input. */
    private static void writeWithheld(KStream<String, SpecificRecord> stream, Topics topics, String from) {
        stream.mapValues(v -> (WithheldNotification) v, Named.as("as-withheld-" + from))
                .to(
                        topics.notificationsWithheld().name(),
                        produced(topics.notificationsWithheld(), "write-withheld-" + from));
    }

    private static boolean isPublic(PublicProducts publicProducts, Incident incident, PublisherMetrics metrics) {
        var withheld = publicProducts.withheldBecause(incident.getProduct());
        withheld.ifPresent(metrics::incidentWithheld);
        return withheld.isEmpty();
    }
}
