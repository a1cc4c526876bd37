package dev.tocsin.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandFormTest {

    private static CommandForm.Result form(String action, Map<String, String> fields) {
        return CommandForm.of(action, "alice", fields::get);
    }

    @Test
    void theActorIsTheLoggedInUserNeverAFormField() {
        CommandForm.Result result = form("ACKNOWLEDGE", Map.of("actor", "mallory"));
        assertThat(result.command()).containsEntry("actor", "alice").containsEntry("type", "ACKNOWLEDGE");
    }

    @Test
    void anUpdateWithoutStatusIsAPublicUpdate() {
        assertThat(form("POST_UPDATE", Map.of("message", " Fix deployed ")).command())
                .isEqualTo(Map.of("actor", "alice", "type", "POST_UPDATE", "message", "Fix deployed"));
    }

    @Test
    void anUpdateWithAStatusOrComponentStatusIsASetStatusCarryingTheMessage() {
        assertThat(form("POST_UPDATE", Map.of("message", "Degraded", "componentStatus", "partial_outage", "status", ""))
                        .command())
                .containsEntry("type", "SET_STATUS")
                .containsEntry("componentStatus", "partial_outage")
                .containsEntry("message", "Degraded")
                .doesNotContainKey("status");
        assertThat(form("POST_UPDATE", Map.of("message", "Watching", "status", "monitoring"))
                        .command())
                .containsEntry("type", "SET_STATUS")
                .containsEntry("status", "monitoring");
    }

    @Test
    void aTickedInternalNoteBoxMakesThePostUpdateInternal() {
        assertThat(form("POST_UPDATE", Map.of("message", "acme called", "internal", "true", "status", ""))
                        .command())
                .isEqualTo(Map.of("actor", "alice", "type", "POST_UPDATE", "message", "acme called", "internal", true));
        assertThat(form("POST_UPDATE", Map.of("message", "acme called", "internal", "on"))
                        .command())
                .containsEntry("internal", true);
        assertThat(form("POST_UPDATE", Map.of("message", "Fix deployed")).command())
                .doesNotContainKey("internal");
    }

    @Test
    void anInternalNoteCannotChangeTheStatus() {
        assertThat(form("POST_UPDATE", Map.of("message", "m", "internal", "true", "status", "monitoring"))
                        .refusal())
                .contains("internal note changes no status");
        assertThat(form("POST_UPDATE", Map.of("message", "m", "internal", "true", "componentStatus", "major_outage"))
                        .refusal())
                .contains("internal note changes no status");
    }

    @Test
    void whatTheFormCannotExpressIsRefusedBeforeSending() {
        assertThat(form("POST_UPDATE", Map.of("message", "  ")).refusal()).contains("message");
        assertThat(form("SET_STATUS", Map.of()).refusal()).contains("status");
        assertThat(form("SET_SEVERITY", Map.of()).refusal()).contains("severity");
        assertThat(form("MERGE", Map.of()).refusal()).contains("merge into");
        assertThat(form("LINK_TICKET", Map.of()).refusal()).contains("ticket");
        assertThat(form("ABSORB_DEPENDANT_ALERT", Map.of()).refusal()).contains("unknown action");
        assertThat(form(null, Map.of()).refused()).isPresent();
    }

    @Test
    void mergeLinkAndSeverityCarryTheirFields() {
        assertThat(form("merge", Map.of("targetIncidentId", "chat-0000000a")).command())
                .containsEntry("type", "MERGE")
                .containsEntry("targetIncidentId", "chat-0000000a");
        assertThat(form("LINK_TICKET", Map.of("ticketId", "T-1", "organizationId", "acme"))
                        .command())
                .containsEntry("ticketId", "T-1")
                .containsEntry("organizationId", "acme");
        assertThat(form("SET_SEVERITY", Map.of("severity", "2")).command()).containsEntry("severity", "2");
        assertThat(form("PUBLISH", Map.of("componentStatus", "major_outage")).command())
                .containsEntry("componentStatus", "major_outage");
    }
}
