package dev.tocsin.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.ReportChannel;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.avro.Weekday;
import dev.tocsin.avro.WeeklyRecurrence;
import dev.tocsin.correlator.domain.Policy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The correlator topology driven record by record, punctuators by hand. */
class CorrelatorTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z"); // a Monday morning
    private static final Duration CLOCK = Duration.ofSeconds(10);
    private static final Duration SNAPSHOTS = Duration.ofMillis(100);

    @TempDir
    Path stateDir;

    /** Remembers one organization per incident, so the second goes through the store's organization index. */
    private final Policy policy = Policy.parse("limits:\n  trackedOrganizations: 1\n", "test policy");

    private CorrelatorDriver correlator;
    private TopologyTestDriver driver;
    private TestInputTopic<String, MonitoringAlert> alerts;
    private TestInputTopic<String, CustomerReport> reports;
    private TestInputTopic<String, IncidentCommand> commands;
    private TestOutputTopic<String, Incident> incidents;
    private TestOutputTopic<String, IncidentEvent> events;
    private TestOutputTopic<String, TicketUpdate> ticketUpdates;
    private Topology topology;

    @BeforeEach
    void build() {
        correlator = new CorrelatorDriver(policy, stateDir, T0, CLOCK, SNAPSHOTS);
        topology = correlator.topology;
        driver = correlator.driver;
        alerts = correlator.input(correlator.topics.alerts());
        reports = correlator.input(correlator.topics.customerReports());
        commands = correlator.input(correlator.topics.incidentCommands());
        incidents = correlator.output(correlator.topics.incidents());
        events = correlator.output(correlator.topics.incidentEvents());
        ticketUpdates = correlator.output(correlator.topics.ticketUpdates());
    }

    @AfterEach
    void close() {
        correlator.close();
    }

    @Test
    void everyStoreIsNamedAndChangeloggedUnderItsConstantName() {
        String description = topology.describe().toString();
        assertThat(description)
                .contains(
                        CorrelatorStores.ALERTS,
                        CorrelatorStores.INCIDENTS,
                        CorrelatorStores.TRACKING,
                        CorrelatorStores.PRODUCTS,
                        CorrelatorStores.TICKETS,
                        CorrelatorStores.INCIDENT_TICKETS,
                        CorrelatorStores.INCIDENT_ORGANIZATIONS,
                        CorrelatorStores.MAINTENANCE,
                        CorrelatorStores.TICKET_OWNERS,
                        CorrelatorTopology.CORRELATE,
                        CorrelatorTopology.ROUTE_REPORTS);
        assertThat(driver.producedTopicNames()).isEmpty(); // nothing written before input
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1", AlertStatus.FIRING), T0));
        assertThat(driver.producedTopicNames())
                .contains(
                        "tocsin-incident-correlator-" + CorrelatorStores.INCIDENTS + "-changelog",
                        "tocsin-incident-correlator-" + CorrelatorStores.ALERTS + "-changelog");
        reports.pipeInput(new TestRecord<>("chat", report("T-1", "org-1", "Chat slow"), T0));
        assertThat(driver.producedTopicNames())
                .contains(
                        "tocsin-incident-correlator-" + CorrelatorStores.REPORTS_BY_TICKET + "-repartition",
                        "tocsin-incident-correlator-" + CorrelatorStores.TICKET_OWNERS + "-changelog");
    }

    @Test
    void firstAlertOpensAnIncidentKeyedByItsIdAndRepeatsDoNotOpenAnother() {
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1", AlertStatus.FIRING), T0));
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1", AlertStatus.FIRING), T0.plusSeconds(30)));
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-2", AlertStatus.FIRING), T0.plusSeconds(60)));
        writePendingSnapshots();

        List<TestRecord<String, Incident>> snapshots = incidents.readRecordsToList();
        assertThat(snapshots).isNotEmpty();
        assertThat(snapshots)
                .extracting(TestRecord::key)
                .containsOnly(snapshots.get(0).key());
        assertThat(snapshots.get(0).key()).matches("chat-[0-9a-f]{8}");
        Incident latest = snapshots.get(snapshots.size() - 1).value();
        assertThat(latest.getStatus()).isEqualTo(PublicStatus.INVESTIGATING);
        assertThat(latest.getAlertCount()).isEqualTo(2);
        assertThat(events.readValuesToList())
                .extracting(IncidentEvent::getType)
                .contains(IncidentEventType.OPENED)
                .filteredOn(t -> t == IncidentEventType.OPENED)
                .hasSize(1);
    }

    @Test
    void anUnclassifiedAlertOpensAnIncidentOfTheUnclassifiedProductThatTheQueryStoreHolds() {
        MonitoringAlert unclassified = MonitoringAlert.newBuilder(alert("fp-u", AlertStatus.FIRING))
                .setProduct("unclassified")
                .setComponent(null)
                .setRegion(null)
                .build();
        alerts.pipeInput(new TestRecord<>("unclassified", unclassified, T0));
        writePendingSnapshots();

        String incidentId = incidents.readRecordsToList().get(0).key();
        assertThat(incidentId).matches("unclassified-[0-9a-f]{8}");
        // what GET /api/v1/incidents?product=unclassified lists: the incidents store, filtered by product
        KeyValueStore<String, Incident> store = driver.getKeyValueStore(CorrelatorStores.INCIDENTS);
        assertThat(store.get(incidentId).getProduct()).isEqualTo("unclassified");
    }

    @Test
    void reportForProductWithOpenIncidentIsLinkedWithTheIncidentsStatus() {
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1", AlertStatus.FIRING), T0));
        String incidentId = incidents.readRecordsToList().get(0).key();

        reports.pipeInput(
                new TestRecord<>("chat", report("T-1", "org-1", "Chat messages arrive late"), T0.plusSeconds(120)));

        List<TicketUpdate> updates = ticketUpdates.readValuesToList();
        assertThat(updates).singleElement().satisfies(update -> {
            assertThat(update.getTicketId()).isEqualTo("T-1");
            assertThat(update.getTriageOutcome()).isEqualTo(TriageOutcome.LINKED);
            assertThat(update.getIncidentId()).isEqualTo(incidentId);
            assertThat(update.getIncidentStatus()).isEqualTo(PublicStatus.INVESTIGATING);
        });
    }

    @Test
    void secondTicketOfAnOrganizationBeyondTheTrackedOnesIsFoundThroughTheIndexAndMarkedDuplicate() {
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1", AlertStatus.FIRING), T0));
        reports.pipeInput(new TestRecord<>("chat", report("T-1", "org-1", "Chat slow"), T0.plusSeconds(60)));
        reports.pipeInput(
                new TestRecord<>("chat", report("T-2", "org-2", "Chat slow for us too"), T0.plusSeconds(120)));
        reports.pipeInput(new TestRecord<>("chat", report("T-3", "org-2", "Still slow"), T0.plusSeconds(180)));

        assertThat(ticketUpdates.readValuesToList())
                .filteredOn(u -> u.getTicketId().equals("T-3"))
                .singleElement()
                .satisfies(u -> assertThat(u.getDuplicateOf()).isEqualTo("T-2"));
    }

    @Test
    void aTicketReclassifiedToAnotherProductMovesToItsIncidentOnceAndLeavesTheOldIncident() {
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1", AlertStatus.FIRING), T0));
        alerts.pipeInput(new TestRecord<>(
                "voice",
                MonitoringAlert.newBuilder(alert("fp-v", AlertStatus.FIRING))
                        .setProduct("voice")
                        .build(),
                T0));
        List<Incident> opened = incidents.readValuesToList();
        String chatIncident = opened.get(0).getIncidentId();
        String voiceIncident = opened.get(1).getIncidentId();
        reports.pipeInput(new TestRecord<>("chat", report("T-1", "org-1", "Calls and chat fail"), T0.plusSeconds(60)));

        // support re-categorised the ticket: the ticket system re-sends it with the new product
        CustomerReport reclassified = CustomerReport.newBuilder(report("T-1", "org-1", "Calls and chat fail"))
                .setProduct("voice")
                .build();
        reports.pipeInput(new TestRecord<>("voice", reclassified, T0.plusSeconds(120)));
        reports.pipeInput(new TestRecord<>("voice", reclassified, T0.plusSeconds(180))); // and again on the next edit
        writePendingSnapshots();

        assertThat(ticketUpdates.readValuesToList())
                .extracting(TicketUpdate::getKind, TicketUpdate::getIncidentId)
                .containsExactly(
                        tuple(TicketUpdateKind.TRIAGED, chatIncident),
                        tuple(TicketUpdateKind.UNLINKED, chatIncident),
                        tuple(TicketUpdateKind.TRIAGED, voiceIncident));
        java.util.Map<String, Incident> latest = new java.util.HashMap<>();
        incidents.readValuesToList().forEach(i -> latest.put(i.getIncidentId(), i));
        assertThat(latest.get(chatIncident).getTicketCount()).isZero();
        assertThat(latest.get(chatIncident).getOrganizationCount()).isZero();
        assertThat(latest.get(voiceIncident).getTicketCount()).isEqualTo(1);
        assertThat(latest.get(voiceIncident).getOrganizationCount()).isEqualTo(1);
        KeyValueStore<String, dev.tocsin.correlator.state.TicketRecord> tickets =
                driver.getKeyValueStore(CorrelatorStores.TICKETS);
        assertThat(tickets.get("T-1").getIncidentId()).isEqualTo(voiceIncident);
        assertThat(correlator
                        .metrics
                        .registry()
                        .get("tocsin_correlator_tickets_moved")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(driver.producedTopicNames())
                .contains("tocsin-incident-correlator-" + CorrelatorStores.TICKET_MOVES + "-repartition");

        commands.pipeInput(new TestRecord<>(
                "chat", command(chatIncident, CommandType.RESOLVE, T0.plusSeconds(240)), T0.plusSeconds(240)));
        assertThat(ticketUpdates.readValuesToList())
                .as("the old incident's resolution no longer reaches the ticket")
                .isEmpty();
    }

    @Test
    void wallClockPunctuatorMovesAQuietIncidentToMonitoringThenResolved() {
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1", AlertStatus.FIRING), T0));
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1", AlertStatus.RESOLVED), T0.plusSeconds(60)));
        incidents.readRecordsToList();

        driver.advanceWallClockTime(
                Duration.ofSeconds(60).plus(policy.quietBeforeMonitoring()).plus(CLOCK));
        writePendingSnapshots();
        assertThat(lastStatus()).isEqualTo(PublicStatus.MONITORING);

        driver.advanceWallClockTime(policy.quietBeforeResolved().plus(CLOCK));
        writePendingSnapshots();
        assertThat(lastStatus()).isEqualTo(PublicStatus.RESOLVED);
    }

    @Test
    void anAlertStampedHoursAheadOfTheWallClockCountsAtWallClockPlusTheTolerance() {
        Instant fastClock = T0.plus(Duration.ofHours(2)); // the wall clock of the driver is T0
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1", AlertStatus.FIRING), fastClock));

        Instant clamped = T0.plus(CorrelatorDriver.CLOCK_SKEW_TOLERANCE);
        TestRecord<String, Incident> opened = incidents.readRecordsToList().get(0);
        assertThat(opened.value().getOpenedAt())
                .as("the incident opens at the clamped time, not 2 h ahead")
                .isEqualTo(clamped);
        assertThat(opened.getRecordTime()).isEqualTo(clamped);
        assertThat(events.readRecordsToList())
                .filteredOn(e -> e.value().getType() == IncidentEventType.OPENED)
                .singleElement()
                .satisfies(e -> assertThat(e.getRecordTime()).isEqualTo(clamped));
        assertThat(correlator
                        .metrics
                        .registry()
                        .find("tocsin_correlator_event_time_clamped")
                        .counter()
                        .count())
                .isEqualTo(1.0);

        // resolved by the same fast producer: the quiet period runs from the clamped time, on the wall clock
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1", AlertStatus.RESOLVED), fastClock.plusSeconds(60)));
        incidents.readRecordsToList();
        driver.advanceWallClockTime(
                Duration.ofSeconds(60).plus(policy.quietBeforeMonitoring()).plus(CLOCK));
        writePendingSnapshots();
        assertThat(lastStatus()).isEqualTo(PublicStatus.MONITORING);
    }

    @Test
    void snapshotsOfOneIncidentWithinOneIntervalAreCoalesced() {
        for (int n = 0; n < 20; n++) {
            alerts.pipeInput(new TestRecord<>("chat", alert("fp-" + n, AlertStatus.FIRING), T0.plusSeconds(n)));
        }
        assertThat(incidents.readValuesToList())
                .as("within the interval: only the opening snapshot")
                .singleElement()
                .satisfies(opened -> assertThat(opened.getAlertCount()).isEqualTo(1));

        writePendingSnapshots();
        assertThat(incidents.readValuesToList())
                .as("at the interval's end: the latest snapshot, once")
                .singleElement()
                .satisfies(latest -> assertThat(latest.getAlertCount()).isEqualTo(20));

        writePendingSnapshots();
        assertThat(incidents.readValuesToList()).as("nothing pending any more").isEmpty();
    }

    @Test
    void anIncidentThatOpensAndResolvesWithinOneIntervalWritesBothSnapshotsInOrder() {
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1", AlertStatus.FIRING), T0));
        List<Incident> written = new ArrayList<>(incidents.readValuesToList());
        String incidentId = written.get(0).getIncidentId();
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-2", AlertStatus.FIRING), T0.plusSeconds(1)));
        commands.pipeInput(new TestRecord<>(
                "chat", command(incidentId, CommandType.RESOLVE, T0.plusSeconds(2)), T0.plusSeconds(2)));
        writePendingSnapshots();
        written.addAll(incidents.readValuesToList());

        assertThat(written)
                .extracting(Incident::getStatus)
                .containsExactly(PublicStatus.INVESTIGATING, PublicStatus.RESOLVED);
        assertThat(written.get(1).getAlertCount())
                .as("the resolved snapshot carries the churn before it")
                .isEqualTo(2);
    }

    @Test
    void aPostUpdateRetriedWithTheSameCommandIdIsPostedOnceAndCountedAsDuplicate() {
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1", AlertStatus.FIRING), T0));
        String incidentId = incidents.readValuesToList().get(0).getIncidentId();
        events.readValuesToList();
        IncidentCommand update = IncidentCommand.newBuilder(
                        command(incidentId, CommandType.POST_UPDATE, T0.plusSeconds(2)))
                .setCommandId("idem-upd-42")
                .setMessage("Fix rolling out")
                .build();

        commands.pipeInput(new TestRecord<>("chat", update, T0.plusSeconds(2)));
        commands.pipeInput(new TestRecord<>(
                "chat",
                IncidentCommand.newBuilder(update)
                        .setIssuedAt(T0.plusSeconds(5))
                        .build(),
                T0.plusSeconds(5)));

        assertThat(events.readValuesToList())
                .extracting(IncidentEvent::getType)
                .containsExactly(IncidentEventType.UPDATE_POSTED);
        assertThat(correlator
                        .metrics
                        .registry()
                        .get("tocsin_correlator_duplicate_commands")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void lifecycleChangesAreWrittenAtOnceInOrderAndEventsAreNotHeldBack() {
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1", AlertStatus.FIRING), T0));
        List<Incident> written = new ArrayList<>(incidents.readValuesToList());
        String incidentId = written.get(0).getIncidentId();
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-2", AlertStatus.FIRING), T0.plusSeconds(1)));
        commands.pipeInput(new TestRecord<>(
                "chat", command(incidentId, CommandType.RESOLVE, T0.plusSeconds(2)), T0.plusSeconds(2)));
        commands.pipeInput(new TestRecord<>(
                "chat", command(incidentId, CommandType.REOPEN, T0.plusSeconds(3)), T0.plusSeconds(3)));

        // no interval has ended: every lifecycle change is out already, in order; the churn in between is not
        written.addAll(incidents.readValuesToList());
        assertThat(written)
                .extracting(Incident::getStatus)
                .as("down, up, down again")
                .containsExactly(PublicStatus.INVESTIGATING, PublicStatus.RESOLVED, PublicStatus.INVESTIGATING);
        assertThat(written).extracting(Incident::getVersion).isSorted();

        List<IncidentEvent> decided = events.readValuesToList();
        assertThat(decided)
                .extracting(IncidentEvent::getType)
                .as("every event, as decided, without waiting")
                .containsSubsequence(
                        IncidentEventType.OPENED,
                        IncidentEventType.ALERT_ATTACHED,
                        IncidentEventType.RESOLVED,
                        IncidentEventType.REOPENED);
        assertThat(decided).extracting(IncidentEvent::getIncidentVersion).isSorted();
    }

    @Test
    void alertInsideAnOccurrenceOfARecurringWindowIsSuppressedAndOutsideItOpensAnIncident() {
        // every Monday 10:00-11:00 Berlin time (T0 is Monday 09:00Z = 10:00 CET)
        MaintenanceWindow weekly = MaintenanceWindow.newBuilder()
                .setWindowId("mw-weekly")
                .setProducts(List.of("chat"))
                .setTitle("weekly database patching")
                .setStartsAt(T0.minus(Duration.ofDays(30)))
                .setEndsAt(T0.plus(Duration.ofDays(365)))
                .setState(MaintenanceState.SCHEDULED)
                .setUpdatedAt(T0.minus(Duration.ofDays(30)))
                .setRecurrence(new WeeklyRecurrence(List.of(Weekday.MONDAY), "10:00", 60, "Europe/Berlin"))
                .build();
        correlator
                .input(correlator.topics.maintenanceWindows())
                .pipeInput(new TestRecord<>("mw-weekly", weekly, T0.minus(Duration.ofDays(30))));

        Instant nextWeekInside = T0.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(10));
        driver.advanceWallClockTime(
                Duration.between(T0, nextWeekInside)); // event time is never ahead of the wall clock
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-in", AlertStatus.FIRING), nextWeekInside));
        writePendingSnapshots();
        assertThat(incidents.readValuesToList())
                .as("inside the occurrence: suppressed")
                .isEmpty();

        Instant sameDayAfter = T0.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(61));
        driver.advanceWallClockTime(Duration.between(nextWeekInside, sameDayAfter));
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-out", AlertStatus.FIRING), sameDayAfter));
        writePendingSnapshots();
        assertThat(incidents.readValuesToList())
                .as("after the occurrence: an incident")
                .isNotEmpty()
                .allSatisfy(incident -> assertThat(incident.getProduct()).isEqualTo("chat"));
    }

    /** Ends the current coalescing interval: pending snapshots are written. */
    private void writePendingSnapshots() {
        driver.advanceWallClockTime(SNAPSHOTS);
    }

    private PublicStatus lastStatus() {
        List<Incident> changed = incidents.readValuesToList();
        assertThat(changed).as("an incident snapshot after the punctuation").isNotEmpty();
        return changed.get(changed.size() - 1).getStatus();
    }

    private static MonitoringAlert alert(String fingerprint, AlertStatus status) {
        return MonitoringAlert.newBuilder()
                .setAlertId(fingerprint + "-" + status)
                .setFingerprint(fingerprint)
                .setSource(AlertSource.ALERTMANAGER)
                .setSourceName("test")
                .setStatus(status)
                .setProduct("chat")
                .setComponent("api")
                .setRegion("eu-1")
                .setSignal(Signal.LATENCY)
                .setSeverityHint(SeverityHint.HIGH)
                .setSummary("latency high")
                .setStartsAt(T0)
                .setReceivedAt(T0)
                .build();
    }

    private static IncidentCommand command(String incidentId, CommandType type, Instant at) {
        return IncidentCommand.newBuilder()
                .setCommandId(type + "-" + at.toEpochMilli())
                .setIncidentId(incidentId)
                .setProduct("chat")
                .setType(type)
                .setActor("operator")
                .setReason("test")
                .setIssuedAt(at)
                .build();
    }

    private static CustomerReport report(String ticketId, String organization, String subject) {
        return CustomerReport.newBuilder()
                .setTicketId(ticketId)
                .setSource("portal")
                .setOrganizationId(organization)
                .setProduct("chat")
                .setSubject(subject)
                .setCustomerPriority(CustomerPriority.P4)
                .setChannel(ReportChannel.PORTAL)
                .setCreatedAt(T0)
                .setReceivedAt(T0)
                .build();
    }
}
