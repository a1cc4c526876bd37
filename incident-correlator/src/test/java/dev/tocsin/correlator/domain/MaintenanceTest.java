package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.maintenance;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static dev.tocsin.correlator.domain.TestData.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.TicketState;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.correlator.state.TrackedAlert;
import org.junit.jupiter.api.Test;

/** Rule 6: maintenance suppression. */
class MaintenanceTest {

    private final Harness h = new Harness();

    @Test
    void alertDuringMaintenanceOpensNoIncident() {
        h.state.putMaintenance(maintenance("mw-1", "chat", minutes(0), minutes(60)));

        Outcome outcome = h.alert(alert("fp-1"), minutes(10));

        assertThat(outcome.isEmpty()).isTrue();
        assertThat(h.state.incidents()).isEmpty();
        TrackedAlert tracked = h.state.rawAlert("chat", "fp-1");
        assertThat(tracked.getMaintenanceWindowId()).isEqualTo("mw-1");
        assertThat(tracked.getSuppressedCount()).isEqualTo(1);
        assertThat(tracked.getIncidentId()).isNull();
    }

    @Test
    void maintenanceOfAnotherProductDoesNotSuppress() {
        h.state.putMaintenance(maintenance("mw-1", "talk", minutes(0), minutes(60)));

        h.alert(alert("fp-1"), minutes(10));

        assertThat(h.state.incidents()).hasSize(1);
    }

    @Test
    void cancelledMaintenanceDoesNotSuppress() {
        MaintenanceWindow window = maintenance("mw-1", "chat", minutes(0), minutes(60));
        window.setState(MaintenanceState.CANCELLED);
        h.state.putMaintenance(window);

        h.alert(alert("fp-1"), minutes(10));

        assertThat(h.state.incidents()).hasSize(1);
    }

    @Test
    void windowLeftInProgressPastItsEndSuppressesOnlyUpToTheOverrunLimit() {
        MaintenanceWindow window = maintenance("mw-1", "chat", minutes(0), minutes(60));
        window.setState(MaintenanceState.IN_PROGRESS);
        window.setUpdatedAt(minutes(5));
        h.state.putMaintenance(window);

        h.alert(alert("fp-1"), minutes(60 + 239));
        assertThat(h.state.incidents())
                .as("held by the operator, within the limit")
                .isEmpty();

        h.alert(alert("fp-2"), minutes(60 + 240));
        assertThat(h.state.incidents()).as("forgotten: the limit has passed").hasSize(1);
    }

    @Test
    void alertStillFiringAfterMaintenanceOpensAnIncidentWhenItReportsAgain() {
        h.state.putMaintenance(maintenance("mw-1", "chat", minutes(0), minutes(60)));
        h.alert(alert("fp-1"), minutes(10));

        h.alert(alert("fp-1"), minutes(65));

        assertThat(h.onlyIncident().getOpenedAt()).isEqualTo(minutes(65));
        assertThat(h.state.rawAlert("chat", "fp-1").getMaintenanceWindowId()).isNull();
    }

    @Test
    void alertDuringMaintenanceDoesNotRaiseSeverityOfAnOpenIncident() {
        h.alert(alert("fp-1").hint(SeverityHint.MEDIUM), minutes(0));
        h.state.putMaintenance(maintenance("mw-1", "chat", minutes(10), minutes(60)));

        h.alert(alert("fp-2").signal(Signal.AVAILABILITY).hint(SeverityHint.CRITICAL), minutes(15));
        h.alert(alert("fp-1").hint(SeverityHint.CRITICAL), minutes(16));

        assertThat(h.onlyIncident().getSeverity()).isEqualTo(Severity.SEV3);
        assertThat(h.onlyIncident().getAlertCount()).isEqualTo(1);
    }

    @Test
    void reportDuringMaintenanceIsLinkedToTheMaintenanceNotice() {
        h.state.putMaintenance(maintenance("mw-1", "chat", minutes(0), minutes(60)));
        h.report(report("T-1").org("org-1"), minutes(10));
        h.report(report("T-2").org("org-2"), minutes(11));

        Outcome outcome = h.report(report("T-3").org("org-3"), minutes(12));

        assertThat(outcome.ticketUpdates()).singleElement().satisfies(update -> {
            assertThat(update.getKind()).isEqualTo(TicketUpdateKind.TRIAGED);
            assertThat(update.getTriageOutcome()).isEqualTo(TriageOutcome.LINKED);
            assertThat(update.getMaintenanceWindowId()).isEqualTo("mw-1");
            assertThat(update.getIncidentId()).isNull();
            assertThat(update.getTicketState()).isEqualTo(TicketState.ON_HOLD);
            assertThat(update.getReason()).startsWith("maintenance: mw-1");
        });
        // maintenance reports are no customer-report wave
        assertThat(h.state.incidents()).isEmpty();
        assertThat(h.ticket("T-3").getMaintenanceWindowId()).isEqualTo("mw-1");
    }
}
