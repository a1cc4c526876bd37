package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.T0;
import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.command;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static dev.tocsin.correlator.domain.TestData.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tocsin.avro.AlertRef;
import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TimelineEntry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rule 7 (operator part): commands, and rejections that never throw. */
class CommandsTest {

    private final Harness h = new Harness();

    private String openIncident(String fingerprint, String component, int minute) {
        h.alert(alert(fingerprint).component(component), minutes(minute));
        return h.state.rawAlert("chat", fingerprint).getIncidentId();
    }

    private IncidentEvent rejection(Outcome outcome) {
        assertThat(outcome.incidents()).isEmpty();
        assertThat(outcome.events())
                .singleElement()
                .extracting(IncidentEvent::getType)
                .isEqualTo(IncidentEventType.COMMAND_REJECTED);
        return outcome.events().get(0);
    }

    @Test
    void acknowledgeRecordsTheFirstResponse() {
        String id = openIncident("fp-1", "api", 0);

        Outcome outcome =
                h.command(command(CommandType.ACKNOWLEDGE, id).actor("alice").reason("looking"), minutes(4));

        Incident incident = h.incident(id);
        assertThat(incident.getAcknowledged()).isTrue();
        assertThat(incident.getAcknowledgement().getActor()).isEqualTo("alice");
        assertThat(incident.getAcknowledgement().getAt()).isEqualTo(minutes(4));
        assertThat(incident.getSla().getFirstResponseDue()).isNull();
        assertThat(outcome.events()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(IncidentEventType.ACKNOWLEDGED);
            assertThat(e.getCommandId()).isEqualTo("cmd-ACKNOWLEDGE-" + id);
        });
    }

    @Test
    void secondAcknowledgementIsRejected() {
        String id = openIncident("fp-1", "api", 0);
        h.command(command(CommandType.ACKNOWLEDGE, id).actor("alice"), minutes(4));

        IncidentEvent rejected = rejection(
                h.command(command(CommandType.ACKNOWLEDGE, id).id("c2").actor("bob"), minutes(5)));

        assertThat(rejected.getMessage()).contains("already acknowledged by alice");
        assertThat(h.incident(id).getAcknowledgement().getActor()).isEqualTo("alice");
    }

    @Test
    void commandForUnknownIncidentIsRejectedNotThrown() {
        IncidentEvent rejected = rejection(
                h.command(command(CommandType.RESOLVE, "chat-00000000").id("c-1"), minutes(0)));

        assertThat(rejected.getIncidentId()).isEqualTo("chat-00000000");
        assertThat(rejected.getProduct()).isEqualTo("chat");
        assertThat(rejected.getCommandId()).isEqualTo("c-1");
        assertThat(rejected.getEventId()).isEqualTo("chat-00000000:rejected:c-1");
        assertThat(rejected.getMessage()).contains("unknown incident chat-00000000");
    }

    @Test
    void malformedCommandsAreRejectedWithTheReason() {
        String id = openIncident("fp-1", "api", 0);

        assertThat(rejection(h.command(command(CommandType.SET_SEVERITY, id), minutes(1)))
                        .getMessage())
                .contains("severity is required");
        assertThat(rejection(h.command(command(CommandType.SET_STATUS, id), minutes(1)))
                        .getMessage())
                .contains("status is required");
        assertThat(rejection(h.command(command(CommandType.POST_UPDATE, id).message(" "), minutes(1)))
                        .getMessage())
                .contains("message is required");
        assertThat(rejection(h.command(command(CommandType.MERGE, id), minutes(1)))
                        .getMessage())
                .contains("targetIncidentId is required");
        assertThat(rejection(h.command(command(CommandType.LINK_TICKET, id), minutes(1)))
                        .getMessage())
                .contains("ticketId is required");
        assertThat(rejection(h.command(command(CommandType.LINK_TICKET, id).ticket("T-9"), minutes(1)))
                        .getMessage())
                .contains("organizationId is required");
        assertThat(rejection(h.command(command(CommandType.ACKNOWLEDGE, id).product("talk"), minutes(1)))
                        .getMessage())
                .contains("belongs to product chat");
    }

    @Test
    void illegalTransitionsAreRejected() {
        String id = openIncident("fp-1", "api", 0);

        assertThat(rejection(h.command(command(CommandType.REOPEN, id), minutes(1)))
                        .getMessage())
                .contains("not resolved");
        assertThat(rejection(h.command(
                                command(CommandType.SET_STATUS, id).status(PublicStatus.INVESTIGATING), minutes(1)))
                        .getMessage())
                .contains("already INVESTIGATING");
        h.command(command(CommandType.RESOLVE, id), minutes(2));
        assertThat(rejection(h.command(command(CommandType.RESOLVE, id).id("again"), minutes(3)))
                        .getMessage())
                .contains("already resolved");
        assertThat(rejection(h.command(command(CommandType.SET_STATUS, id).status(PublicStatus.MONITORING), minutes(3)))
                        .getMessage())
                .contains("use REOPEN");
        assertThat(rejection(h.command(command(CommandType.REOPEN, id).id("late"), T0.plus(Duration.ofDays(8))))
                        .getMessage())
                .contains("more than PT168H ago");
    }

    @Test
    void setStatusWithPublicMessageUpdatesStatusAndMessage() {
        String id = openIncident("fp-1", "api", 0);

        Outcome outcome = h.command(
                command(CommandType.SET_STATUS, id)
                        .status(PublicStatus.IDENTIFIED)
                        .message("We found the cause")
                        .reason("db failover"),
                minutes(10));

        Incident incident = h.incident(id);
        assertThat(incident.getStatus()).isEqualTo(PublicStatus.IDENTIFIED);
        assertThat(incident.getLatestPublicMessage()).isEqualTo("We found the cause");
        assertThat(incident.getTimeline()).last().satisfies(entry -> {
            assertThat(entry.getType()).isEqualTo(IncidentEventType.STATUS_CHANGED);
            assertThat(entry.getIsPublic()).isTrue();
            assertThat(entry.getMessage()).isEqualTo("We found the cause");
        });
        assertThat(outcome.events()).singleElement().satisfies(e -> {
            assertThat(e.getPreviousStatus()).isEqualTo(PublicStatus.INVESTIGATING);
            assertThat(e.getStatus()).isEqualTo(PublicStatus.IDENTIFIED);
        });
    }

    @Test
    void postUpdateRestartsTheUpdateCadence() {
        String id = openIncident("fp-1", "api", 0);
        assertThat(h.incident(id).getSla().getNextUpdateDue()).isEqualTo(minutes(120));

        h.command(command(CommandType.POST_UPDATE, id).message("Still investigating"), minutes(50));

        assertThat(h.incident(id).getSla().getNextUpdateDue()).isEqualTo(minutes(170));
        assertThat(h.incident(id).getLatestPublicMessage()).isEqualTo("Still investigating");
    }

    @Test
    void internalNoteIsInTheTimelineButNotPublic() {
        String id = openIncident("fp-1", "api", 0);
        h.command(command(CommandType.POST_UPDATE, id).id("public").message("We are investigating"), minutes(10));

        Outcome outcome = h.command(
                command(CommandType.POST_UPDATE, id)
                        .id("note")
                        .actor("support@example.com")
                        .message("Customer X confirmed the outage by phone")
                        .internal(),
                minutes(20));

        Incident incident = h.incident(id);
        assertThat(incident.getTimeline()).last().satisfies(entry -> {
            assertThat(entry.getType()).isEqualTo(IncidentEventType.UPDATE_POSTED);
            assertThat(entry.getIsPublic()).isFalse();
            assertThat(entry.getActor()).isEqualTo("support@example.com");
            assertThat(entry.getMessage()).isEqualTo("Customer X confirmed the outage by phone");
        });
        assertThat(Harness.types(outcome)).containsExactly(IncidentEventType.UPDATE_POSTED);
        assertThat(incident.getLatestPublicMessage()).isEqualTo("We are investigating");
    }

    @Test
    void internalNoteDoesNotRestartTheUpdateCadence() {
        String id = openIncident("fp-1", "api", 0);
        long lastPublicUpdateAt = h.tracking(id).getLastPublicUpdateAt();

        h.command(command(CommandType.POST_UPDATE, id).message("note").internal(), minutes(50));

        assertThat(h.incident(id).getSla().getNextUpdateDue()).isEqualTo(minutes(120));
        assertThat(h.tracking(id).getLastPublicUpdateAt()).isEqualTo(lastPublicUpdateAt);
    }

    @Test
    void internalNoteSendsNoTicketUpdates() {
        String id = openIncident("fp-1", "api", 0);
        h.command(command(CommandType.LINK_TICKET, id).ticket("T-9").organization("org-9"), minutes(1));

        Outcome note =
                h.command(command(CommandType.POST_UPDATE, id).message("note").internal(), minutes(2));
        Outcome update =
                h.command(command(CommandType.POST_UPDATE, id).id("public").message("Update"), minutes(3));

        assertThat(note.ticketUpdates()).isEmpty();
        assertThat(update.ticketUpdates())
                .singleElement()
                .satisfies(u -> assertThat(u.getTicketId()).isEqualTo("T-9"));
    }

    @Test
    void resolveThenReopenKeepsTheId() {
        String id = openIncident("fp-1", "api", 0);
        h.command(command(CommandType.RESOLVE, id), minutes(10));

        Outcome outcome = h.command(command(CommandType.REOPEN, id).reason("customers still affected"), minutes(40));

        Incident incident = h.incident(id);
        assertThat(incident.getStatus()).isEqualTo(PublicStatus.INVESTIGATING);
        assertThat(incident.getReopenCount()).isEqualTo(1);
        assertThat(incident.getResolvedAt()).isNull();
        assertThat(Harness.types(outcome)).containsExactly(IncidentEventType.REOPENED);
    }

    @Test
    void publishSetsPublishedOnce() {
        String id = openIncident("fp-1", "api", 0);

        h.command(command(CommandType.PUBLISH, id), minutes(1));

        assertThat(h.incident(id).getPublished()).isTrue();
        assertThat(rejection(h.command(command(CommandType.PUBLISH, id).id("p2"), minutes(2)))
                        .getMessage())
                .contains("already published");
    }

    @Test
    void publishWithComponentStatusSetsOverrideUntilResolved() {
        String id = openIncident("fp-1", "api", 0);

        Outcome published =
                h.command(command(CommandType.PUBLISH, id).componentStatus(ComponentStatus.PARTIAL_OUTAGE), minutes(1));

        assertThat(h.incident(id).getPublished()).isTrue();
        assertThat(h.incident(id).getComponentStatusOverride()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(published.events()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(IncidentEventType.PUBLISHED);
            assertThat(e.getMessage()).isEqualTo("published on the status page with component status partial_outage");
        });
        // a bare repeated PUBLISH is still rejected; one with a new component status updates the override
        assertThat(rejection(h.command(command(CommandType.PUBLISH, id).id("p2"), minutes(2)))
                        .getMessage())
                .contains("already published");
        Outcome updated = h.command(
                command(CommandType.PUBLISH, id).id("p3").componentStatus(ComponentStatus.MAJOR_OUTAGE), minutes(3));
        assertThat(h.incident(id).getComponentStatusOverride()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(updated.events())
                .singleElement()
                .extracting(IncidentEvent::getMessage)
                .isEqualTo("component status set to major_outage");
        assertThat(rejection(h.command(
                                command(CommandType.PUBLISH, id).id("p4").componentStatus(ComponentStatus.MAJOR_OUTAGE),
                                minutes(4)))
                        .getMessage())
                .contains("already published with component status major_outage");

        // the automatic lifecycle resolves it: the override ends with it
        h.alert(alert("fp-1").component("api").resolved(), minutes(10));
        h.clock("chat", minutes(25));
        assertThat(h.incident(id).getStatus()).isEqualTo(PublicStatus.MONITORING);
        assertThat(h.incident(id).getComponentStatusOverride()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        h.clock("chat", minutes(200));
        assertThat(h.incident(id).getStatus()).isEqualTo(PublicStatus.RESOLVED);
        assertThat(h.incident(id).getComponentStatusOverride()).isNull();

        // a resolved incident takes no component status; reopened, it starts without one
        assertThat(rejection(h.command(
                                command(CommandType.PUBLISH, id).id("p5").componentStatus(ComponentStatus.OPERATIONAL),
                                minutes(201)))
                        .getMessage())
                .contains("incident is resolved");
        h.command(command(CommandType.REOPEN, id), minutes(202));
        assertThat(h.incident(id).getComponentStatusOverride()).isNull();
    }

    @Test
    void setStatusWithComponentStatusOverridesAndResolveClearsIt() {
        String id = openIncident("fp-1", "api", 0);

        h.command(
                command(CommandType.SET_STATUS, id)
                        .status(PublicStatus.IDENTIFIED)
                        .componentStatus(ComponentStatus.DEGRADED_PERFORMANCE),
                minutes(5));
        assertThat(h.incident(id).getStatus()).isEqualTo(PublicStatus.IDENTIFIED);
        assertThat(h.incident(id).getComponentStatusOverride()).isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);

        // a componentStatus alone (or with the current status) changes only the component status
        Outcome only = h.command(
                command(CommandType.SET_STATUS, id).id("s2").componentStatus(ComponentStatus.MAJOR_OUTAGE), minutes(6));
        assertThat(h.incident(id).getStatus()).isEqualTo(PublicStatus.IDENTIFIED);
        assertThat(h.incident(id).getComponentStatusOverride()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(only.events()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(IncidentEventType.STATUS_CHANGED);
            assertThat(e.getStatus()).isEqualTo(PublicStatus.IDENTIFIED);
            assertThat(e.getPreviousStatus()).isEqualTo(PublicStatus.IDENTIFIED);
            assertThat(e.getMessage()).isEqualTo("component status set to major_outage");
        });
        assertThat(h.incident(id).getTimeline())
                .last()
                .extracting(TimelineEntry::getIsPublic)
                .isEqualTo(false);
        h.command(
                command(CommandType.SET_STATUS, id)
                        .id("s3")
                        .status(PublicStatus.IDENTIFIED)
                        .componentStatus(ComponentStatus.PARTIAL_OUTAGE)
                        .message("Some regions recovered"),
                minutes(7));
        assertThat(h.incident(id).getComponentStatusOverride()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(h.incident(id).getLatestPublicMessage()).isEqualTo("Some regions recovered");
        assertThat(h.incident(id).getTimeline()).last().satisfies(entry -> {
            assertThat(entry.getIsPublic()).isTrue();
            assertThat(entry.getMessage()).isEqualTo("Some regions recovered");
        });

        // unchanged, or together with resolving: rejected
        assertThat(rejection(h.command(
                                command(CommandType.SET_STATUS, id)
                                        .id("s4")
                                        .componentStatus(ComponentStatus.PARTIAL_OUTAGE),
                                minutes(8)))
                        .getMessage())
                .contains("already IDENTIFIED with component status partial_outage");
        assertThat(rejection(h.command(
                                command(CommandType.SET_STATUS, id)
                                        .id("s5")
                                        .status(PublicStatus.RESOLVED)
                                        .componentStatus(ComponentStatus.OPERATIONAL),
                                minutes(8)))
                        .getMessage())
                .contains("override ends when the incident resolves");
        assertThat(h.incident(id).getComponentStatusOverride()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);

        h.command(command(CommandType.RESOLVE, id), minutes(9));

        assertThat(h.incident(id).getStatus()).isEqualTo(PublicStatus.RESOLVED);
        assertThat(h.incident(id).getComponentStatusOverride()).isNull();
        assertThat(rejection(h.command(
                                command(CommandType.SET_STATUS, id)
                                        .id("s6")
                                        .componentStatus(ComponentStatus.MAJOR_OUTAGE),
                                minutes(10)))
                        .getMessage())
                .contains("use REOPEN");
    }

    @Test
    void mergedSourceLosesItsComponentStatusOverride() {
        String target = openIncident("fp-1", "api", 0);
        String source = openIncident("fp-2", "widget", 60);
        h.command(command(CommandType.PUBLISH, source).componentStatus(ComponentStatus.PARTIAL_OUTAGE), minutes(61));

        h.command(command(CommandType.MERGE, source).target(target), minutes(70));

        assertThat(h.incident(source).getStatus()).isEqualTo(PublicStatus.RESOLVED);
        assertThat(h.incident(source).getComponentStatusOverride()).isNull();
        assertThat(h.incident(target).getComponentStatusOverride()).isNull();
    }

    @Test
    void timelineEntriesRecordTheStatusTheyWerePostedWith() {
        String id = openIncident("fp-1", "api", 0);
        h.command(command(CommandType.ACKNOWLEDGE, id), minutes(1));
        h.command(
                command(CommandType.SET_STATUS, id)
                        .status(PublicStatus.IDENTIFIED)
                        .message("Cause found"),
                minutes(2));
        h.command(command(CommandType.POST_UPDATE, id).message("Fix rolling out"), minutes(3));
        h.alert(alert("fp-1").component("api").resolved(), minutes(4));
        h.clock("chat", minutes(19));
        h.command(command(CommandType.RESOLVE, id).message("Fixed"), minutes(20));
        h.command(command(CommandType.REOPEN, id).message("It is back"), minutes(30));

        assertThat(h.incident(id).getTimeline())
                .extracting(TimelineEntry::getType, TimelineEntry::getStatus)
                .containsExactly(
                        tuple(IncidentEventType.OPENED, PublicStatus.INVESTIGATING),
                        tuple(IncidentEventType.ACKNOWLEDGED, PublicStatus.INVESTIGATING),
                        tuple(IncidentEventType.STATUS_CHANGED, PublicStatus.IDENTIFIED),
                        tuple(IncidentEventType.UPDATE_POSTED, PublicStatus.IDENTIFIED),
                        tuple(IncidentEventType.ALERT_UPDATED, PublicStatus.IDENTIFIED),
                        tuple(IncidentEventType.STATUS_CHANGED, PublicStatus.MONITORING),
                        tuple(IncidentEventType.RESOLVED, PublicStatus.RESOLVED),
                        tuple(IncidentEventType.REOPENED, PublicStatus.INVESTIGATING));
        // the public updates carry the status they were posted with
        assertThat(h.incident(id).getTimeline())
                .filteredOn(TimelineEntry::getIsPublic)
                .extracting(TimelineEntry::getMessage, TimelineEntry::getStatus)
                .containsExactly(
                        tuple("Cause found", PublicStatus.IDENTIFIED),
                        tuple("Fix rolling out", PublicStatus.IDENTIFIED),
                        tuple("Fixed", PublicStatus.RESOLVED),
                        tuple("It is back", PublicStatus.INVESTIGATING));
    }

    @Test
    void linkAndUnlinkTicketByOperator() {
        String id = openIncident("fp-1", "api", 0);

        Outcome linked =
                h.command(command(CommandType.LINK_TICKET, id).ticket("T-9").organization("org-9"), minutes(1));
        assertThat(linked.ticketUpdates()).singleElement().satisfies(u -> {
            assertThat(u.getKind()).isEqualTo(TicketUpdateKind.TRIAGED);
            assertThat(u.getReason()).startsWith("linked-by-operator");
        });
        assertThat(h.incident(id).getTicketCount()).isEqualTo(1);
        assertThat(rejection(h.command(
                                command(CommandType.LINK_TICKET, id).id("again").ticket("T-9"), minutes(2)))
                        .getMessage())
                .contains("already linked");

        Outcome unlinked =
                h.command(command(CommandType.UNLINK_TICKET, id).ticket("T-9").reason("different problem"), minutes(3));

        assertThat(unlinked.ticketUpdates())
                .singleElement()
                .extracting(TicketUpdate::getKind)
                .isEqualTo(TicketUpdateKind.UNLINKED);
        assertThat(h.incident(id).getTicketCount()).isZero();
        assertThat(h.incident(id).getOrganizationCount()).isZero();
        assertThat(h.incident(id).getLinkedTickets()).isEmpty();
        assertThat(h.ticket("T-9").getIncidentId()).isNull();
    }

    @Test
    void unlinkingTheFirstTicketOfAnOrganizationPromotesItsNextTicket() {
        String id = openIncident("fp-1", "api", 0);
        h.report(report("T-1").org("org-1"), minutes(1));
        h.report(report("T-2").org("org-1"), minutes(2));

        h.command(command(CommandType.UNLINK_TICKET, id).ticket("T-1"), minutes(3));

        assertThat(h.ticket("T-2").getDuplicateOf()).isNull();
        assertThat(h.incident(id).getOrganizationCount()).isEqualTo(1);
        h.report(report("T-3").org("org-1"), minutes(4));
        assertThat(h.ticket("T-3").getDuplicateOf()).isEqualTo("T-2");
    }

    @Test
    void mergeMovesAlertsTicketsAndOrganizationsToTarget() {
        String target = openIncident("fp-1", "api", 0);
        h.report(report("T-1").org("org-1"), minutes(1));
        // a second incident of the same product: another component, after the correlation window
        String source = openIncident("fp-2", "widget", 60);
        h.alert(alert("fp-3").component("widget").signal(Signal.AVAILABILITY).hint(SeverityHint.CRITICAL), minutes(61));
        h.report(report("T-2").org("org-1").component("widget"), minutes(62));
        h.report(report("T-3").org("org-2").component("widget"), minutes(63));
        assertThat(source).isNotEqualTo(target);

        Outcome outcome =
                h.command(command(CommandType.MERGE, source).target(target).actor("alice"), minutes(70));

        Incident closed = h.incident(source);
        assertThat(closed.getStatus()).isEqualTo(PublicStatus.RESOLVED);
        assertThat(closed.getMergedInto()).isEqualTo(target);
        assertThat(closed.getSla().getRcaDue())
                .as("merged incidents owe no RCA")
                .isNull();
        Incident merged = h.incident(target);
        assertThat(merged.getAlertCount()).isEqualTo(3);
        assertThat(merged.getAlerts())
                .extracting(AlertRef::getFingerprint)
                .containsExactlyInAnyOrder("fp-1", "fp-2", "fp-3");
        assertThat(merged.getComponents()).containsExactly("api", "widget");
        assertThat(merged.getTicketCount()).isEqualTo(3);
        assertThat(merged.getOrganizationCount()).isEqualTo(2);
        assertThat(merged.getAffectedOrganizations()).containsExactly("org-1", "org-2");
        assertThat(merged.getSeverity()).isEqualTo(Severity.SEV1);
        assertThat(h.tracking(target).getFiringAlerts()).isEqualTo(3);
        assertThat(h.state.ticketsOf(source)).isEmpty();
        assertThat(h.ticket("T-2").getIncidentId()).isEqualTo(target);
        assertThat(h.ticket("T-2").getDuplicateOf()).isEqualTo("T-1");
        assertThat(h.ticket("T-3").getDuplicateOf()).isNull();
        assertThat(outcome.events())
                .extracting(IncidentEvent::getType, IncidentEvent::getIncidentId)
                .startsWith(tuple(IncidentEventType.MERGED, source), tuple(IncidentEventType.MERGED, target));
        // moved tickets hear about their new incident; T-1 hears about the severity change
        assertThat(outcome.ticketUpdates())
                .extracting(TicketUpdate::getTicketId, TicketUpdate::getKind)
                .containsExactly(
                        tuple("T-2", TicketUpdateKind.DUPLICATE),
                        tuple("T-3", TicketUpdateKind.INCIDENT_STATUS_CHANGED),
                        tuple("T-1", TicketUpdateKind.INCIDENT_STATUS_CHANGED));
        assertThat(outcome.ticketUpdates())
                .allSatisfy(u -> assertThat(u.getIncidentId()).isEqualTo(target));
    }

    @Test
    void alertsOfAMergedIncidentKeepReportingToTheTarget() {
        String target = openIncident("fp-1", "api", 0);
        String source = openIncident("fp-2", "widget", 60);
        h.command(command(CommandType.MERGE, source).target(target), minutes(70));

        h.alert(alert("fp-2").component("widget").resolved(), minutes(71));
        h.alert(alert("fp-1").component("api").resolved(), minutes(72));

        assertThat(h.tracking(target).getFiringAlerts()).isZero();
        assertThat(h.state.rawAlert("chat", "fp-2").getIncidentId()).isEqualTo(target);
        h.clock("chat", minutes(90));
        assertThat(h.incident(target).getStatus()).isEqualTo(PublicStatus.MONITORING);
        assertThat(h.incident(source).getStatus()).isEqualTo(PublicStatus.RESOLVED);
    }

    @Test
    void mergeAcrossProductsOrIntoUnknownIncidentsIsRejected() {
        String chat = openIncident("fp-1", "api", 0);
        h.alert(alert("fp-9").product("talk"), minutes(1));
        String talk = h.state.rawAlert("talk", "fp-9").getIncidentId();

        assertThat(rejection(h.command(command(CommandType.MERGE, chat).target(talk), minutes(2)))
                        .getMessage())
                .contains("merges stay within product chat");
        assertThat(rejection(h.command(command(CommandType.MERGE, chat).id("m2").target("chat-12345678"), minutes(2)))
                        .getMessage())
                .contains("unknown target incident chat-12345678");
        assertThat(rejection(h.command(command(CommandType.MERGE, chat).id("m3").target(chat), minutes(2)))
                        .getMessage())
                .contains("into itself");
        assertThat(h.incident(chat).getMergedInto()).isNull();
    }

    @Test
    void commandsToAMergedIncidentAreRejectedNamingTheTarget() {
        String target = openIncident("fp-1", "api", 0);
        String source = openIncident("fp-2", "widget", 60);
        h.command(command(CommandType.MERGE, source).target(target), minutes(70));

        assertThat(rejection(h.command(command(CommandType.REOPEN, source), minutes(71)))
                        .getMessage())
                .contains("merged into " + target);
    }

    @Test
    void aRetriedPostUpdateWithTheSameCommandIdIsAppliedOnce() {
        String id = openIncident("fp-1", "api", 0);
        h.command(command(CommandType.POST_UPDATE, id).id("idem-1").message("Fix rolling out"), minutes(3));
        long version = h.incident(id).getVersion();

        Outcome retry =
                h.command(command(CommandType.POST_UPDATE, id).id("idem-1").message("Fix rolling out"), minutes(4));

        assertThat(retry.isEmpty()).as("no new version, no event").isTrue();
        assertThat(retry.duplicateCommands()).isEqualTo(1);
        assertThat(h.incident(id).getVersion()).isEqualTo(version);
        assertThat(h.incident(id).getTimeline())
                .filteredOn(e -> e.getType() == IncidentEventType.UPDATE_POSTED)
                .hasSize(1);
    }

    @Test
    void theSameUpdateUnderANewCommandIdIsPostedAgain() {
        String id = openIncident("fp-1", "api", 0);
        h.command(command(CommandType.POST_UPDATE, id).id("idem-1").message("Still investigating"), minutes(3));

        Outcome second = h.command(
                command(CommandType.POST_UPDATE, id).id("idem-2").message("Still investigating"), minutes(30));

        assertThat(second.duplicateCommands()).isZero();
        assertThat(h.incident(id).getTimeline())
                .filteredOn(e -> e.getType() == IncidentEventType.UPDATE_POSTED)
                .hasSize(2);
    }

    @Test
    void aRetriedMergeIsANoOpNotARejection() {
        String target = openIncident("fp-1", "api", 0);
        String source = openIncident("fp-2", "widget", 60);
        h.command(command(CommandType.MERGE, source).id("merge-1").target(target), minutes(70));

        Outcome retry =
                h.command(command(CommandType.MERGE, source).id("merge-1").target(target), minutes(71));

        assertThat(retry.events()).isEmpty();
        assertThat(retry.duplicateCommands()).isEqualTo(1);
    }

    @Test
    void aRejectedCommandIsNotRememberedSoItsCorrectedRetryApplies() {
        String id = openIncident("fp-1", "api", 0);
        rejection(h.command(command(CommandType.POST_UPDATE, id).id("idem-1").message(" "), minutes(3)));

        h.command(command(CommandType.POST_UPDATE, id).id("idem-1").message("Fix rolling out"), minutes(4));

        assertThat(h.incident(id).getLatestPublicMessage()).isEqualTo("Fix rolling out");
    }

    @Test
    void onlyTheLatestCommandIdsOfAnIncidentAreRemembered() {
        String id = openIncident("fp-1", "api", 0);
        for (int i = 0; i <= AppliedCommands.REMEMBERED; i++) {
            h.command(command(CommandType.POST_UPDATE, id).id("update-" + i).message("update " + i), minutes(1));
        }

        assertThat(h.state.tracking(id).orElseThrow().getAppliedCommands())
                .hasSize(AppliedCommands.REMEMBERED)
                .doesNotContain("update-0")
                .endsWith("update-" + AppliedCommands.REMEMBERED);
        assertThat(h.command(command(CommandType.POST_UPDATE, id).id("update-1").message("again"), minutes(2))
                        .duplicateCommands())
                .isEqualTo(1);
    }
}
