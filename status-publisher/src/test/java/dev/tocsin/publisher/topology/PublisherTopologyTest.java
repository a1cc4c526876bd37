package dev.tocsin.publisher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Audience;
import dev.tocsin.avro.ComponentDay;
import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SlaClock;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.StatusEventType;
import dev.tocsin.avro.Subscription;
import dev.tocsin.avro.SubscriptionScope;
import dev.tocsin.avro.TimelineEntry;
import dev.tocsin.avro.WithheldNotification;
import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.DailyUptime;
import dev.tocsin.publisher.domain.Notifications;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.ServiceConfig;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import dev.tocsin.runtime.streams.StreamsRunner;
import dev.tocsin.schemas.registry.SchemaRegistry;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher topology driven record by record; the wall clock is advanced by hand. */
class PublisherTopologyTest {

    /** Near the real clock: notifications are only sent for changes younger than the notify age. */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    private static final Duration CLOCK = Duration.ofSeconds(10);
    private static final Notifications.OperationsContact OPS =
            new Notifications.OperationsContact("operations", NotificationChannel.EMAIL, "noc@example.com", "en");

    @TempDir
    Path stateDir;

    private final AvroSerdes serdes = new AvroSerdes(SchemaRegistry.connect("mock://publisher-topology-test"));
    private final Topics topics = Topics.create("tocsin.", serdes);
    private final PageOptions options = new PageOptions(
            ComponentCatalog.of(Map.of("chat", "Chat")),
            CLOCK,
            Duration.ofDays(30),
            Duration.ofHours(24),
            Duration.ofDays(7),
            OPS);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Topology topology;
    private TopologyTestDriver driver;
    private ServiceMetrics metrics;
    private TestInputTopic<String, Incident> incidents;
    private TestInputTopic<String, MaintenanceWindow> windows;
    private TestInputTopic<String, Subscription> subscriptions;
    private TestInputTopic<String, IncidentEvent> incidentEvents;
    private TestOutputTopic<String, StatusEvent> statusEvents;
    private TestOutputTopic<String, Notification> notifications;
    private TestOutputTopic<String, WithheldNotification> withheld;

    @BeforeEach
    void build() {
        metrics = new ServiceMetrics("publisher-test");
        ServiceConfig config = ServiceConfig.from(
                new Environment(Map.of("TOCSIN_STATE_DIR", stateDir.toString())), "status-publisher", 0);
        Properties props = StreamsRunner.properties(config, topics.deadLetters().name(), metrics);
        topology = PublisherTopology.build(topics, serdes, options, new PublisherMetrics(registry));
        driver = new TopologyTestDriver(topology, props, T0);
        incidents = driver.createInputTopic(
                topics.incidents().name(),
                topics.incidents().keySerde().serializer(),
                topics.incidents().valueSerde().serializer());
        windows = driver.createInputTopic(
                topics.maintenanceWindows().name(),
                topics.maintenanceWindows().keySerde().serializer(),
                topics.maintenanceWindows().valueSerde().serializer());
        subscriptions = driver.createInputTopic(
                topics.subscriptions().name(),
                topics.subscriptions().keySerde().serializer(),
                topics.subscriptions().valueSerde().serializer());
        incidentEvents = driver.createInputTopic(
                topics.incidentEvents().name(),
                topics.incidentEvents().keySerde().serializer(),
                topics.incidentEvents().valueSerde().serializer());
        statusEvents = driver.createOutputTopic(
                topics.statusEvents().name(),
                topics.statusEvents().keySerde().deserializer(),
                topics.statusEvents().valueSerde().deserializer());
        notifications = driver.createOutputTopic(
                topics.notifications().name(),
                topics.notifications().keySerde().deserializer(),
                topics.notifications().valueSerde().deserializer());
        withheld = driver.createOutputTopic(
                topics.notificationsWithheld().name(),
                topics.notificationsWithheld().keySerde().deserializer(),
                topics.notificationsWithheld().valueSerde().deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
        metrics.close();
    }

    @Test
    void incidentOpensDegradesItsComponentPublishesItAndNotifiesEachMatchingSubscriberOnce() {
        subscribe("sub-all", SubscriptionScope.ALL, null, "en");
        subscribe("sub-chat", SubscriptionScope.PRODUCT, "chat", "de");
        subscribe("sub-incident", SubscriptionScope.INCIDENT, "chat-0000aaaa", "ja");
        subscribe("sub-voice", SubscriptionScope.PRODUCT, "voice", "en");
        subscribe("sub-other-incident", SubscriptionScope.INCIDENT, "chat-0000bbbb", "en");

        pipe(incident("chat-0000aaaa", 1, Severity.SEV3, PublicStatus.INVESTIGATING, T0)
                .build());

        List<StatusEvent> events = statusEvents.readValuesToList();
        assertThat(events)
                .extracting(StatusEvent::getType)
                .containsExactly(StatusEventType.COMPONENT_STATUS_CHANGED, StatusEventType.INCIDENT_PUBLISHED);
        assertThat(events.get(0).getPreviousComponentStatus()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(events.get(0).getComponentStatus()).isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
        List<Notification> sent = notifications.readValuesToList();
        assertThat(sent)
                .extracting(Notification::getSubscriptionId)
                .containsExactly("sub-all", "sub-chat", "sub-incident");
        assertThat(sent).extracting(Notification::getLocale).containsExactly("en", "de", "ja");
        assertThat(sent.get(0).getSubject()).isEqualTo("New incident: Degraded performance of Chat");
        assertThat(sent).allSatisfy(n -> assertThat(n.getBody()).doesNotContain("internal title", "acme"));
        assertThat(registry.get("tocsin_notifications")
                        .tag("audience", "SUBSCRIBER")
                        .tag("kind", "change")
                        .counter()
                        .count())
                .isEqualTo(3);
        assertThat(registry.get("tocsin_status_events")
                        .tag("type", "INCIDENT_PUBLISHED")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void alertToStatusLatencyRunsFromTheIncidentsIngestTimeToItsStatusEvent() {
        pipeWithinBatch(incident("chat-0000aaaa", 1, Severity.SEV3, PublicStatus.INVESTIGATING, T0)
                .build());
        endBatch(); // the page interval later

        var latency = registry.get("tocsin.publisher.alert.to.status")
                .tag("type", "INCIDENT_PUBLISHED")
                .timer();
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo((double) options.pageInterval().toMillis());
        var componentLatency = registry.get("tocsin.publisher.alert.to.status")
                .tag("type", "COMPONENT_STATUS_CHANGED")
                .timer();
        assertThat(componentLatency.count())
                .as("the component went down because of the incident")
                .isEqualTo(1);
        assertThat(componentLatency.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo((double) options.pageInterval().toMillis());
        assertThat(registry.get("tocsin.publisher.alert.to.status")
                        .tag("type", "INCIDENT_UPDATED")
                        .timer()
                        .count())
                .as("present before the first update")
                .isZero();
    }

    @Test
    void severityChangeMovesTheComponentAndUpdatesTheIncident() {
        pipe(incident("chat-0000aaaa", 1, Severity.SEV3, PublicStatus.INVESTIGATING, T0)
                .build());
        statusEvents.readValuesToList();

        pipe(incident("chat-0000aaaa", 2, Severity.SEV1, PublicStatus.IDENTIFIED, T0.plusSeconds(60))
                .build());

        List<StatusEvent> events = statusEvents.readValuesToList();
        assertThat(events)
                .extracting(StatusEvent::getType)
                .containsExactly(StatusEventType.COMPONENT_STATUS_CHANGED, StatusEventType.INCIDENT_UPDATED);
        assertThat(events.get(0).getPreviousComponentStatus()).isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
        assertThat(events.get(0).getComponentStatus()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(events.get(1).getIncidentStatus()).isEqualTo(PublicStatus.IDENTIFIED);
    }

    @Test
    void resolvingTheIncidentReturnsTheComponentToOperational() {
        subscribe("sub-all", SubscriptionScope.ALL, null, "en");
        pipe(incident("chat-0000aaaa", 1, Severity.SEV2, PublicStatus.INVESTIGATING, T0)
                .build());
        statusEvents.readValuesToList();
        notifications.readValuesToList();

        pipe(incident("chat-0000aaaa", 2, Severity.SEV2, PublicStatus.RESOLVED, T0.plusSeconds(600))
                .setResolvedAt(T0.plusSeconds(600))
                .build());

        List<StatusEvent> events = statusEvents.readValuesToList();
        assertThat(events)
                .extracting(StatusEvent::getType)
                .containsExactly(StatusEventType.COMPONENT_STATUS_CHANGED, StatusEventType.INCIDENT_RESOLVED);
        assertThat(events.get(0).getComponentStatus()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(notifications.readValuesToList())
                .singleElement()
                .satisfies(n -> assertThat(n.getSubject()).startsWith("Resolved: "));
    }

    @Test
    void replayedAndOlderSnapshotsChangeNothingAndNotifyNobody() {
        subscribe("sub-all", SubscriptionScope.ALL, null, "en");
        Incident v1 = incident("chat-0000aaaa", 1, Severity.SEV3, PublicStatus.INVESTIGATING, T0)
                .build();
        Incident v2 = incident("chat-0000aaaa", 2, Severity.SEV2, PublicStatus.IDENTIFIED, T0.plusSeconds(60))
                .build();
        pipe(v1);
        pipe(v2);
        assertThat(statusEvents.readValuesToList()).hasSize(4);
        assertThat(notifications.readValuesToList()).hasSize(2);

        pipe(v1);
        pipe(v2);
        pipe(v2);

        assertThat(statusEvents.isEmpty()).isTrue();
        assertThat(notifications.isEmpty()).isTrue();
    }

    @Test
    void singleCustomerIncidentChangesNothingPublic() {
        subscribe("sub-all", SubscriptionScope.ALL, null, "en");

        pipe(incident("chat-0000aaaa", 1, Severity.SEV1, PublicStatus.INVESTIGATING, T0)
                .setScope(Scope.SINGLE_CUSTOMER)
                .build());

        assertThat(statusEvents.isEmpty()).isTrue();
        assertThat(notifications.isEmpty()).isTrue();
    }

    @Test
    void unclassifiedIncidentIsNeverPublicNorNotified() {
        subscribe("sub-all", SubscriptionScope.ALL, null, "en");
        subscribe("sub-unclassified", SubscriptionScope.PRODUCT, options.unclassifiedProduct(), "en");

        pipe(incident("unclassified-0000aaaa", 1, Severity.SEV1, PublicStatus.INVESTIGATING, T0)
                .setProduct(options.unclassifiedProduct())
                .build());

        assertThat(statusEvents.isEmpty()).isTrue();
        assertThat(notifications.isEmpty()).isTrue();
        assertThat(pageEvaluations()).as("not even part of the page's input").isZero();
        assertThat(registry.get("tocsin_publisher_withheld_incidents")
                        .tag("reason", "unclassified")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void incidentOfAProductThatIsNoConfiguredComponentIsNeverPublicNorNotified() {
        subscribe("sub-all", SubscriptionScope.ALL, null, "en");
        subscribe("sub-kafka", SubscriptionScope.PRODUCT, "kafka-broker-7", "en");

        pipe(incident("kafka-broker-7-0000aaaa", 1, Severity.SEV1, PublicStatus.INVESTIGATING, T0)
                .setProduct("kafka-broker-7")
                .build());

        assertThat(statusEvents.isEmpty())
                .as("no component, incident or indicator change")
                .isTrue();
        assertThat(notifications.isEmpty()).isTrue();
        assertThat(pageEvaluations()).as("not even part of the page's input").isZero();
        assertThat(registry.get("tocsin_publisher_withheld_incidents")
                        .tag("reason", "unknown-product")
                        .counter()
                        .count())
                .isEqualTo(1);

        pipe(incident("chat-0000aaaa", 1, Severity.SEV1, PublicStatus.INVESTIGATING, T0)
                .build());

        List<StatusEvent> events = statusEvents.readValuesToList();
        assertThat(events)
                .extracting(StatusEvent::getIncidentId)
                .contains("chat-0000aaaa")
                .doesNotContain("kafka-broker-7-0000aaaa");
        assertThat(events).extracting(StatusEvent::getComponent).doesNotContain("kafka-broker-7");
        assertThat(notifications.readValuesToList())
                .extracting(Notification::getSubscriptionId)
                .containsExactly("sub-all");
    }

    @Test
    void unpublishedPlatformIncidentDegradesTheComponentButIsNotAnnounced() {
        subscribe("sub-all", SubscriptionScope.ALL, null, "en");

        pipe(incident("chat-0000aaaa", 1, Severity.SEV2, PublicStatus.INVESTIGATING, T0)
                .setPublished(false)
                .build());

        assertThat(statusEvents.readValuesToList()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(StatusEventType.COMPONENT_STATUS_CHANGED);
            assertThat(e.getComponentStatus()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        });
        assertThat(notifications.isEmpty()).isTrue();
    }

    @Test
    void changesOlderThanTheNotifyAgeAreAnnouncedButNotifyNobody() {
        subscribe("sub-all", SubscriptionScope.ALL, null, "en");
        Instant threeDaysAgo = T0.minus(Duration.ofDays(3));

        pipe(incident("chat-0000aaaa", 1, Severity.SEV3, PublicStatus.INVESTIGATING, threeDaysAgo)
                .build());

        assertThat(statusEvents.readValuesToList())
                .extracting(StatusEvent::getType)
                .contains(StatusEventType.INCIDENT_PUBLISHED);
        assertThat(notifications.isEmpty()).isTrue();
        assertThat(registry.get("tocsin_notifications_withheld")
                        .tag("reason", "stale")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aStaleChangeThatSubscribersWouldHaveHeardOfIsRecordedWithheldWithItsReasonAndNoAddress() {
        subscribe("sub-all", SubscriptionScope.ALL, null, "en");
        subscribe("sub-chat", SubscriptionScope.PRODUCT, "chat", "de");
        Instant threeDaysAgo = T0.minus(Duration.ofDays(3));

        pipe(incident("chat-0000aaaa", 1, Severity.SEV3, PublicStatus.INVESTIGATING, threeDaysAgo)
                .build());

        StatusEvent published = statusEvents.readValuesToList().stream()
                .filter(e -> e.getType() == StatusEventType.INCIDENT_PUBLISHED)
                .findFirst()
                .orElseThrow();
        var records = withheld.readKeyValuesToList();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key).isEqualTo("chat-0000aaaa");
        WithheldNotification record = records.get(0).value;
        assertThat(record.getReason()).isEqualTo("stale");
        assertThat(record.getDetail()).contains("notify age");
        assertThat(record.getAudience()).isEqualTo(Audience.SUBSCRIBER);
        assertThat(record.getRecipients()).isEqualTo(2);
        assertThat(record.getIncidentId()).isEqualTo("chat-0000aaaa");
        assertThat(record.getEventId()).isEqualTo(published.getEventId());
        assertThat(record.getChangedAt()).isEqualTo(threeDaysAgo);
        assertThat(record.toString()).doesNotContain("@");
    }

    @Test
    void aStaleChangeNobodySubscribedToIsOnlyCountedAndAReplayedOneIsNeverRecorded() {
        pipe(incident("chat-0000aaaa", 1, Severity.SEV3, PublicStatus.INVESTIGATING, T0.minus(Duration.ofDays(3)))
                .build());
        assertThat(withheld.isEmpty())
                .as("no subscriber: nothing was withheld from anyone")
                .isTrue();

        subscribe("sub-all", SubscriptionScope.ALL, null, "en");
        Incident fresh = incident("chat-0000aaaa", 2, Severity.SEV2, PublicStatus.IDENTIFIED, T0.plusSeconds(60))
                .build();
        pipe(fresh);
        pipe(fresh);
        assertThat(notifications.readValuesToList()).hasSize(1);
        assertThat(withheld.isEmpty())
                .as("a replay is the design working: no record")
                .isTrue();
    }

    @Test
    void aStaleOperationsReminderIsRecordedWithheldWithItsChannelButNotItsAddress() {
        IncidentEvent due = IncidentEvent.newBuilder()
                .setEventId("ev-due-old")
                .setIncidentId("chat-0000aaaa")
                .setProduct("chat")
                .setType(IncidentEventType.UPDATE_DUE)
                .setAt(T0.minus(Duration.ofDays(3)))
                .setSlaClock(SlaClock.NEXT_UPDATE)
                .setDeadline(T0.minus(Duration.ofDays(3)))
                .build();

        incidentEvents.pipeInput(due.getIncidentId(), due, T0);

        assertThat(notifications.isEmpty()).isTrue();
        WithheldNotification record = withheld.readValue();
        assertThat(record.getReason()).isEqualTo("stale");
        assertThat(record.getAudience()).isEqualTo(Audience.OPERATIONS);
        assertThat(record.getChannel()).isEqualTo(NotificationChannel.EMAIL);
        assertThat(record.getEventId()).isEqualTo("ev-due-old");
        assertThat(record.toString()).doesNotContain("noc@example.com");
        assertThat(withheld.isEmpty()).isTrue();
    }

    @Test
    void maintenanceIsScheduledStartsOnTimeAndCompletes() {
        subscribe("sub-chat", SubscriptionScope.PRODUCT, "chat", "en");
        Instant start = T0.plus(Duration.ofMinutes(5));
        MaintenanceWindow window =
                window("mw-1", MaintenanceState.SCHEDULED, start, start.plus(Duration.ofHours(1)), T0);
        windows.pipeInput(window.getWindowId(), window, T0);

        assertThat(statusEvents.readValuesToList())
                .extracting(StatusEvent::getType)
                .containsExactly(StatusEventType.MAINTENANCE_SCHEDULED);
        assertThat(notifications.readValuesToList())
                .singleElement()
                .satisfies(n -> assertThat(n.getSubject()).isEqualTo("Scheduled maintenance: Database upgrade"));

        driver.advanceWallClockTime(Duration.ofMinutes(6));

        List<StatusEvent> started = statusEvents.readValuesToList();
        assertThat(started)
                .extracting(StatusEvent::getType)
                .containsExactly(StatusEventType.COMPONENT_STATUS_CHANGED, StatusEventType.MAINTENANCE_STARTED);
        assertThat(started.get(0).getComponentStatus()).isEqualTo(ComponentStatus.UNDER_MAINTENANCE);

        MaintenanceWindow completed = MaintenanceWindow.newBuilder(window)
                .setState(MaintenanceState.COMPLETED)
                .setUpdatedAt(T0.plus(Duration.ofMinutes(20)))
                .build();
        windows.pipeInput(completed.getWindowId(), completed, T0.plus(Duration.ofMinutes(20)));

        List<StatusEvent> done = statusEvents.readValuesToList();
        assertThat(done)
                .extracting(StatusEvent::getType)
                .containsExactly(StatusEventType.COMPONENT_STATUS_CHANGED, StatusEventType.MAINTENANCE_COMPLETED);
        assertThat(done.get(0).getComponentStatus()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(notifications.readValuesToList())
                .extracting(Notification::getSubject)
                .containsExactly(
                        "Maintenance in progress: Database upgrade", "Maintenance completed: Database upgrade");
    }

    @Test
    void deletedMaintenanceWindowLeavesThePage() {
        Instant start = T0.minus(Duration.ofMinutes(5));
        MaintenanceWindow window =
                window("mw-2", MaintenanceState.IN_PROGRESS, start, start.plus(Duration.ofHours(1)), T0);
        windows.pipeInput(window.getWindowId(), window, T0);
        assertThat(statusEvents.readValuesToList())
                .extracting(StatusEvent::getType)
                .contains(StatusEventType.MAINTENANCE_STARTED);

        windows.pipeInput(window.getWindowId(), null, T0.plusSeconds(30));

        assertThat(statusEvents.readValuesToList()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(StatusEventType.COMPONENT_STATUS_CHANGED);
            assertThat(e.getComponentStatus()).isEqualTo(ComponentStatus.OPERATIONAL);
        });
    }

    @Test
    void maintenanceReminderGoesOutOnceAWeekAheadToOperationsAndFollowers() {
        subscribe("sub-chat", SubscriptionScope.PRODUCT, "chat", "de");
        Instant start = T0.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(1));
        MaintenanceWindow window = window(
                "mw-3",
                MaintenanceState.SCHEDULED,
                start,
                start.plus(Duration.ofHours(6)),
                T0.minus(Duration.ofDays(20)));
        windows.pipeInput(window.getWindowId(), window, T0);
        notifications.readValuesToList(); // the announcement

        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(notifications.isEmpty())
                .as("eight days ahead: no reminder yet")
                .isTrue();

        driver.advanceWallClockTime(Duration.ofMinutes(2));
        List<Notification> reminders = notifications.readValuesToList();
        assertThat(reminders)
                .extracting(Notification::getAudience)
                .containsExactly(Audience.OPERATIONS, Audience.SUBSCRIBER);
        assertThat(reminders.get(0).getSubject()).isEqualTo("Reminder, scheduled maintenance: Database upgrade");
        assertThat(reminders.get(1).getSubject()).startsWith("Erinnerung");

        driver.advanceWallClockTime(Duration.ofMinutes(10));
        assertThat(notifications.isEmpty()).as("reminded once").isTrue();
    }

    @Test
    void updateDueAndSlaBreachBecomeOneOperationsReminderEach() {
        IncidentEvent due = IncidentEvent.newBuilder()
                .setEventId("ev-due-1")
                .setIncidentId("chat-0000aaaa")
                .setProduct("chat")
                .setType(IncidentEventType.UPDATE_DUE)
                .setAt(T0)
                .setSlaClock(SlaClock.NEXT_UPDATE)
                .setDeadline(T0)
                .build();
        IncidentEvent breached = IncidentEvent.newBuilder(due)
                .setEventId("ev-breach-1")
                .setType(IncidentEventType.SLA_BREACHED)
                .setSlaClock(SlaClock.RESTORE)
                .build();
        IncidentEvent attached = IncidentEvent.newBuilder(due)
                .setEventId("ev-attach-1")
                .setType(IncidentEventType.ALERT_ATTACHED)
                .build();

        incidentEvents.pipeInput(due.getIncidentId(), due, T0);
        incidentEvents.pipeInput(due.getIncidentId(), due, T0);
        incidentEvents.pipeInput(breached.getIncidentId(), breached, T0);
        incidentEvents.pipeInput(attached.getIncidentId(), attached, T0);

        List<Notification> sent = notifications.readValuesToList();
        assertThat(sent)
                .extracting(Notification::getSubject)
                .containsExactly("Status update due: incident chat-0000aaaa", "SLA breached: incident chat-0000aaaa");
        assertThat(sent).allSatisfy(n -> {
            assertThat(n.getAudience()).isEqualTo(Audience.OPERATIONS);
            assertThat(n.getAddress()).isEqualTo("noc@example.com");
        });
    }

    @Test
    void unchangedPublicProjectionIsIgnored() {
        subscribe("sub-all", SubscriptionScope.ALL, null, "en");
        pipe(incident("chat-0000aaaa", 1, Severity.SEV3, PublicStatus.INVESTIGATING, T0)
                .build());
        statusEvents.readValuesToList();
        notifications.readValuesToList();
        double evaluations = pageEvaluations();

        // an alert storm: new version, time, counters, alerts and internal notes, same public content
        pipe(incident("chat-0000aaaa", 2, Severity.SEV3, PublicStatus.INVESTIGATING, T0.plusSeconds(5))
                .setAlertCount(40)
                .setTitle("internal title: now 40 alerts")
                .build());
        pipe(incident("chat-0000aaaa", 3, Severity.SEV3, PublicStatus.INVESTIGATING, T0.plusSeconds(9))
                .setAlertCount(41)
                .setFlapCount(2)
                .build());

        assertThat(statusEvents.isEmpty()).isTrue();
        assertThat(notifications.isEmpty()).isTrue();
        assertThat(pageEvaluations()).isEqualTo(evaluations);
        assertThat(registry.get("tocsin_publisher_snapshots_ignored").counter().count())
                .isEqualTo(2);
        Incident stored = driver.<String, Incident>getKeyValueStore(PublisherStores.INCIDENTS)
                .get("chat-0000aaaa");
        assertThat(stored.getVersion()).isEqualTo(1);
        assertThat(stored.getTitle()).isEmpty();
    }

    @Test
    void internalNoteOnAPublicIncidentIsNeitherAnnouncedNorNotifiedNorShown() {
        subscribe("sub-all", SubscriptionScope.ALL, null, "en");
        TimelineEntry publicUpdate = TimelineEntry.newBuilder()
                .setAt(T0)
                .setType(IncidentEventType.UPDATE_POSTED)
                .setActor("alice.operator")
                .setMessage("We are investigating login failures.")
                .setIsPublic(true)
                .setStatus(PublicStatus.INVESTIGATING)
                .build();
        pipe(incident("chat-0000aaaa", 1, Severity.SEV3, PublicStatus.INVESTIGATING, T0)
                .setLatestPublicMessage(publicUpdate.getMessage())
                .setTimeline(List.of(publicUpdate))
                .build());
        statusEvents.readValuesToList();
        notifications.readValuesToList();

        // what the correlator writes for POST_UPDATE with internal: true
        TimelineEntry internalNote = TimelineEntry.newBuilder()
                .setAt(T0.plusSeconds(60))
                .setType(IncidentEventType.UPDATE_POSTED)
                .setActor("support@example.com")
                .setMessage("acme confirmed by phone, ticket 4711")
                .setIsPublic(false)
                .setStatus(PublicStatus.INVESTIGATING)
                .build();
        pipe(incident("chat-0000aaaa", 2, Severity.SEV3, PublicStatus.INVESTIGATING, T0.plusSeconds(60))
                .setLatestPublicMessage(publicUpdate.getMessage())
                .setTimeline(List.of(publicUpdate, internalNote))
                .build());

        assertThat(statusEvents.isEmpty()).isTrue();
        assertThat(notifications.isEmpty()).isTrue();
        Incident stored = driver.<String, Incident>getKeyValueStore(PublisherStores.INCIDENTS)
                .get("chat-0000aaaa");
        assertThat(stored.getTimeline())
                .extracting(TimelineEntry::getMessage)
                .containsExactly("We are investigating login failures.");
    }

    @Test
    void aBatchOfSnapshotsIsEvaluatedOnceWithOneComponentEventAndEveryIncidentEvent() {
        subscribe("sub-all", SubscriptionScope.ALL, null, "en");
        double evaluations = pageEvaluations();

        for (int n = 0; n < 5; n++) {
            pipeWithinBatch(
                    incident("chat-0000000" + n, 1, Severity.SEV2, PublicStatus.INVESTIGATING, T0.plusSeconds(n))
                            .build());
        }
        assertThat(statusEvents.isEmpty()).isTrue();
        endBatch();

        assertThat(pageEvaluations()).isEqualTo(evaluations + 1);
        List<StatusEvent> events = statusEvents.readValuesToList();
        assertThat(events)
                .extracting(StatusEvent::getType)
                .containsExactly(
                        StatusEventType.COMPONENT_STATUS_CHANGED,
                        StatusEventType.INCIDENT_PUBLISHED,
                        StatusEventType.INCIDENT_PUBLISHED,
                        StatusEventType.INCIDENT_PUBLISHED,
                        StatusEventType.INCIDENT_PUBLISHED,
                        StatusEventType.INCIDENT_PUBLISHED);
        assertThat(events.subList(1, events.size()))
                .extracting(StatusEvent::getIncidentId)
                .containsExactly("chat-00000000", "chat-00000001", "chat-00000002", "chat-00000003", "chat-00000004");
        assertThat(events.get(0).getComponentStatus()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(events.get(0).getAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(notifications.readValuesToList())
                .extracting(Notification::getIncidentId)
                .hasSize(5)
                .doesNotHaveDuplicates();
    }

    @Test
    void componentDownAndUpWithinOneBatchYieldsTheIncidentEventsButNoComponentEvent() {
        subscribe("sub-chat", SubscriptionScope.PRODUCT, "chat", "en");

        pipeWithinBatch(incident("chat-0000aaaa", 1, Severity.SEV1, PublicStatus.INVESTIGATING, T0)
                .build());
        pipeWithinBatch(incident("chat-0000aaaa", 2, Severity.SEV1, PublicStatus.RESOLVED, T0.plusSeconds(1))
                .setResolvedAt(T0.plusSeconds(1))
                .build());
        endBatch();

        assertThat(statusEvents.readValuesToList())
                .extracting(StatusEvent::getType)
                .containsExactly(StatusEventType.INCIDENT_PUBLISHED, StatusEventType.INCIDENT_RESOLVED);
        assertThat(notifications.readValuesToList())
                .extracting(Notification::getSubject)
                .containsExactly("New incident: Major outage of Chat", "Resolved: Major outage of Chat");
    }

    @Test
    void everyStoreAndProcessorIsNamedAndThePageHasOnePartition() {
        TopologyDescription description = topology.describe();
        assertThat(description.toString())
                .contains(
                        PublisherStores.INCIDENTS,
                        PublisherStores.MAINTENANCE,
                        PublisherStores.CLOCK,
                        PublisherStores.SENT,
                        PublisherStores.REMINDERS_SENT,
                        PublisherStores.SUBSCRIPTIONS,
                        PublisherStores.UPTIME_DAYS)
                .contains("page-incidents-repartition", "page-maintenance-windows-repartition")
                .doesNotContain("KSTREAM-", "KTABLE-");
    }

    @Test
    void componentStatusHistoryGoesToTheDailyTopicOnEachChangeAndNotOnEveryEvaluation() {
        var daily = driver.createOutputTopic(
                topics.componentDaily().name(),
                topics.componentDaily().keySerde().deserializer(),
                topics.componentDaily().valueSerde().deserializer());
        pipe(incident("chat-0000aaaa", 1, Severity.SEV1, PublicStatus.INVESTIGATING, T0)
                .build());
        Map<String, ComponentDay> opened = daily.readKeyValuesToMap();
        assertThat(opened.values()).singleElement().satisfies(day -> {
            assertThat(day.getComponent()).isEqualTo("chat");
            assertThat(day.getStatus()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        });
        Instant openedAt = opened.values().iterator().next().getCountedUntil();

        pipe(incident("chat-0000aaaa", 2, Severity.SEV1, PublicStatus.RESOLVED, T0.plusSeconds(600))
                .setResolvedAt(T0.plusSeconds(600))
                .build());
        Map<String, ComponentDay> afterResolution = daily.readKeyValuesToMap();
        assertThat(afterResolution).allSatisfy((key, day) -> assertThat(key).isEqualTo(DailyUptime.key(day)));
        assertThat(afterResolution.values().stream()
                        .mapToLong(ComponentDay::getMajorOutageSeconds)
                        .sum())
                .as("the outage from the page's first evaluation to the resolution")
                .isEqualTo(java.time.Duration.between(openedAt, T0.plusSeconds(600))
                        .toSeconds());
        ComponentDay latest = afterResolution.values().stream()
                .max(java.util.Comparator.comparing(ComponentDay::getDay))
                .orElseThrow();
        assertThat(latest.getStatus()).isEqualTo(ComponentStatus.OPERATIONAL);

        driver.advanceWallClockTime(CLOCK.multipliedBy(3)); // evaluations without a change
        if (DailyUptime.dayOf(T0).equals(DailyUptime.dayOf(T0.plus(Duration.ofMinutes(15))))) {
            assertThat(daily.isEmpty()).as("nothing changed and no day ended").isTrue();
        }
    }

    /** One snapshot, then the page interval passes (the page is evaluated once per batch of changes). */
    @Test
    void aTombstoneOfAnIncidentTheCorrelatorForgotIsIgnoredAndThePageKeepsItsOwnHistory() {
        pipe(incident("chat-0000aaaa", 1, Severity.SEV3, PublicStatus.INVESTIGATING, T0)
                .build());
        pipe(incident("chat-0000aaaa", 2, Severity.SEV3, PublicStatus.RESOLVED, T0.plusSeconds(600))
                .setResolvedAt(T0.plusSeconds(600))
                .build());
        statusEvents.readValuesToList();
        notifications.readValuesToList();
        var deadLetters = driver.createOutputTopic(
                topics.deadLetters().name(),
                topics.deadLetters().keySerde().deserializer(),
                topics.deadLetters().valueSerde().deserializer());

        incidents.pipeInput("chat-0000aaaa", null, T0.plusSeconds(700)); // the correlator's retention pruned it
        endBatch();

        assertThat(statusEvents.readValuesToList()).isEmpty();
        assertThat(notifications.readValuesToList()).isEmpty();
        assertThat(deadLetters.readValuesToList()).isEmpty();
        Incident kept = driver.<String, Incident>getKeyValueStore(PublisherStores.INCIDENTS)
                .get("chat-0000aaaa");
        assertThat(kept).as("the public page's own history window decides").isNotNull();
        assertThat(kept.getStatus()).isEqualTo(PublicStatus.RESOLVED);
    }

    private void pipe(Incident incident) {
        pipeWithinBatch(incident);
        endBatch();
    }

    private void pipeWithinBatch(Incident incident) {
        incidents.pipeInput(incident.getIncidentId(), incident, incident.getUpdatedAt());
    }

    private void endBatch() {
        driver.advanceWallClockTime(options.pageInterval());
    }

    private double pageEvaluations() {
        var counter = registry.find("tocsin_publisher_page_evaluations").counter();
        return counter == null ? 0 : counter.count();
    }

    private void subscribe(String id, SubscriptionScope scope, String target, String locale) {
        subscriptions.pipeInput(
                id,
                Subscription.newBuilder()
                        .setSubscriptionId(id)
                        .setScope(scope)
                        .setTarget(target)
                        .setChannel(NotificationChannel.EMAIL)
                        .setAddress(id + "@example.com")
                        .setLocale(locale)
                        .setCreatedAt(T0)
                        .build(),
                T0);
    }

    private static Incident.Builder incident(
            String id, long version, Severity severity, PublicStatus status, Instant at) {
        return Incident.newBuilder()
                .setIncidentId(id)
                .setProduct("chat")
                .setTitle("internal title: acme corp cannot log in")
                .setSeverity(severity)
                .setScope(Scope.PLATFORM)
                .setStatus(status)
                .setPublished(true)
                .setOpenedAt(T0.isBefore(at) ? T0 : at)
                .setUpdatedAt(at)
                .setAffectedOrganizations(List.of("acme"))
                .setTimeline(List.of(TimelineEntry.newBuilder()
                        .setAt(at)
                        .setType(IncidentEventType.OTHER)
                        .setMessage("internal: acme escalated " + UUID.randomUUID())
                        .setIsPublic(false)
                        .build()))
                .setVersion(version);
    }

    private static MaintenanceWindow window(
            String id, MaintenanceState state, Instant start, Instant end, Instant updatedAt) {
        return MaintenanceWindow.newBuilder()
                .setWindowId(id)
                .setProducts(List.of("chat"))
                .setTitle("Database upgrade")
                .setDescription("Short read-only period.")
                .setReason("Security patches.")
                .setStartsAt(start)
                .setEndsAt(end)
                .setState(state)
                .setUpdatedAt(updatedAt)
                .build();
    }
}
