package dev.tocsin.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.Silence;
import dev.tocsin.avro.SilenceMatcher;
import dev.tocsin.correlator.domain.CorrelationRules;
import dev.tocsin.correlator.domain.Policy;
import dev.tocsin.correlator.state.TrackedAlert;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silences, inhibition and the dependency graph through the production topology, punctuators by hand. */
class HoldTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration CLOCK = Duration.ofSeconds(10);
    private static final Duration SNAPSHOTS = Duration.ofMillis(100);

    @TempDir
    Path stateDir;

    private CorrelatorDriver correlator;
    private TestInputTopic<String, MonitoringAlert> alerts;
    private TestInputTopic<String, Silence> silences;
    private TestInputTopic<String, IncidentCommand> commands;
    private TestOutputTopic<String, Incident> incidents;
    private TestOutputTopic<String, IncidentEvent> events;

    private void start(String policy) {
        correlator = new CorrelatorDriver(Policy.parse(policy, "test policy"), stateDir, T0, CLOCK, SNAPSHOTS);
        alerts = correlator.input(correlator.topics.alerts());
        silences = correlator.input(correlator.topics.silences());
        commands = correlator.input(correlator.topics.incidentCommands());
        incidents = correlator.output(correlator.topics.incidents());
        events = correlator.output(correlator.topics.incidentEvents());
    }

    @AfterEach
    void close() {
        if (correlator != null) {
            correlator.close();
        }
    }

    @Test
    void aSilencedAlertOpensNoIncidentUntilThePunctuatorSeesItsSilenceExpired() {
        start("{}");
        silences.pipeInput(
                "s-1",
                silence(
                        "s-1",
                        T0.minus(Duration.ofHours(1)),
                        T0.plus(Duration.ofMinutes(5)),
                        "alertname",
                        "ChatLatency"));

        alerts.pipeInput(new TestRecord<>(
                "chat",
                alert("chat", "fp-1", AlertStatus.FIRING, "alertname", "ChatLatency"),
                T0.plus(Duration.ofMinutes(1))));

        assertThat(incidents.readValuesToList()).isEmpty();
        assertThat(events.readValuesToList()).isEmpty();
        assertThat(tracked("chat", "fp-1").getSilenceId()).isEqualTo("s-1");
        assertThat(counter("tocsin_correlator_alerts_silenced")).isEqualTo(1.0);

        correlator.driver.advanceWallClockTime(Duration.ofMinutes(6)); // idle: the punctuator reconsiders held alerts

        assertThat(incidents.readValuesToList())
                .singleElement()
                .satisfies(incident -> assertThat(incident.getProduct()).isEqualTo("chat"));
        assertThat(tracked("chat", "fp-1").getHeldSince()).isNull();
    }

    @Test
    void deletingTheSilenceReleasesTheAlertAtTheNextReconsideration() {
        start("{}");
        silences.pipeInput(
                "s-1",
                silence(
                        "s-1",
                        T0.minus(Duration.ofHours(1)),
                        T0.plus(Duration.ofHours(1)),
                        "alertname",
                        "ChatLatency"));
        alerts.pipeInput(
                new TestRecord<>("chat", alert("chat", "fp-1", AlertStatus.FIRING, "alertname", "ChatLatency"), T0));
        correlator.driver.advanceWallClockTime(CLOCK);
        assertThat(incidents.readValuesToList()).as("still silenced").isEmpty();

        silences.pipeInput("s-1", null); // alert-ingest's DELETE writes a tombstone
        correlator.driver.advanceWallClockTime(CLOCK);

        assertThat(incidents.readValuesToList()).hasSize(1);
    }

    @Test
    void aTargetInhibitedByAFiringSourceIsCorrelatedWhenTheSourceResolves() {
        start("""
                inhibit_rules:
                  - source_matchers: ['alertname="DatacenterDown"']
                    target_matchers: ['alertname="HighLatency"']
                    equal: [dc]
                """);
        alerts.pipeInput(
                new TestRecord<>("chat", alert("chat", "dc", AlertStatus.FIRING, "alertname", "DatacenterDown"), T0));
        alerts.pipeInput(new TestRecord<>(
                "chat", alert("chat", "lat", AlertStatus.FIRING, "alertname", "HighLatency"), T0.plusSeconds(30)));
        assertThat(tracked("chat", "lat").getInhibitedBy()).isEqualTo("dc");
        assertThat(events.readValuesToList()).noneMatch(e -> "lat".equals(e.getAlertFingerprint()));

        alerts.pipeInput(new TestRecord<>(
                "chat", alert("chat", "dc", AlertStatus.RESOLVED, "alertname", "DatacenterDown"), T0.plusSeconds(60)));

        assertThat(events.readValuesToList())
                .filteredOn(e -> "lat".equals(e.getAlertFingerprint()))
                .singleElement()
                .satisfies(e -> assertThat(e.getAt()).isEqualTo(T0.plusSeconds(60)));
        assertThat(counter("tocsin_correlator_alerts_inhibited")).isEqualTo(1.0);
    }

    @Test
    void anOpenUpstreamIncidentAbsorbsDependantAlertsAcrossPartitionsAndReleasesThemWhenItResolves() {
        start("""
                dependencies:
                  voice: [sip-trunk]
                """);
        alerts.pipeInput(new TestRecord<>("sip-trunk", alert("sip-trunk", "trunk-down", AlertStatus.FIRING), T0));
        String upstream = incidents.readValuesToList().get(0).getIncidentId();

        alerts.pipeInput(
                new TestRecord<>("voice", alert("voice", "calls-failing", AlertStatus.FIRING), T0.plusSeconds(30)));

        assertThat(tracked("voice", "calls-failing").getAbsorbedInto()).isEqualTo(upstream);
        List<IncidentEvent> decided = events.readValuesToList();
        assertThat(decided).noneMatch(e -> e.getProduct().equals("voice"));
        assertThat(decided)
                .filteredOn(e -> e.getIncidentId().equals(upstream) && e.getType() == IncidentEventType.ALERT_ATTACHED)
                .singleElement()
                .satisfies(
                        e -> assertThat(e.getMessage())
                                .isEqualTo(
                                        "alert voice/calls-failing absorbed because sip-trunk is down: calls-failing is failing"));
        correlator.driver.advanceWallClockTime(SNAPSHOTS);
        List<Incident> snapshots = incidents.readValuesToList();
        assertThat(snapshots.get(snapshots.size() - 1).getEvidence())
                .extracting(e -> e.getRule())
                .contains(CorrelationRules.ABSORBED_DEPENDANT);
        assertThat(counter("tocsin_correlator_alerts_absorbed")).isEqualTo(1.0);

        commands.pipeInput(new TestRecord<>(
                "sip-trunk",
                IncidentCommand.newBuilder()
                        .setCommandId("resolve-1")
                        .setIncidentId(upstream)
                        .setProduct("sip-trunk")
                        .setType(CommandType.RESOLVE)
                        .setActor("operator")
                        .setIssuedAt(T0.plusSeconds(60))
                        .build(),
                T0.plusSeconds(60)));
        correlator.driver.advanceWallClockTime(CLOCK);

        assertThat(incidents.readValuesToList())
                .extracting(Incident::getProduct)
                .contains("voice");
        assertThat(tracked("voice", "calls-failing").getIncidentId()).startsWith("voice-");
    }

    @Test
    void withoutDependenciesTheTopologyDoesNotReadTheIncidentsTopic() {
        start("{}");

        assertThat(correlator.topology.describe().toString())
                .doesNotContain(CorrelatorStores.OPEN_INCIDENTS)
                .contains(CorrelatorStores.SILENCES, CorrelatorStores.HELD_ALERTS, CorrelatorStores.INHIBITORS);
    }

    private TrackedAlert tracked(String product, String fingerprint) {
        KeyValueStore<String, TrackedAlert> store = correlator.driver.getKeyValueStore(CorrelatorStores.ALERTS);
        return store.get(CorrelatorStores.alertKey(product, fingerprint));
    }

    private double counter(String name) {
        return correlator.metrics.registry().get(name).counter().count();
    }

    private static MonitoringAlert alert(String product, String fingerprint, AlertStatus status, String... labels) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        map.put("dc", "fra");
        return MonitoringAlert.newBuilder()
                .setAlertId(fingerprint + "-" + status)
                .setFingerprint(fingerprint)
                .setSource(AlertSource.ALERTMANAGER)
                .setSourceName("test")
                .setStatus(status)
                .setProduct(product)
                .setSignal(Signal.AVAILABILITY)
                .setSeverityHint(SeverityHint.HIGH)
                .setLabels(map)
                .setSummary(fingerprint + " is failing")
                .setStartsAt(T0)
                .setReceivedAt(T0)
                .build();
    }

    private static Silence silence(String id, Instant start, Instant end, String label, String value) {
        return Silence.newBuilder()
                .setSilenceId(id)
                .setMatchers(List.of(new SilenceMatcher(label, value, false, true)))
                .setStartsAt(start)
                .setEndsAt(end)
                .setCreatedBy("oncall")
                .setComment("known")
                .setUpdatedAt(start)
                .build();
    }
}
