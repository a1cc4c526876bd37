package dev.tocsin.publisher.zendesk;

import static dev.tocsin.publisher.zendesk.ZendeskTestUpdates.linked;
import static dev.tocsin.publisher.zendesk.ZendeskTestUpdates.resolved;
import static dev.tocsin.publisher.zendesk.ZendeskTestUpdates.standardTroubleshooting;
import static dev.tocsin.publisher.zendesk.ZendeskTestUpdates.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.TicketState;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TriageOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each kind of ticket update does to its Zendesk ticket, without HTTP or Kafka. */
class TicketEditsTest {

    private static final long PROBLEM = 9000;

    private static List<Map<String, Object>> edits(TicketUpdate update, ResolveAction resolve) {
        return TicketEdits.edits(update, PROBLEM, resolve, id -> "https://tocsin.example/incidents/" + id);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> comment(Map<String, Object> edit) {
        return (Map<String, Object>) edit.get("comment");
    }

    @Test
    void linkingMakesTheTicketAnIncidentOfTheProblemWithAPublicCommentThenAnInternalNoteWithTheLink() {
        List<Map<String, Object>> edits = edits(linked("101", "inc-1", "en"), ResolveAction.SOLVE);

        assertThat(edits).hasSize(2);
        assertThat(edits.get(0)).containsEntry("type", "incident").containsEntry("problem_id", PROBLEM);
        assertThat(comment(edits.get(0))).containsEntry("public", true);
        assertThat(comment(edits.get(1))).containsEntry("public", false);
        assertThat((String) comment(edits.get(1)).get("body"))
                .contains("https://tocsin.example/incidents/inc-1")
                .contains("#9000")
                .contains("customer-report-wave:");
    }

    @Test
    void aDuplicateIsLinkedToTheSameProblemAndItsNoteNamesTheEarlierTicket() {
        TicketUpdate duplicate = ZendeskTestUpdates.about(
                        "102", "inc-1", 2, TicketUpdateKind.DUPLICATE, PublicStatus.INVESTIGATING, "en")
                .setDuplicateOf("101")
                .setTicketState(TicketState.DUPLICATE)
                .build();

        List<Map<String, Object>> edits = edits(duplicate, ResolveAction.SOLVE);

        assertThat(edits.get(0)).containsEntry("problem_id", PROBLEM);
        assertThat((String) comment(edits.get(1)).get("body")).contains("Duplicate of ticket #101");
    }

    @Test
    void aStatusChangePostsThePublicMessageWithTheStatusAsThePageNamesIt() {
        List<Map<String, Object>> edits = edits(
                statusChanged("101", "inc-1", 3, PublicStatus.MONITORING, "A fix is deployed.", "de"),
                ResolveAction.SOLVE);

        assertThat(edits).singleElement().satisfies(edit -> {
            assertThat(edit).containsEntry("problem_id", PROBLEM).doesNotContainKey("status");
            assertThat((String) comment(edit).get("body"))
                    .contains("Beobachtung")
                    .contains("A fix is deployed.");
        });
    }

    @Test
    void resolvingSolvesTheTicketByDefault() {
        assertThat(edits(resolved("101", "inc-1", 4, "en"), ResolveAction.SOLVE))
                .singleElement()
                .satisfies(edit -> {
                    assertThat(edit).containsEntry("status", "solved");
                    assertThat(comment(edit)).containsEntry("public", true);
                    assertThat((String) comment(edit).get("body"))
                            .contains("has been resolved")
                            .contains("reply");
                });
    }

    @Test
    void resolvingWithPendingSetsPendingAndAsksTheRequesterToConfirm() {
        assertThat(edits(resolved("101", "inc-1", 4, "ja"), ResolveAction.PENDING))
                .singleElement()
                .satisfies(edit -> {
                    assertThat(edit).containsEntry("status", "pending");
                    assertThat((String) comment(edit).get("body"))
                            .contains("解決しました")
                            .contains("返信");
                });
    }

    @Test
    void standardTroubleshootingPostsTheStandardReplyPubliclyAndTheReasonAsAnInternalNote() {
        List<Map<String, Object>> edits = edits(
                standardTroubleshooting("104", "Bitte prüfen Sie Ihre Access Points.", "de"), ResolveAction.SOLVE);

        assertThat(edits).hasSize(2);
        assertThat(edits).allSatisfy(edit -> assertThat(edit).doesNotContainKeys("problem_id", "type", "status"));
        assertThat(comment(edits.get(0)))
                .containsEntry("body", "Bitte prüfen Sie Ihre Access Points.")
                .containsEntry("public", true);
        assertThat(comment(edits.get(1))).containsEntry("public", false);
        assertThat((String) comment(edits.get(1)).get("body"))
                .startsWith("Tocsin-Triage: customer-responsibility: wi-fi");
    }

    @Test
    void aDecisionWithoutReplyOnlyLeavesAnInternalNote() {
        assertThat(edits(standardTroubleshooting("104", null, "en"), ResolveAction.SOLVE))
                .singleElement()
                .satisfies(edit -> assertThat(comment(edit)).containsEntry("public", false));
    }

    @Test
    void aReportDuringMaintenanceIsPutOnHoldWithAPublicComment() {
        TicketUpdate update = TicketUpdate.newBuilder()
                .setUpdateId("105:maintenance:mw-1:1")
                .setTicketId("105")
                .setOrganizationId("org-5")
                .setKind(TicketUpdateKind.TRIAGED)
                .setTriageOutcome(TriageOutcome.LINKED)
                .setReason("maintenance: mw-1")
                .setTicketState(TicketState.ON_HOLD)
                .setMaintenanceWindowId("mw-1")
                .setAt(ZendeskTestUpdates.AT)
                .setLanguage("en")
                .build();

        List<Map<String, Object>> edits = edits(update, ResolveAction.SOLVE);

        assertThat(TicketEdits.needsProblem(update)).isFalse();
        assertThat(edits.get(0)).containsEntry("status", "hold");
        assertThat((String) comment(edits.get(0)).get("body")).contains("scheduled maintenance");
        assertThat(comment(edits.get(1))).containsEntry("public", false);
    }

    @Test
    void unlinkingClearsTheProblemWithAnInternalNote() {
        TicketUpdate unlinked = ZendeskTestUpdates.about(
                        "101", "inc-1", 5, TicketUpdateKind.UNLINKED, PublicStatus.IDENTIFIED, "en")
                .setReason("wrong product")
                .build();

        assertThat(TicketEdits.needsProblem(unlinked)).isFalse();
        assertThat(edits(unlinked, ResolveAction.SOLVE)).singleElement().satisfies(edit -> {
            assertThat(edit).containsEntry("problem_id", null);
            assertThat(comment(edit)).containsEntry("public", false);
            assertThat((String) comment(edit).get("body")).contains("inc-1").contains("wrong product");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "TRIAGED",
                "INCIDENT_STATUS_CHANGED",
                "RESOLVED_FOLLOW_UP_REQUIRED",
                "DUPLICATE",
                "UNLINKED",
                "OTHER"
            })
    void everyEditCarriesACommentSoZendeskKeepsAnAuditOfIt(String kind) {
        TicketUpdate update = ZendeskTestUpdates.about(
                        "101", "inc-1", 2, TicketUpdateKind.valueOf(kind), PublicStatus.IDENTIFIED, "en")
                .setTriageOutcome(TriageOutcome.LINKED)
                .build();

        assertThat(edits(update, ResolveAction.SOLVE))
                .isNotEmpty()
                .allSatisfy(
                        edit -> assertThat((String) comment(edit).get("body")).isNotBlank());
    }

    @Test
    void theProblemTicketIsFoundByTheIncidentsExternalIdAndPrioritizedBySeverity() {
        Map<String, Object> problem =
                TicketEdits.problemTicket(linked("101", "inc-1", "de"), "https://tocsin.example/incidents/inc-1");

        assertThat(problem)
                .containsEntry("type", "problem")
                .containsEntry("external_id", "tocsin-incident:inc-1")
                .containsEntry("priority", "high");
        assertThat((String) problem.get("subject")).contains("inc-1");
        assertThat(comment(problem)).containsEntry("public", false);
    }

    @Test
    void onlyNumericTicketIdsAreZendeskTickets() {
        assertThat(TicketEdits.zendeskId("35436")).hasValue(35436L);
        assertThat(TicketEdits.zendeskId("portal-17")).isEmpty();
        assertThat(TicketEdits.zendeskId("0")).isEmpty();
        assertThat(TicketEdits.zendeskId("T-1")).isEmpty();
    }

    @Test
    void everyKeyAndPlaceholderExistsInEnglishGermanAndJapanese() {
        assertThat(ZendeskTexts.CATALOG.inconsistencies()).isEmpty();
    }
}
