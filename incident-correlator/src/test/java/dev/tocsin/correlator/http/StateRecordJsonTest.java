package dev.tocsin.correlator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The alerts and tickets of the query API show every field of the stored record under the names the
 * API always had: the state records' enum fields (once strings) keep the string fields' names and places.
 */
class StateRecordJsonTest {

    @Test
    void anAlertShowsTheFieldsItShowedBeforeTheEnumFieldsInTheSameOrder() {
        TrackedAlert alert = TrackedAlert.newBuilder()
                .setProduct("chat")
                .setFingerprint("fp-1")
                .setAlertStatus(AlertStatus.RESOLVED)
                .setAlertSignal(Signal.LATENCY)
                .setAlertSeverityHint(SeverityHint.HIGH)
                .build();

        Map<String, Object> json = IncidentJson.trackedAlert(alert);

        // every field it showed, in the same order; fields added since (holdKind) come in between
        assertThat(json.keySet()).containsSubsequence(fieldNamesBefore("TrackedAlert"));
        assertThat(json.keySet()).hasSize(((List<?>) fieldNamesBefore("TrackedAlert")).size() + 1);
        assertThat(json)
                .containsEntry("status", "RESOLVED")
                .containsEntry("signal", "LATENCY")
                .containsEntry("severityHint", "HIGH");
    }

    @Test
    void anAlertStoredBeforeTheEnumFieldsShowsItsStrings() {
        TrackedAlert stored = TrackedAlert.newBuilder()
                .setProduct("chat")
                .setFingerprint("fp-1")
                .setStatus("ACKNOWLEDGED")
                .setSignal("ERROR_RATE")
                .setSeverityHint(null)
                .build();

        assertThat(IncidentJson.trackedAlert(stored))
                .containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("signal", "ERROR_RATE")
                .containsEntry("severityHint", null);
    }

    @Test
    void aTicketShowsTheFieldsItShowedBeforeTheEnumFieldsInTheSameOrder() {
        TicketRecord ticket = TicketRecord.newBuilder()
                .setTicketId("T-1")
                .setOrganizationId("org-1")
                .setProduct("chat")
                .setPriority(CustomerPriority.P2)
                .setOutcome(TriageOutcome.LINKED)
                .build();

        Map<String, Object> json = IncidentJson.ticketRecord(ticket);

        assertThat(json.keySet()).containsExactlyElementsOf(fieldNamesBefore("TicketRecord"));
        assertThat(json).containsEntry("customerPriority", "P2").containsEntry("triageOutcome", "LINKED");
    }

    private static Iterable<String> fieldNamesBefore(String record) {
        try (InputStream in =
                StateRecordJsonTest.class.getResourceAsStream("/state-before-enum-fields/" + record + ".avsc")) {
            return new Schema.Parser()
                    .parse(in).getFields().stream().map(Schema.Field::name).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
