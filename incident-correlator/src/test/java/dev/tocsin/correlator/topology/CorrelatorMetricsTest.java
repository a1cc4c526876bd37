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
import dev.tocsin.avro.ReportChannel;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.SlaClock;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.correlator.domain.Policy;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each correlator metric moves after the event that should move it, as the scrape shows it. */
class CorrelatorMetricsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z"); // a Monday morning
    private static final Duration CLOCK = Duration.ofSeconds(10);
    private static final Duration SNAPSHOTS = Duration.ofMillis(100);

    @TempDir
    Path stateDir;

    private CorrelatorDriver correlator;
    private MeterRegistry registry;
    private TestInputTopic<String, MonitoringAlert> alerts;
    private TestInputTopic<String, CustomerReport> reports;
    private TestInputTopic<String, IncidentCommand> commands;
    private TestOutputTopic<String, Incident> incidents;

    @BeforeEach
    void build() {
        correlator = new CorrelatorDriver(Policy.defaults(), stateDir, T0, CLOCK, SNAPSHOTS);
        registry = correlator.metrics.registry();
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
    void labelledCountersArePresentAtZeroBeforeAnyInput() {
        String scrape = correlator.metrics.scrape();
        for (String decision : new String[] {"opened", "attached", "updated", "reopened", "merged", "linked", "held"}) {
            assertThat(scrape)
                    .contains("tocsin_correlator_decisions_total{decision=\"" + decision
                            + "\",service=\"correlator-test\"} 0.0");
        }
        for (TriageOutcome outcome : TriageOutcome.values()) {
            assertThat(scrape)
                    .contains("tocsin_correlator_triage_total{outcome=\"" + outcome
                            + "\",service=\"correlator-test\"} 0.0");
        }
        for (SlaClock clock : SlaClock.values()) {
            assertThat(scrape)
                    .contains("tocsin_correlator_sla_deadlines_due_total{clock=\"" + clock
                            + "\",service=\"correlator-test\"} 0.0")
                    .contains("tocsin_correlator_sla_breaches_total{clock=\"" + clock
                            + "\",service=\"correlator-test\"} 0.0");
        }
    }

    @Test
    void openIncidentsAreCountedByProductSeverityAndScopeUntilResolved() {
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1"), T0));
        Incident opened = incidents.readValuesToList().get(0);
        String series = "tocsin_correlator_open_incidents{product=\"chat\",scope=\"" + opened.getScope()
                + "\",service=\"correlator-test\",severity=\"" + opened.getSeverity() + "\"}";
        assertThat(correlator.metrics.scrape()).contains(series + " 1.0");

        commands.pipeInput(
                new TestRecord<>("chat", command(opened.getIncidentId(), CommandType.RESOLVE), T0.plusSeconds(2)));

        assertThat(correlator.metrics.scrape()).contains(series + " 0.0");
    }

    @Test
    void correlationDecisionsAreCountedByDecision() {
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1"), T0));
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-2"), T0.plusSeconds(10)));

        assertThat(count("tocsin_correlator_decisions", "decision", "opened")).isEqualTo(1);
        assertThat(count("tocsin_correlator_decisions", "decision", "attached")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void triagedReportsAreCountedByOutcome() {
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1"), T0));
        reports.pipeInput(new TestRecord<>("chat", report("T-1", "org-1"), T0.plusSeconds(60)));

        assertThat(count("tocsin_correlator_triage", "outcome", "LINKED")).isEqualTo(1);
        assertThat(count("tocsin_correlator_decisions", "decision", "linked")).isEqualTo(1);
    }

    @Test
    void passedSlaDeadlinesAreCountedAsDueAndBreachesByClock() {
        alerts.pipeInput(new TestRecord<>("chat", alert("fp-1"), T0));
        correlator.driver.advanceWallClockTime(Duration.ofHours(5)); // past every first-response target up to Sev 3

        assertThat(count("tocsin_correlator_sla_breaches", "clock", "FIRST_RESPONSE"))
                .isEqualTo(1);
        assertThat(count("tocsin_correlator_sla_deadlines_due", "clock", "FIRST_RESPONSE"))
                .isEqualTo(1);
        assertThat(count("tocsin_correlator_sla_deadlines_due", "clock", "NEXT_UPDATE"))
                .isGreaterThanOrEqualTo(1);
        assertThat(count("tocsin_correlator_sla_breaches", "clock", "NEXT_UPDATE"))
                .isZero();
    }

    private double count(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }

    private static MonitoringAlert alert(String fingerprint) {
        return MonitoringAlert.newBuilder()
                .setAlertId(fingerprint)
                .setFingerprint(fingerprint)
                .setSource(AlertSource.ALERTMANAGER)
                .setSourceName("test")
                .setStatus(AlertStatus.FIRING)
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

    private static IncidentCommand command(String incidentId, CommandType type) {
        return IncidentCommand.newBuilder()
                .setCommandId(type + "-1")
                .setIncidentId(incidentId)
                .setProduct("chat")
                .setType(type)
                .setActor("operator")
                .setReason("test")
                .setIssuedAt(T0.plusSeconds(2))
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
