package dev.tocsin.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.ReportChannel;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.correlator.domain.Policy;
import dev.tocsin.correlator.domain.Retention;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TicketOwner;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pruner under the wall clock: resolved history goes (with a tombstone), open incidents stay. */
class RetentionTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration CLOCK = Duration.ofSeconds(10);
    private static final Duration SNAPSHOTS = Duration.ofMillis(100);
    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);

    @TempDir
    Path stateDir;

    private CorrelatorDriver correlator;
    private TopologyTestDriver driver;
    private TestInputTopic<String, MonitoringAlert> alerts;
    private TestInputTopic<String, CustomerReport> reports;
    private TestInputTopic<String, IncidentCommand> commands;
    private TestOutputTopic<String, Incident> incidents;
    private Instant wallClock = T0;

    private void start(int batch) {
        correlator = new CorrelatorDriver(
                Policy.defaults(),
                stateDir,
                T0,
                CLOCK,
                SNAPSHOTS,
                Retention.defaults(),
                new PruneSchedule(PRUNE_INTERVAL, batch));
        driver = correlator.driver;
        alerts = correlator.input(correlator.topics.alerts());
        reports = correlator.input(correlator.topics.customerReports());
        commands = correlator.input(correlator.topics.incidentCommands());
        incidents = correlator.output(correlator.topics.incidents());
    }

    @AfterEach
    void close() {
        correlator.close();
    }

    @Test
    void aResolvedIncidentIsPrunedWithItsAlertsTrackingAndTicketsAndTombstonedWhileAnOpenOneIsUntouched() {
        start(1000);
        String resolved = openIncident("chat", "fp-1");
        String open = openIncident("mail", "fp-9");
        reports.pipeInput(new TestRecord<>("chat", report("T-1", "org-1"), at(Duration.ofMinutes(2))));
        resolve("chat", resolved, "fp-1", Duration.ofMinutes(5));
        Instant resolvedAt =
                store(CorrelatorStores.INCIDENTS, Incident.class).get(resolved).getResolvedAt();
        assertThat(store(CorrelatorStores.TICKETS, TicketRecord.class)
                        .get("T-1")
                        .getIncidentId())
                .isEqualTo(resolved);
        incidents.readRecordsToList();

        advanceTo(resolvedAt.plus(Duration.ofDays(30)).minus(PRUNE_INTERVAL));
        assertThat(store(CorrelatorStores.INCIDENTS, Incident.class).get(resolved))
                .as("kept inside the retention")
                .isNotNull();
        assertThat(incidents.readRecordsToList()).extracting(TestRecord::value).doesNotContainNull();

        advanceTo(resolvedAt.plus(Duration.ofDays(30)).plus(PRUNE_INTERVAL));

        List<TestRecord<String, Incident>> written = incidents.readRecordsToList();
        assertThat(written)
                .filteredOn(r -> r.value() == null)
                .extracting(TestRecord::key)
                .containsExactly(resolved);
        assertThat(store(CorrelatorStores.INCIDENTS, Incident.class).get(resolved))
                .isNull();
        assertThat(store(CorrelatorStores.TRACKING, IncidentTracking.class).get(resolved))
                .isNull();
        assertThat(store(CorrelatorStores.ALERTS, TrackedAlert.class).get(CorrelatorStores.alertKey("chat", "fp-1")))
                .isNull();
        assertThat(store(CorrelatorStores.TICKETS, TicketRecord.class).get("T-1"))
                .isNull();
        assertThat(store(CorrelatorStores.INCIDENT_TICKETS, String.class)
                        .get(CorrelatorStores.incidentTicketKey(resolved, "T-1")))
                .isNull();
        assertThat(store(CorrelatorStores.PRODUCTS, ProductIndex.class)
                        .get("chat")
                        .getDueAt())
                .doesNotContainKey(resolved);

        Incident stillOpen = store(CorrelatorStores.INCIDENTS, Incident.class).get(open);
        assertThat(stillOpen.getStatus()).isNotEqualTo(PublicStatus.RESOLVED);
        assertThat(store(CorrelatorStores.ALERTS, TrackedAlert.class).get(CorrelatorStores.alertKey("mail", "fp-9")))
                .isNotNull();
        assertThat(store(CorrelatorStores.TRACKING, IncidentTracking.class).get(open))
                .isNotNull();
        assertThat(correlator
                        .metrics
                        .registry()
                        .get("tocsin_correlator_pruned")
                        .tag("store", CorrelatorStores.INCIDENTS)
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void anIncidentRestoredFromAVersionBeforeWrittenLifecyclesIsStillPrunedAfterTheRetention() {
        start(1000);
        String restored = openIncident("chat", "fp-1");
        resolve("chat", restored, "fp-1", Duration.ofMinutes(5));
        Instant resolvedAt =
                store(CorrelatorStores.INCIDENTS, Incident.class).get(restored).getResolvedAt();
        // an older version's changelog restores the incident but no written-lifecycles entry for it
        store(CorrelatorStores.WRITTEN_LIFECYCLES, String.class).delete(restored);
        incidents.readRecordsToList();

        advanceTo(resolvedAt.plus(Duration.ofDays(30)).plus(PRUNE_INTERVAL));

        assertThat(incidents.readRecordsToList())
                .filteredOn(r -> r.value() == null)
                .extracting(TestRecord::key)
                .containsExactly(restored);
        assertThat(store(CorrelatorStores.INCIDENTS, Incident.class).get(restored))
                .isNull();
    }

    @Test
    void aQuietTicketsOwnerIsForgottenAfterTheTicketRetentionPlusTheCaseReopenWindowAndCounted() {
        start(1000);
        reports.pipeInput(new TestRecord<>("chat", report("T-1", "org-1"), T0));
        advanceTo(T0.plus(Duration.ofDays(20)));
        reports.pipeInput(new TestRecord<>("chat", report("T-2", "org-2"), T0));
        reports.pipeInput(new TestRecord<>("chat", report("T-2", "org-2"), wallClock)); // T-2 is reported again
        KeyValueStore<String, TicketOwner> owners = store(CorrelatorStores.TICKET_OWNERS, TicketOwner.class);
        Instant forgetT1At = T0.plus(Duration.ofDays(30)).plus(Retention.CASE_REOPEN_WINDOW);

        advanceTo(forgetT1At.minus(PRUNE_INTERVAL));
        assertThat(owners.get("T-1"))
                .as("kept while a product may still hold the ticket")
                .isNotNull();

        advanceTo(forgetT1At.plus(PRUNE_INTERVAL));
        assertThat(owners.get("T-1")).isNull();
        assertThat(owners.get("T-2")).as("quiet only since its second report").isNotNull();
        assertThat(correlator
                        .metrics
                        .registry()
                        .get("tocsin_correlator_pruned")
                        .tag("store", CorrelatorStores.TICKET_OWNERS)
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void eachTickLooksAtABoundedSliceAndResumesWhereThePreviousStopped() {
        start(1);
        String chat = openIncident("chat", "fp-1");
        String mail = openIncident("mail", "fp-2");
        String news = openIncident("news", "fp-3");
        resolve("chat", chat, "fp-1", Duration.ofMinutes(5));
        resolve("news", news, "fp-3", Duration.ofMinutes(6));
        Instant pastRetention = T0.plus(Duration.ofDays(31));
        KeyValueStore<String, Incident> stored = store(CorrelatorStores.INCIDENTS, Incident.class);

        advanceTo(pastRetention); // one tick: one incident looked at
        assertThat(java.util.stream.Stream.of(chat, news).filter(id -> stored.get(id) != null))
                .as("both are due, one tick looks at one incident")
                .hasSize(1);

        advanceTo(pastRetention.plus(PRUNE_INTERVAL)); // the ticks resume after it, round the three incidents
        advanceTo(pastRetention.plus(PRUNE_INTERVAL.multipliedBy(2)));
        assertThat(stored.get(chat)).isNull();
        assertThat(stored.get(news)).isNull();
        assertThat(stored.get(mail)).isNotNull();
    }

    private String openIncident(String product, String fingerprint) {
        alerts.pipeInput(new TestRecord<>(product, alert(product, fingerprint, AlertStatus.FIRING), T0));
        driver.advanceWallClockTime(SNAPSHOTS);
        KeyValueStore<String, Incident> stored = store(CorrelatorStores.INCIDENTS, Incident.class);
        try (var all = stored.all()) {
            while (all.hasNext()) {
                Incident incident = all.next().value;
                if (incident.getProduct().equals(product)) {
                    return incident.getIncidentId();
                }
            }
        }
        throw new AssertionError("no incident of " + product);
    }

    private void resolve(String product, String incidentId, String fingerprint, Duration after) {
        Instant at = at(after);
        advanceTo(at);
        alerts.pipeInput(new TestRecord<>(product, alert(product, fingerprint, AlertStatus.RESOLVED), at));
        commands.pipeInput(new TestRecord<>(product, command(product, incidentId, CommandType.ACKNOWLEDGE, at), at));
        commands.pipeInput(new TestRecord<>(
                product, command(product, incidentId, CommandType.RESOLVE, at.plusSeconds(1)), at.plusSeconds(1)));
        driver.advanceWallClockTime(SNAPSHOTS);
        assertThat(store(CorrelatorStores.INCIDENTS, Incident.class)
                        .get(incidentId)
                        .getStatus())
                .isEqualTo(PublicStatus.RESOLVED);
    }

    private void advanceTo(Instant instant) {
        driver.advanceWallClockTime(Duration.between(wallClock, instant));
        wallClock = instant;
    }

    private Instant at(Duration offset) {
        return T0.plus(offset);
    }

    @SuppressWarnings("unused")
    private <V> KeyValueStore<String, V> store(String name, Class<V> type) {
        return driver.getKeyValueStore(name);
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

    private static IncidentCommand command(String product, String incidentId, CommandType type, Instant at) {
        return IncidentCommand.newBuilder()
                .setCommandId(type + "-" + incidentId)
                .setIncidentId(incidentId)
                .setProduct(product)
                .setType(type)
                .setActor("operator")
                .setReason("test")
                .setIssuedAt(at)
                .build();
    }

    private static CustomerReport report(String ticketId, String organization) {
        return CustomerReport.newBuilder()
                .setTicketId(ticketId)
                .setSource("portal")
                .setOrganizationId(organization)
                .setProduct("chat")
                .setSubject("Chat messages arrive late")
                .setCustomerPriority(CustomerPriority.P4)
                .setChannel(ReportChannel.PORTAL)
                .setCreatedAt(T0)
                .setReceivedAt(T0)
                .build();
    }
}
