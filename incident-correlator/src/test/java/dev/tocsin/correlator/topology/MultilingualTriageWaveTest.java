package dev.tocsin.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.ReportChannel;
import dev.tocsin.avro.TicketState;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.correlator.domain.Policy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wave of issue 16 through the real topology with the shipped policy: customer-side reports in
 * German and Japanese from five organizations open no incident, a real outage reported in German,
 * Japanese and English opens exactly one.
 */
class MultilingualTriageWaveTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration SNAPSHOTS = Duration.ofMillis(100);

    @TempDir
    Path stateDir;

    private CorrelatorDriver correlator;
    private TopologyTestDriver driver;
    private TestInputTopic<String, CustomerReport> reports;
    private TestOutputTopic<String, Incident> incidents;
    private TestOutputTopic<String, TicketUpdate> ticketUpdates;

    @BeforeEach
    void build() {
        correlator = new CorrelatorDriver(Policy.defaults(), stateDir, T0, Duration.ofSeconds(10), SNAPSHOTS);
        driver = correlator.driver;
        reports = correlator.input(correlator.topics.customerReports());
        incidents = correlator.output(correlator.topics.incidents());
        ticketUpdates = correlator.output(correlator.topics.ticketUpdates());
    }

    @AfterEach
    void close() {
        correlator.close();
    }

    @Test
    void customerSideReportsInGermanAndJapaneseFromFiveOrganizationsOpenNoIncidentWhileARealOutageOpensExactlyOne() {
        report(
                "Z-1",
                "org-a",
                null,
                "Anrufe brechen ab",
                "Seit wir das WLAN im Büro umgestellt haben, brechen Anrufe ab",
                0);
        report("Z-2", "org-b", "ja", "通話が途切れます", "社内の無線LANを変更してから通話が途切れます", 1);
        report(
                "Z-3",
                "org-c",
                "de-DE",
                "Keine Anrufe mehr",
                "Neue Firewall-Regel seit heute früh, seitdem keine Anrufe",
                2);
        report("Z-4", "org-d", null, "ルータを交換しました", "ルーター交換後、着信できません", 3);
        report("Z-5", "org-e", null, "Ｗｉ－Ｆｉ", "Ｗｉ－Ｆｉを入れ替えてから音声が途切れます", 4);
        report("Z-6", "org-f", null, "SIP-Trunk", "Unser SIP-Trunk wurde beim Anbieter umgezogen, Anrufe scheitern", 5);

        driver.advanceWallClockTime(SNAPSHOTS); // pending snapshots are written once per interval
        assertThat(incidents.readValuesToList())
                .as("no incident from customer-side reports")
                .isEmpty();
        List<TicketUpdate> customerSide = ticketUpdates.readValuesToList();
        assertThat(customerSide).hasSize(6).allSatisfy(u -> {
            assertThat(u.getTriageOutcome()).isEqualTo(TriageOutcome.STANDARD_TROUBLESHOOTING);
            assertThat(u.getReason()).startsWith("customer-responsibility: ");
            assertThat(u.getReply()).isNotBlank();
        });
        assertThat(customerSide)
                .extracting(TicketUpdate::getLanguage)
                .containsExactly("de", "ja", "de", "ja", "ja", "de");

        // the real outage: a network word in a cleared clause, then Japanese and English
        report(
                "R-1",
                "org-a",
                null,
                "Chat lädt nicht",
                "unser Netzwerk ist in Ordnung, aber der Chat lädt seit 10 Uhr nicht",
                10);
        report("R-2", "org-b", "ja", "チャットが表示されません", "ネットワークは問題ありません。チャットが表示されません", 11);
        report("R-3", "org-c", null, "Chat is down", "Chat does not load for any agent", 12);
        report("R-4", "org-a", null, "Chat lädt immer noch nicht", "Der Chat geht weiterhin nicht", 13);

        driver.advanceWallClockTime(SNAPSHOTS);
        Set<String> incidentIds =
                incidents.readRecordsToList().stream().map(TestRecord::key).collect(Collectors.toSet());
        assertThat(incidentIds).as("exactly one incident").hasSize(1);
        String incident = incidentIds.iterator().next();
        List<TicketUpdate> outage = ticketUpdates.readValuesToList();
        // the first two wait as single-customer reports, the third makes the wave and links all three
        Map<String, TicketUpdate> latest =
                outage.stream().collect(Collectors.toMap(TicketUpdate::getTicketId, u -> u, (a, b) -> b));
        assertThat(latest.keySet()).containsExactlyInAnyOrder("R-1", "R-2", "R-3", "R-4");
        assertThat(latest.values()).extracting(TicketUpdate::getIncidentId).containsOnly(incident);
        assertThat(outage).filteredOn(u -> u.getTicketId().equals("R-4")).last().satisfies(u -> {
            assertThat(u.getTicketState()).isEqualTo(TicketState.DUPLICATE);
            assertThat(u.getDuplicateOf()).isEqualTo("R-1");
            assertThat(u.getLanguage()).isEqualTo("de");
        });
        assertThat(outage)
                .filteredOn(u -> u.getTicketId().equals("R-2"))
                .last()
                .satisfies(u -> assertThat(u.getLanguage()).isEqualTo("ja"));
    }

    private void report(
            String ticketId, String organization, String language, String subject, String description, int minute) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        CustomerReport report = CustomerReport.newBuilder()
                .setTicketId(ticketId)
                .setSource("zendesk")
                .setOrganizationId(organization)
                .setProduct("talk")
                .setSubject(subject)
                .setDescription(description)
                .setLanguage(language)
                .setCustomerPriority(CustomerPriority.P4)
                .setChannel(ReportChannel.PORTAL)
                .setCreatedAt(at)
                .setReceivedAt(at)
                .build();
        reports.pipeInput(new TestRecord<>("talk", report, at));
    }
}
