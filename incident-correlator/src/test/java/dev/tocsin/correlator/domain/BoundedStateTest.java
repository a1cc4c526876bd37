package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.T0;
import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.command;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static dev.tocsin.correlator.domain.TestData.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.Scope;
import dev.tocsin.correlator.state.TicketRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/** Bounded records: counts, not member lists, so huge incidents stay far below Kafka's 1 MiB. */
class BoundedStateTest {

    private static final int LIMIT = 100 * 1024;

    /** The topology indexes an incident's tickets by organization; so does this state. */
    private static final class IndexedState extends InMemoryState {
        private final Map<String, String> masters = new HashMap<>();

        IndexedState() {
            super(false);
        }

        @Override
        public void putTicket(TicketRecord ticket) {
            super.putTicket(ticket);
            if (ticket.getIncidentId() != null && ticket.getDuplicateOf() == null) {
                masters.putIfAbsent(ticket.getIncidentId() + "|" + ticket.getOrganizationId(), ticket.getTicketId());
            }
        }

        @Override
        public Optional<TicketRecord> firstTicketOf(String incidentId, String organizationId) {
            return Optional.ofNullable(masters.get(incidentId + "|" + organizationId))
                    .flatMap(this::ticket);
        }
    }

    @Test
    void incidentWithHundredThousandAlertsStaysBounded() {
        Harness h = new Harness(Policy.defaults(), new IndexedState());
        int alerts = 100_000;
        int tickets = 100_000;
        for (int i = 0; i < alerts; i++) {
            h.correlator.onAlert(
                    alert("fp-" + i).component("api").region("r-" + (i % 500)).build(),
                    T0.plusMillis(100L * i),
                    h.state);
        }
        Instant later = T0.plusMillis(100L * alerts);
        for (int i = 0; i < tickets; i++) {
            h.correlator.onReport(report("T-" + i).org("org-" + (i / 2)).build(), later.plusMillis(10L * i), h.state);
        }

        Incident incident = h.onlyIncident();
        assertThat(incident.getAlertCount()).isEqualTo(alerts);
        assertThat(incident.getTicketCount()).isEqualTo(tickets);
        assertThat(incident.getOrganizationCount()).isEqualTo(tickets / 2);
        assertThat(incident.getScope()).isEqualTo(Scope.GLOBAL);
        assertThat(incident.getAlerts()).hasSize(50);
        assertThat(incident.getLinkedTickets()).hasSize(50);
        assertThat(incident.getAffectedOrganizations()).hasSize(50);
        assertThat(incident.getTimeline()).hasSize(50);
        assertThat(incident.getEvidence()).hasSize(50);
        assertThat(incident.getRegions()).hasSize(50);
        assertThat(h.ticket("T-99999").getDuplicateOf()).isEqualTo("T-99998");

        assertThat(serializedSize(incident)).isLessThan(LIMIT);
        assertThat(serializedSize(h.state.rawTracking(incident.getIncidentId())))
                .isLessThan(LIMIT);
        assertThat(serializedSize(h.state.rawProduct("chat"))).isLessThan(LIMIT);
        assertThat(h.state.rawTracking(incident.getIncidentId()).getOrganizationsOverflow())
                .isTrue();
    }

    @Test
    void snapshotSizeDoesNotGrowWithAlerts() {
        Harness h = new Harness();
        int[] sizes = new int[2];
        int alerts = 10_000;
        for (int i = 0; i < alerts; i++) {
            h.correlator.onAlert(
                    alert(String.format("fp-%05d", i))
                            .component("c-" + (i % 5))
                            .region("r-" + (i % 3))
                            .build(),
                    T0.plusMillis(100L * i),
                    h.state);
            if (i + 1 == 100) {
                sizes[0] = serializedSize(h.onlyIncident());
            }
        }
        sizes[1] = serializedSize(h.onlyIncident());
        // the figure docs/INCIDENT-CORRELATOR.md quotes
        System.out.printf(
                "incident snapshot, Avro binary: %d bytes at 100 alerts, %d bytes at %d alerts%n",
                sizes[0], sizes[1], alerts);
        assertThat(h.onlyIncident().getAlertCount()).isEqualTo(alerts);
        assertThat(sizes[1])
                .as("only counters and timestamps grow, by their varint bytes")
                .isLessThan(sizes[0] + 64);
    }

    /** Avro binary size, what the store and topic hold. */
    private static int serializedSize(SpecificRecordBase record) {
        try {
            return toBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int toBytes(SpecificRecordBase record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecordBase>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.size();
    }

    @Test
    void organizationsBeyondTheTrackedLimitAreFoundThroughTheTicketIndex() {
        Harness h = Harness.withPolicy("limits: {trackedOrganizations: 2}");
        h.alert(alert("fp-1"), minutes(0));
        for (int org = 1; org <= 4; org++) {
            h.report(report("T-" + org).org("org-" + org), minutes(org));
        }

        h.report(report("T-5").org("org-4"), minutes(5));
        h.report(report("T-6").org("org-1"), minutes(6));

        String id = h.onlyIncident().getIncidentId();
        assertThat(h.tracking(id).getOrganizations()).hasSize(2);
        assertThat(h.onlyIncident().getOrganizationCount()).isEqualTo(4);
        assertThat(h.ticket("T-5").getDuplicateOf()).isEqualTo("T-4");
        assertThat(h.ticket("T-6").getDuplicateOf()).isEqualTo("T-1");

        h.command(command(CommandType.UNLINK_TICKET, id).ticket("T-4"), minutes(7));
        assertThat(h.ticket("T-5").getDuplicateOf()).isNull();
        assertThat(h.onlyIncident().getOrganizationCount()).isEqualTo(4);
    }

    @Test
    void productIndexKeepsOnlyReportsInsideTheTriageWindow() {
        Harness h = Harness.withPolicy("triage: {organizations: 1000}\nlimits: {recentReports: 100}");
        for (int i = 0; i < 500; i++) {
            h.report(report("T-" + i).org("org-" + i), minutes(i / 10));
        }

        assertThat(h.state.rawProduct("chat").getRecentReports()).hasSize(100);
        h.report(report("T-late").org("org-late"), minutes(500));
        assertThat(h.state.rawProduct("chat").getRecentReports()).hasSize(1);
    }
}
