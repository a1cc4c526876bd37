package dev.tocsin.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.TicketState;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.console.TestIncidents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewsTest {

    private static Incident incident(String id, PublicStatus status, long version, Instant updated) {
        Incident i = TestIncidents.incident(id, "chat", Severity.SEV2, Scope.PLATFORM, status, false, false);
        i.setVersion(version);
        i.setUpdatedAt(updated);
        return i;
    }

    @Test
    void theBoardKeepsTheNewestVersionAndTellsListenersOfEachChange() {
        IncidentBoard board = new IncidentBoard(10);
        List<String> heard = new ArrayList<>();
        board.onChange(i -> heard.add(i.getIncidentId() + "@" + i.getVersion()));
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        board.apply("chat-1", incident("chat-1", PublicStatus.INVESTIGATING, 2, t));
        board.apply("chat-1", incident("chat-1", PublicStatus.INVESTIGATING, 1, t));
        assertThat(board.get("chat-1").orElseThrow().getVersion()).isEqualTo(2);
        assertThat(heard).containsExactly("chat-1@2");
        board.apply("chat-1", null);
        assertThat(board.all()).isEmpty();
    }

    @Test
    void beyondItsLimitTheBoardForgetsTheResolvedIncidentUpdatedLongestAgoBeforeAnyOpenOne() {
        IncidentBoard board = new IncidentBoard(2);
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        board.apply("old-open", incident("old-open", PublicStatus.INVESTIGATING, 1, t.minusSeconds(600)));
        board.apply("resolved", incident("resolved", PublicStatus.RESOLVED, 1, t));
        board.apply("new-open", incident("new-open", PublicStatus.IDENTIFIED, 1, t.plusSeconds(1)));
        assertThat(board.all()).extracting(Incident::getIncidentId).containsExactlyInAnyOrder("old-open", "new-open");
    }

    private static IncidentEvent event(String commandId, IncidentEventType type, String message) {
        return IncidentEvent.newBuilder()
                .setEventId(commandId + type)
                .setIncidentId("chat-1")
                .setProduct("chat")
                .setType(type)
                .setAt(Instant.EPOCH)
                .setCommandId(commandId)
                .setMessage(message)
                .setIncidentVersion(1)
                .build();
    }

    @Test
    void aCommandsOutcomeIsItsFirstEventAndARejectionCarriesTheCorrelatorsReason() {
        CommandOutcomes outcomes = new CommandOutcomes(10);
        outcomes.apply(
                event("c1", IncidentEventType.COMMAND_REJECTED, "RESOLVE rejected: incident is already RESOLVED"));
        outcomes.apply(event("c2", IncidentEventType.ACKNOWLEDGED, null));
        outcomes.apply(event("c2", IncidentEventType.COMMAND_REJECTED, "later"));
        assertThat(outcomes.of("c1").orElseThrow())
                .isEqualTo(new CommandOutcomes.Outcome("c1", true, "RESOLVE rejected: incident is already RESOLVED"));
        assertThat(outcomes.of("c2").orElseThrow().rejected()).isFalse();
        assertThat(outcomes.of("c3")).isEmpty();
    }

    private static TicketUpdate update(String ticket, TicketUpdateKind kind, TriageOutcome outcome, long at) {
        return TicketUpdate.newBuilder()
                .setUpdateId(ticket + at)
                .setTicketId(ticket)
                .setOrganizationId("acme")
                .setKind(kind)
                .setTriageOutcome(outcome)
                .setTicketState(TicketState.values()[0])
                .setAt(Instant.ofEpochMilli(at))
                .build();
    }

    @Test
    void aTicketsUpdatesAreKeptInOrderAndTheStandardQueueHoldsTicketsWhoseLatestTriageSentThemThere() {
        TicketHistory history = new TicketHistory(10);
        history.add(update("T-1", TicketUpdateKind.TRIAGED, TriageOutcome.STANDARD_TROUBLESHOOTING, 1));
        history.add(update("T-2", TicketUpdateKind.TRIAGED, TriageOutcome.STANDARD_TROUBLESHOOTING, 2));
        history.add(update("T-2", TicketUpdateKind.TRIAGED, TriageOutcome.LINKED, 3));
        history.add(update("T-2", TicketUpdateKind.INCIDENT_STATUS_CHANGED, null, 4));
        assertThat(history.of("T-2"))
                .extracting(TicketUpdate::getKind)
                .containsExactly(
                        TicketUpdateKind.TRIAGED, TicketUpdateKind.TRIAGED, TicketUpdateKind.INCIDENT_STATUS_CHANGED);
        assertThat(history.standardTroubleshooting())
                .extracting(TicketUpdate::getTicketId)
                .containsExactly("T-1");
        assertThat(history.of("T-9")).isEmpty();
    }

    @Test
    void compactedViewsDropTombstonesAndStayBounded() {
        Keyed<String> keyed = new Keyed<>(2);
        keyed.apply("a", "1");
        keyed.apply("b", "2");
        keyed.apply("a", "3");
        keyed.apply("c", "4");
        assertThat(keyed.values()).containsExactly("3", "4");
        keyed.apply("c", null);
        assertThat(keyed.get("c")).isEmpty();
        Recent<Integer> recent = new Recent<>(2);
        recent.add(1);
        recent.add(2);
        recent.add(3);
        assertThat(recent.newestFirst()).containsExactly(3, 2);
    }
}
