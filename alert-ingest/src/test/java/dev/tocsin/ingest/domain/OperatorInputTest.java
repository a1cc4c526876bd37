package dev.tocsin.ingest.domain;

import static dev.tocsin.ingest.domain.Fixtures.RECEIVED_MILLIS;
import static dev.tocsin.ingest.domain.Fixtures.ctx;
import static dev.tocsin.ingest.domain.Fixtures.parse;
import static dev.tocsin.ingest.domain.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.Subscription;
import dev.tocsin.avro.SubscriptionScope;
import dev.tocsin.avro.Weekday;
import dev.tocsin.avro.WeeklyRecurrence;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorInputTest {

    @Nested
    class Commands {

        @Test
        void acknowledgeNeedsOnlyAnActor() {
            IncidentCommand command = OperatorInput.command(
                    "chat-0001abcd", parse("{\"type\":\"acknowledge\",\"actor\":\"ops-ana\"}"), ctx(), null);

            assertThat(command.getCommandId()).isEqualTo("id-1");
            assertThat(command.getIncidentId()).isEqualTo("chat-0001abcd");
            assertThat(command.getType()).isEqualTo(CommandType.ACKNOWLEDGE);
            assertThat(command.getActor()).isEqualTo("ops-ana");
            assertThat(command.getIssuedAt()).isEqualTo(RECEIVED_MILLIS);
        }

        @Test
        void actorIsAlwaysRequired() {
            assertThat(violations(() -> OperatorInput.command("i-1", parse("{\"type\":\"RESOLVE\"}"), ctx(), null)))
                    .containsExactly(new Violation("actor", "required"));
        }

        @Test
        void theCorrelatorsInternalAbsorbCommandIsNoOperatorCommand() {
            assertThat(violations(() -> OperatorInput.command(
                            "chat-0001abcd",
                            parse("{\"type\":\"absorb_dependant_alert\",\"actor\":\"ops-ana\"}"),
                            ctx(),
                            null)))
                    .extracting(Violation::field)
                    .containsExactly("type");
        }

        @ParameterizedTest(name = "severity {0}")
        @CsvSource(textBlock = """
                1, SEV1
                '"2"', SEV2
                '"sev3"', SEV3
                4, SEV4
                """)
        void setSeverityTakesOneToFour(String json, Severity expected) {
            JsonNode body = parse(
                    "{\"type\":\"SET_SEVERITY\",\"actor\":\"a\",\"severity\":" + json + ",\"reason\":\"breadth\"}");
            IncidentCommand command = OperatorInput.command("i-1", body, ctx(), null);

            assertThat(command.getSeverity()).isEqualTo(expected);
            assertThat(command.getReason()).isEqualTo("breadth");
        }

        @ParameterizedTest(name = "severity {0}")
        @ValueSource(strings = {"0", "5", "1.5", "\"high\"", "[1]", "99999999999999999999999"})
        void setSeverityRejectsAnythingElse(String json) {
            JsonNode body = parse("{\"type\":\"SET_SEVERITY\",\"actor\":\"a\",\"severity\":" + json + "}");
            assertThat(violations(() -> OperatorInput.command("i-1", body, ctx(), null)))
                    .extracting(Violation::field)
                    .containsExactly("severity");
        }

        @Test
        void setSeverityWithoutSeverityIsRejected() {
            assertThat(violations(() -> OperatorInput.command(
                            "i-1", parse("{\"type\":\"SET_SEVERITY\",\"actor\":\"a\"}"), ctx(), null)))
                    .containsExactly(new Violation("severity", "SET_SEVERITY needs a severity 1-4"));
        }

        @Test
        void setStatusTakesAPublicStatusInAnyCase() {
            JsonNode body = parse(
                    "{\"type\":\"set_status\",\"actor\":\"a\",\"status\":\"Identified\",\"message\":\"Found it\"}");
            IncidentCommand command = OperatorInput.command("i-1", body, ctx(), null);

            assertThat(command.getStatus()).isEqualTo(PublicStatus.IDENTIFIED);
            assertThat(command.getMessage()).isEqualTo("Found it");
        }

        @Test
        void setStatusWithoutOrWithUnknownStatusIsRejected() {
            assertThat(violations(() -> OperatorInput.command(
                            "i-1", parse("{\"type\":\"SET_STATUS\",\"actor\":\"a\"}"), ctx(), null)))
                    .containsExactly(new Violation(
                            "status", "SET_STATUS needs a status: investigating, identified, monitoring, resolved"));
            assertThat(violations(() -> OperatorInput.command(
                            "i-1",
                            parse("{\"type\":\"SET_STATUS\",\"actor\":\"a\",\"status\":\"fixed\"}"),
                            ctx(),
                            null)))
                    .containsExactly(new Violation(
                            "status",
                            "unknown value 'fixed'; allowed: investigating, identified, monitoring, resolved"));
        }

        @ParameterizedTest(name = "{0} componentStatus {1}")
        @CsvSource(textBlock = """
                PUBLISH,    operational,          OPERATIONAL
                PUBLISH,    degraded_performance, DEGRADED_PERFORMANCE
                publish,    Partial_Outage,       PARTIAL_OUTAGE
                SET_STATUS, major_outage,         MAJOR_OUTAGE
                SET_STATUS, UNDER_MAINTENANCE,    UNDER_MAINTENANCE
                SET_STATUS, ' Degraded_Performance ', DEGRADED_PERFORMANCE
                """)
        void publishAndSetStatusTakeAComponentStatusByItsStatuspageName(
                String type, String wire, ComponentStatus expected) {
            JsonNode body = parse("{\"type\":\"" + type + "\",\"actor\":\"a\",\"componentStatus\":\"" + wire + "\"}");
            IncidentCommand command = OperatorInput.command("i-1", body, ctx(), null);

            assertThat(command.getComponentStatus()).isEqualTo(expected);
            assertThat(command.getStatus()).isNull();
        }

        @Test
        void setStatusTakesStatusAndComponentStatusTogether() {
            IncidentCommand command = OperatorInput.command(
                    "i-1",
                    parse(
                            "{\"type\":\"SET_STATUS\",\"actor\":\"a\",\"status\":\"identified\",\"componentStatus\":\"partial_outage\"}"),
                    ctx(),
                    null);

            assertThat(command.getStatus()).isEqualTo(PublicStatus.IDENTIFIED);
            assertThat(command.getComponentStatus()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        }

        @Test
        void componentStatusIsOptional() {
            assertThat(OperatorInput.command("i-1", parse("{\"type\":\"PUBLISH\",\"actor\":\"a\"}"), ctx(), null)
                            .getComponentStatus())
                    .isNull();
            assertThat(OperatorInput.command(
                                    "i-1",
                                    parse("{\"type\":\"PUBLISH\",\"actor\":\"a\",\"componentStatus\":null}"),
                                    ctx(),
                                    null)
                            .getComponentStatus())
                    .isNull();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                '{"type":"PUBLISH","actor":"a","componentStatus":"down"}'                          | componentStatus | unknown value 'down'; allowed: operational, degraded_performance, partial_outage, major_outage, under_maintenance
                '{"type":"SET_STATUS","actor":"a","componentStatus":"resolved"}'                   | componentStatus | unknown value 'resolved'; allowed: operational, degraded_performance, partial_outage, major_outage, under_maintenance
                '{"type":"SET_STATUS","actor":"a","componentStatus":2}'                            | componentStatus | unknown value '2'; allowed: operational, degraded_performance, partial_outage, major_outage, under_maintenance
                '{"type":"PUBLISH","actor":"a","componentStatus":["operational"]}'                 | componentStatus | must be a string, got an array
                '{"type":"SET_STATUS","actor":"a","componentStatus":" "}'                          | status          | SET_STATUS needs a status: investigating, identified, monitoring, resolved
                '{"type":"SET_STATUS","actor":"a","status":"resolved","componentStatus":"operational"}' | componentStatus | not with status resolved: the component status override ends when the incident resolves
                '{"type":"ACKNOWLEDGE","actor":"a","componentStatus":"operational"}'               | componentStatus | only PUBLISH and SET_STATUS carry componentStatus
                '{"type":"POST_UPDATE","actor":"a","message":"m","componentStatus":"major_outage"}' | componentStatus | only PUBLISH and SET_STATUS carry componentStatus
                '{"type":"RESOLVE","actor":"a","componentStatus":"operational"}'                   | componentStatus | only PUBLISH and SET_STATUS carry componentStatus
                '{"type":"SET_SEVERITY","actor":"a","severity":1,"componentStatus":"major_outage"}' | componentStatus | only PUBLISH and SET_STATUS carry componentStatus
                """)
        void componentStatusViolations(String json, String field, String reason) {
            assertThat(violations(() -> OperatorInput.command("i-1", parse(json), ctx(), null)))
                    .containsExactly(new Violation(field, reason));
        }

        @Test
        void postUpdateIsPublicUnlessMarkedInternal() {
            assertThat(OperatorInput.command(
                                    "i-1",
                                    parse("{\"type\":\"POST_UPDATE\",\"actor\":\"a\",\"message\":\"m\"}"),
                                    ctx(),
                                    null)
                            .getInternal())
                    .isFalse();
            assertThat(OperatorInput.command(
                                    "i-1",
                                    parse(
                                            "{\"type\":\"POST_UPDATE\",\"actor\":\"a\",\"message\":\"m\",\"internal\":true}"),
                                    ctx(),
                                    null)
                            .getInternal())
                    .isTrue();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                '{"type":"POST_UPDATE","actor":"a","message":"m","internal":"true"}' | internal | must be true or false, got a string
                '{"type":"POST_UPDATE","actor":"a","message":"m","internal":1}'      | internal | must be true or false, got a number
                '{"type":"ACKNOWLEDGE","actor":"a","internal":true}'                 | internal | only POST_UPDATE carries internal (an internal note instead of a public update)
                '{"type":"PUBLISH","actor":"a","message":"m","internal":false}'      | internal | only POST_UPDATE carries internal (an internal note instead of a public update)
                '{"type":"SET_STATUS","actor":"a","status":"identified","internal":"x"}' | internal | must be true or false, got a string
                """)
        void internalIsABooleanOnlyPostUpdateCarries(String json, String field, String reason) {
            assertThat(violations(() -> OperatorInput.command("i-1", parse(json), ctx(), null)))
                    .containsExactly(new Violation(field, reason));
        }

        @Test
        void postUpdateNeedsAMessage() {
            assertThat(violations(() -> OperatorInput.command(
                            "i-1",
                            parse("{\"type\":\"POST_UPDATE\",\"actor\":\"a\",\"message\":\"  \"}"),
                            ctx(),
                            null)))
                    .containsExactly(new Violation("message", "POST_UPDATE needs a message"));
        }

        @Test
        void mergeNeedsAnotherIncident() {
            assertThat(violations(() ->
                            OperatorInput.command("i-1", parse("{\"type\":\"MERGE\",\"actor\":\"a\"}"), ctx(), null)))
                    .containsExactly(new Violation("targetIncidentId", "MERGE needs the incident to merge into"));
            assertThat(violations(() -> OperatorInput.command(
                            "i-1",
                            parse("{\"type\":\"MERGE\",\"actor\":\"a\",\"targetIncidentId\":\"i-1\"}"),
                            ctx(),
                            null)))
                    .containsExactly(new Violation("targetIncidentId", "an incident cannot be merged into itself"));
            assertThat(OperatorInput.command(
                                    "i-1",
                                    parse("{\"type\":\"MERGE\",\"actor\":\"a\",\"targetIncidentId\":\"i-2\"}"),
                                    ctx(),
                                    null)
                            .getTargetIncidentId())
                    .isEqualTo("i-2");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"LINK_TICKET", "UNLINK_TICKET"})
        void ticketCommandsNeedATicketId(String type) {
            assertThat(violations(() -> OperatorInput.command(
                            "i-1", parse("{\"type\":\"" + type + "\",\"actor\":\"a\"}"), ctx(), null)))
                    .containsExactly(new Violation("ticketId", type + " needs a ticketId"));
            IncidentCommand command = OperatorInput.command(
                    "i-1",
                    parse("{\"type\":\"" + type
                            + "\",\"actor\":\"a\",\"ticketId\":35436,\"organizationId\":\"org-1\"}"),
                    ctx(),
                    null);
            assertThat(command.getTicketId()).isEqualTo("35436");
            assertThat(command.getOrganizationId()).isEqualTo("org-1");
        }

        @Test
        void unknownTypeAndMissingIdAreReportedTogether() {
            assertThat(violations(() -> OperatorInput.command(" ", parse("{\"type\":\"DELETE\"}"), ctx(), null)))
                    .containsExactly(
                            new Violation("incidentId", "required: the id in the path must not be blank"),
                            new Violation(
                                    "type",
                                    "unknown value 'DELETE'; allowed: acknowledge, set_severity, set_status, post_update,"
                                            + " merge, resolve, reopen, link_ticket, unlink_ticket, publish"),
                            new Violation("actor", "required"));
        }

        @Test
        void nonObjectBodyIsRejected() {
            assertThat(violations(() -> OperatorInput.command("i-1", parse("[]"), ctx(), null)))
                    .contains(new Violation("$", "must be a JSON object (an incident command), got an array"));
        }
    }

    @Nested
    class IdempotencyKeysOfCommands {

        private static final String ACK = "{\"type\":\"acknowledge\",\"actor\":\"ops-ana\"}";

        private String commandId(String incidentId, String key) {
            // a fresh context per call: as on another ingest instance, or after a restart
            return OperatorInput.command(incidentId, parse(ACK), ctx(), key).getCommandId();
        }

        @Test
        void theSameKeyOnTheSameIncidentGivesTheSameCommandIdOnEveryInstance() {
            assertThat(commandId("chat-0001abcd", "retry-me-7"))
                    .isEqualTo(commandId("chat-0001abcd", "retry-me-7"))
                    .isNotEqualTo("id-1");
        }

        @Test
        void anotherKeyOrAnotherIncidentGivesAnotherCommandId() {
            String first = commandId("chat-0001abcd", "retry-me-7");

            assertThat(commandId("chat-0001abcd", "retry-me-8")).isNotEqualTo(first);
            assertThat(commandId("chat-0002abcd", "retry-me-7")).isNotEqualTo(first);
        }

        @Test
        void withoutAKeyEveryCommandGetsAFreshId() {
            assertThat(commandId("chat-0001abcd", null)).isEqualTo("id-1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "schl\u00fcssel", "tab\tkey"})
        void aBlankOrNonAsciiKeyIsAViolationOfTheHeader(String key) {
            assertThat(violations(() -> OperatorInput.command("chat-0001abcd", parse(ACK), ctx(), key)))
                    .extracting(Violation::field)
                    .containsExactly(IdempotencyKeys.HEADER);
        }

        @Test
        void aKeyMayBe255PrintableCharactersButNoMore() {
            assertThat(commandId("chat-0001abcd", "k".repeat(IdempotencyKeys.MAX_LENGTH)))
                    .isNotBlank();
            assertThat(violations(() -> OperatorInput.command("chat-0001abcd", parse(ACK), ctx(), "k".repeat(256))))
                    .extracting(Violation::reason)
                    .containsExactly("must be at most 255 characters, was 256");
        }
    }

    @Nested
    class Maintenance {

        @Test
        void windowIsParsedWithCanonicalProducts() {
            JsonNode body = parse("""
                    {"products":["LiveChat","chat","Talk"],"title":"Database upgrade","description":"Short read-only phase",
                     "reason":"Security patches","startsAt":"2024-06-21T22:00:00+02:00","endsAt":"2024-06-22T04:00:00+02:00"}
                    """);
            MaintenanceWindow window = OperatorInput.maintenance("mw-1", body, ctx(), ProductCatalog.defaults());

            assertThat(window.getWindowId()).isEqualTo("mw-1");
            assertThat(window.getProducts()).containsExactly("chat", "talk");
            assertThat(window.getTitle()).isEqualTo("Database upgrade");
            assertThat(window.getStartsAt()).isEqualTo(Instant.parse("2024-06-21T20:00:00Z"));
            assertThat(window.getEndsAt()).isEqualTo(Instant.parse("2024-06-22T02:00:00Z"));
            assertThat(window.getState()).isEqualTo(MaintenanceState.SCHEDULED);
            assertThat(window.getUpdatedAt()).isEqualTo(RECEIVED_MILLIS);
        }

        @Test
        void productsTitleAndTimesAreRequired() {
            assertThat(violations(() -> OperatorInput.maintenance(
                            "mw-1", parse("{\"products\":[]}"), ctx(), ProductCatalog.empty())))
                    .containsExactly(
                            new Violation("products", "required: at least one affected product"),
                            new Violation("title", "required"),
                            new Violation("startsAt", "required"),
                            new Violation("endsAt", "required"));
        }

        @Test
        void startMustBeBeforeEnd() {
            JsonNode body = parse("""
                    {"products":["chat"],"title":"t","startsAt":"2024-06-22T04:00:00Z","endsAt":"2024-06-22T04:00:00Z"}
                    """);
            assertThat(violations(() -> OperatorInput.maintenance("mw-1", body, ctx(), ProductCatalog.empty())))
                    .containsExactly(new Violation("endsAt", "must be after startsAt"));
        }

        @Test
        void stateMayBeGivenByTheOperator() {
            JsonNode body = parse("""
                    {"products":["chat"],"title":"t","startsAt":"2024-06-22T00:00:00Z","endsAt":"2024-06-22T04:00:00Z","state":"in_progress"}
                    """);
            assertThat(OperatorInput.maintenance("mw-1", body, ctx(), ProductCatalog.empty())
                            .getState())
                    .isEqualTo(MaintenanceState.IN_PROGRESS);
        }

        @Test
        void recurrenceIsParsedWithDaysInAnyCaseOrAbbreviated() {
            JsonNode body = parse("""
                    {"products":["chat"],"title":"t","startsAt":"2026-01-01T00:00:00Z","endsAt":"2027-01-01T00:00:00Z",
                     "recurrence":{"days":["Tue","friday","TUESDAY"],"startTime":"22:00","duration":"PT6H","timeZone":"Europe/Berlin"}}
                    """);
            MaintenanceWindow window = OperatorInput.maintenance("mw-1", body, ctx(), ProductCatalog.empty());

            assertThat(window.getRecurrence())
                    .isEqualTo(new WeeklyRecurrence(
                            List.of(Weekday.TUESDAY, Weekday.FRIDAY), "22:00", 360, "Europe/Berlin"));
            assertThat(window.getMaxOverrunMinutes())
                    .as("the rule's default applies")
                    .isNull();
        }

        @Test
        void badRecurrenceNamesEveryField() {
            JsonNode body = parse("""
                    {"products":["chat"],"title":"t","startsAt":"2026-01-01T00:00:00Z","endsAt":"2027-01-01T00:00:00Z",
                     "recurrence":{"days":[],"startTime":"2:30pm","duration":"PT0S","timeZone":"+02:00"},"maxOverrun":"P8D"}
                    """);
            assertThat(violations(() -> OperatorInput.maintenance("mw-1", body, ctx(), ProductCatalog.empty())))
                    .extracting(Violation::field)
                    .containsExactly(
                            "recurrence.days",
                            "recurrence.startTime",
                            "recurrence.duration",
                            "recurrence.timeZone",
                            "maxOverrun");
        }

        @Test
        void occurrencesLastLessThanAWeekInWholeMinutes() {
            for (String duration : new String[] {"P7D", "PT90S", "two hours"}) {
                JsonNode body = parse("""
                        {"products":["chat"],"title":"t","startsAt":"2026-01-01T00:00:00Z","endsAt":"2027-01-01T00:00:00Z",
                         "recurrence":{"days":["mon"],"startTime":"02:30","duration":"%s","timeZone":"UTC"}}
                        """.formatted(duration));
                assertThat(violations(() -> OperatorInput.maintenance("mw-1", body, ctx(), ProductCatalog.empty())))
                        .extracting(Violation::field)
                        .as(duration)
                        .containsExactly("recurrence.duration");
            }
        }

        @Test
        void recurringSeriesWithoutAnyOccurrenceIsRefused() {
            // 2026-06-01 is a Monday: no Sunday between start and end
            JsonNode body = parse("""
                    {"products":["chat"],"title":"t","startsAt":"2026-06-01T00:00:00Z","endsAt":"2026-06-05T00:00:00Z",
                     "recurrence":{"days":["sun"],"startTime":"02:30","duration":"PT1H","timeZone":"UTC"}}
                    """);
            assertThat(violations(() -> OperatorInput.maintenance("mw-1", body, ctx(), ProductCatalog.empty())))
                    .containsExactly(new Violation("recurrence", "no occurrence starts between startsAt and endsAt"));
        }

        @Test
        void stateChangesFollowTheStateMachineAndNameFromAndTo() {
            MaintenanceWindow completed = OperatorInput.maintenance("mw-1", parse("""
                    {"products":["chat"],"title":"t","startsAt":"2024-06-22T00:00:00Z","endsAt":"2024-06-22T04:00:00Z","state":"completed"}
                    """), ctx(), ProductCatalog.empty());
            JsonNode reopen = parse("""
                    {"products":["chat"],"title":"t","startsAt":"2024-06-22T00:00:00Z","endsAt":"2024-06-22T04:00:00Z","state":"in_progress"}
                    """);

            assertThat(violations(
                            () -> OperatorInput.maintenance("mw-1", reopen, ctx(), ProductCatalog.empty(), completed)))
                    .containsExactly(
                            new Violation(
                                    "state",
                                    "illegal transition from COMPLETED to IN_PROGRESS; from COMPLETED a window can go nowhere (final)"));
            assertThat(violations(() -> OperatorInput.cancelled(completed, "mw-1", ctx())))
                    .extracting(Violation::reason)
                    .singleElement()
                    .asString()
                    .contains("from COMPLETED to CANCELLED");
        }

        @Test
        void anEditWithoutStateKeepsARunningWindowRunning() {
            MaintenanceWindow running = OperatorInput.maintenance(
                    "mw-1", parse("""
                    {"products":["chat"],"title":"t","startsAt":"2024-06-22T00:00:00Z","endsAt":"2024-06-22T04:00:00Z","state":"verifying"}
                    """), new IngestContext(Instant.EPOCH, () -> "x"), ProductCatalog.empty());
            JsonNode edit = parse("""
                    {"products":["chat"],"title":"t2","startsAt":"2024-06-22T00:00:00Z","endsAt":"2024-06-22T05:00:00Z"}
                    """);
            MaintenanceWindow edited = OperatorInput.maintenance("mw-1", edit, ctx(), ProductCatalog.empty(), running);
            assertThat(edited.getState()).isEqualTo(MaintenanceState.VERIFYING);
            assertThat(edited.getStateSince())
                    .as("the hold stays on the occurrence it was set in")
                    .isEqualTo(Instant.EPOCH);
            assertThat(edited.getUpdatedAt()).isEqualTo(RECEIVED_MILLIS);
        }

        @Test
        void deletingAKnownWindowCancelsIt() {
            JsonNode body = parse("""
                    {"products":["chat"],"title":"t","startsAt":"2024-06-22T00:00:00Z","endsAt":"2024-06-22T04:00:00Z"}
                    """);
            MaintenanceWindow previous = OperatorInput.maintenance(
                    "mw-1", body, new IngestContext(Instant.EPOCH, () -> "x"), ProductCatalog.empty());

            MaintenanceWindow cancelled = OperatorInput.cancelled(previous, "mw-1", ctx());

            assertThat(cancelled.getState()).isEqualTo(MaintenanceState.CANCELLED);
            assertThat(cancelled.getProducts()).containsExactly("chat");
            assertThat(cancelled.getStartsAt()).isEqualTo(previous.getStartsAt());
            assertThat(cancelled.getUpdatedAt()).isEqualTo(RECEIVED_MILLIS);
            assertThat(previous.getState())
                    .as("the previous record is not changed")
                    .isEqualTo(MaintenanceState.SCHEDULED);
        }

        @Test
        void aCancellationIsNeverMadeWithoutThePreviousWindowSoItNeverLacksProducts() {
            assertThatThrownBy(() -> OperatorInput.cancelled(null, "mw-9", ctx()))
                    .isInstanceOf(NullPointerException.class);
        }

        @Test
        void cancellingNeedsAWindowIdMatchingThePreviousRecord() {
            assertThat(violations(() -> OperatorInput.cancelled(null, "", ctx())))
                    .containsExactly(new Violation("windowId", "required: the id in the path must not be blank"));
            MaintenanceWindow other = OperatorInput.maintenance("mw-1", parse("""
                    {"products":["chat"],"title":"t","startsAt":"2024-06-22T00:00:00Z","endsAt":"2024-06-22T04:00:00Z"}
                    """), ctx(), ProductCatalog.empty());
            assertThatThrownBy(() -> OperatorInput.cancelled(other, "mw-2", ctx()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Subscriptions {

        @ParameterizedTest(name = "{0} {2}")
        @CsvSource(delimiter = '|', textBlock = """
                EMAIL   | ana@example.com                | ana@example.com
                SMS     | +49 (30) 123-456-78            | +493012345678
                WEBHOOK | https://hooks.example.com/x?y=1 | https://hooks.example.com/x?y=1
                webhook | http://10.0.0.1:8080/hook       | http://10.0.0.1:8080/hook
                """)
        void addressIsValidatedPerChannel(String channel, String address, String stored) {
            JsonNode body =
                    parse("{\"scope\":\"ALL\",\"channel\":\"" + channel + "\",\"address\":\"" + address + "\"}");
            Subscription subscription = OperatorInput.subscription("s-1", body, ctx(), ProductCatalog.empty());

            assertThat(subscription.getAddress()).isEqualTo(stored);
            assertThat(subscription.getLocale()).isEqualTo("en");
            assertThat(subscription.getTarget()).isNull();
            assertThat(subscription.getCreatedAt()).isEqualTo(RECEIVED_MILLIS);
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource(delimiter = '|', textBlock = """
                EMAIL   | ana.example.com   | not an e-mail address (expected name@domain.tld)
                EMAIL   | ana@localhost     | not an e-mail address (expected name@domain.tld)
                SMS     | 030 1234567       | not a phone number in international format (expected + and 7 to 15 digits, e.g. +4930123456)
                SMS     | +12               | not a phone number in international format (expected + and 7 to 15 digits, e.g. +4930123456)
                WEBHOOK | ftp://example.com | not an absolute http or https URL with a host
                WEBHOOK | /relative/hook    | not an absolute http or https URL with a host
                WEBHOOK | https://          | not an absolute http or https URL with a host
                """)
        void invalidAddressesAreRejectedWithoutRepeatingThem(String channel, String address, String reason) {
            JsonNode body =
                    parse("{\"scope\":\"ALL\",\"channel\":\"" + channel + "\",\"address\":\"" + address + "\"}");
            List<Violation> violations =
                    violations(() -> OperatorInput.subscription("s-1", body, ctx(), ProductCatalog.empty()));

            assertThat(violations).containsExactly(new Violation("address", reason));
            assertThat(violations.toString()).doesNotContain(address);
        }

        @Test
        void targetIsRequiredUnlessAll() {
            assertThat(violations(() -> OperatorInput.subscription(
                            "s-1",
                            parse("{\"scope\":\"incident\",\"channel\":\"EMAIL\",\"address\":\"a@b.de\"}"),
                            ctx(),
                            ProductCatalog.empty())))
                    .containsExactly(new Violation("target", "required for scope INCIDENT: the incident id"));
            assertThat(violations(() -> OperatorInput.subscription(
                            "s-1",
                            parse("{\"scope\":\"PRODUCT\",\"channel\":\"EMAIL\",\"address\":\"a@b.de\"}"),
                            ctx(),
                            ProductCatalog.empty())))
                    .containsExactly(new Violation("target", "required for scope PRODUCT: the product"));
        }

        @Test
        void productTargetIsCanonicalAndLocaleIsKept() {
            JsonNode body = parse(
                    "{\"scope\":\"PRODUCT\",\"target\":\"LiveChat\",\"channel\":\"EMAIL\",\"address\":\"a@b.de\",\"locale\":\"de-CH\"}");
            Subscription subscription = OperatorInput.subscription("s-1", body, ctx(), ProductCatalog.defaults());

            assertThat(subscription.getScope()).isEqualTo(SubscriptionScope.PRODUCT);
            assertThat(subscription.getTarget()).isEqualTo("chat");
            assertThat(subscription.getChannel()).isEqualTo(NotificationChannel.EMAIL);
            assertThat(subscription.getLocale()).isEqualTo("de");
        }

        @Test
        void everyViolationIsReported() {
            JsonNode body = parse("{\"scope\":\"TEAM\",\"channel\":\"PIGEON\",\"locale\":\"fr\"}");
            assertThat(violations(() -> OperatorInput.subscription("s-1", body, ctx(), ProductCatalog.empty())))
                    .containsExactly(
                            new Violation("scope", "unknown value 'TEAM'; allowed: incident, product, all"),
                            new Violation("channel", "unknown value 'PIGEON'; allowed: email, sms, webhook"),
                            new Violation("address", "required"),
                            new Violation("locale", "unknown value 'fr'; allowed: en, de, ja"));
        }
    }
}
