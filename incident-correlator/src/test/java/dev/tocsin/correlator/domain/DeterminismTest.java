package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.command;
import static dev.tocsin.correlator.domain.TestData.maintenance;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static dev.tocsin.correlator.domain.TestData.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.schemas.topics.IncidentIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rule 9: the same inputs give the same incidents, ids, versions and events. */
class DeterminismTest {

    private static final List<String> PRODUCTS = List.of("chat", "talk", "voice", "guide");

    /** One timed input of the scenario. */
    private record Step(Instant at, Consumer<Harness> input) {}

    /** Several products over a simulated few hours (the incident ids of later commands are derived). */
    private static List<Step> scenario() {
        List<Step> steps = new ArrayList<>();
        String stormIncident =
                IncidentIds.of("chat", "alert:storm-0@" + minutes(0).toEpochMilli());
        String widgetIncident =
                IncidentIds.of("chat", "alert:widget-1@" + minutes(50).toEpochMilli());
        // an alert storm on chat
        for (int i = 0; i < 20; i++) {
            int n = i;
            steps.add(new Step(
                    minutes(0).plusSeconds(10L * i),
                    h -> h.alert(
                            alert("storm-" + n)
                                    .component("api")
                                    .region(n % 2 == 0 ? "eu-1" : "us-1")
                                    .hint(n == 7 ? SeverityHint.CRITICAL : SeverityHint.MEDIUM),
                            minutes(0).plusSeconds(10L * n))));
        }
        // a flapping alert
        for (int i = 0; i < 4; i++) {
            int n = i;
            steps.add(new Step(
                    minutes(5 + 2 * i),
                    h -> h.alert(
                            n % 2 == 0
                                    ? alert("flappy").component("api").resolved()
                                    : alert("flappy").component("api").firing(),
                            minutes(5 + 2 * n))));
        }
        // a customer wave on talk from four organizations
        for (int org = 1; org <= 4; org++) {
            int o = org;
            steps.add(new Step(
                    minutes(10 + 5 * org),
                    h -> h.report(
                            report("TALK-" + o)
                                    .product("talk")
                                    .org("org-" + o)
                                    .priority(o == 4 ? CustomerPriority.P2 : CustomerPriority.P4),
                            minutes(10 + 5 * o))));
        }
        // a single-customer network complaint, and a lone report on guide
        steps.add(new Step(
                minutes(12),
                h -> h.report(
                        report("GUIDE-1").product("guide").subject("Our firewall blocks the widget"), minutes(12))));
        steps.add(new Step(
                minutes(13), h -> h.report(report("GUIDE-2").product("guide").org("org-7"), minutes(13))));
        // maintenance on voice
        steps.add(new Step(
                minutes(14),
                h -> h.alert(
                        alert("voice-1")
                                .product("voice")
                                .signal(Signal.AVAILABILITY)
                                .hint(SeverityHint.CRITICAL),
                        minutes(14))));
        steps.add(new Step(minutes(16), h -> h.report(report("VOICE-1").product("voice"), minutes(16))));
        // operators: acknowledge, status, a second chat incident merged into the first, resolve
        steps.add(new Step(
                minutes(20),
                h -> h.command(command(CommandType.ACKNOWLEDGE, stormIncident).actor("alice"), minutes(20))));
        steps.add(new Step(minutes(50), h -> h.alert(alert("widget-1").component("widget"), minutes(50))));
        steps.add(new Step(
                minutes(51), h -> h.report(report("CHAT-1").component("widget").org("org-2"), minutes(51))));
        steps.add(new Step(
                minutes(55),
                h -> h.command(
                        command(CommandType.MERGE, widgetIncident)
                                .target(stormIncident)
                                .actor("bob"),
                        minutes(55))));
        steps.add(new Step(
                minutes(56),
                h -> h.command(
                        command(CommandType.SET_STATUS, stormIncident)
                                .status(PublicStatus.IDENTIFIED)
                                .message("Failover in progress")
                                .componentStatus(ComponentStatus.PARTIAL_OUTAGE),
                        minutes(56))));
        steps.add(new Step(
                minutes(56).plusSeconds(30),
                h -> h.command(
                        command(CommandType.PUBLISH, stormIncident).componentStatus(ComponentStatus.MAJOR_OUTAGE),
                        minutes(56).plusSeconds(30))));
        steps.add(new Step(
                minutes(57),
                h -> h.command(command(CommandType.SET_SEVERITY, stormIncident).severity(Severity.SEV1), minutes(57))));
        steps.add(new Step(minutes(58), h -> h.command(command(CommandType.RESOLVE, "chat-deadbeef"), minutes(58))));
        // the storm ends; the quiet periods run
        for (int i = 0; i < 20; i++) {
            int n = i;
            steps.add(new Step(
                    minutes(90).plusSeconds(n),
                    h -> h.alert(
                            alert("storm-" + n)
                                    .component("api")
                                    .region(n % 2 == 0 ? "eu-1" : "us-1")
                                    .resolved(),
                            minutes(90).plusSeconds(n))));
        }
        steps.add(new Step(
                minutes(91), h -> h.alert(alert("flappy").component("api").resolved(), minutes(91))));
        steps.add(new Step(
                minutes(92), h -> h.alert(alert("widget-1").component("widget").resolved(), minutes(92))));
        // a late report after the chat incident resolved, and one more talk report
        steps.add(new Step(minutes(240), h -> h.report(report("CHAT-2").org("org-9"), minutes(240))));
        steps.add(new Step(
                minutes(241), h -> h.report(report("TALK-5").product("talk").org("org-5"), minutes(241))));
        // inputs arrive in time order (a stable sort keeps the order of equal times)
        steps.sort(Comparator.comparing(Step::at));
        return steps;
    }

    private static List<Outcome> run(boolean punctuate) {
        Harness h = new Harness();
        h.state.putMaintenance(maintenance("mw-voice", "voice", minutes(0), minutes(30)));
        Instant clock = minutes(0);
        for (Step step : scenario()) {
            if (punctuate) {
                // wall-clock punctuations between inputs, never ahead of the next input
                while (clock.isBefore(step.at())) {
                    for (String product : PRODUCTS) {
                        h.clock(product, clock);
                    }
                    clock = clock.plus(Duration.ofMinutes(3));
                }
            }
            step.input().accept(h);
        }
        for (String product : PRODUCTS) {
            h.clock(product, minutes(60 * 24 * 9));
        }
        return List.copyOf(h.outcomes);
    }

    private static List<IncidentEvent> events(List<Outcome> outcomes) {
        return outcomes.stream().flatMap(o -> o.events().stream()).toList();
    }

    /** Kafka orders records per key: events per product (the input key), in order. */
    private static Map<String, List<IncidentEvent>> eventsByProduct(List<Outcome> outcomes) {
        return events(outcomes).stream()
                .collect(Collectors.groupingBy(IncidentEvent::getProduct, TreeMap::new, Collectors.toList()));
    }

    /** Ticket updates per ticket (their topic key), in order. */
    private static Map<String, List<TicketUpdate>> updatesByTicket(List<Outcome> outcomes) {
        return outcomes.stream()
                .flatMap(o -> o.ticketUpdates().stream())
                .collect(Collectors.groupingBy(TicketUpdate::getTicketId, TreeMap::new, Collectors.toList()));
    }

    private static List<Incident> snapshots(List<Outcome> outcomes) {
        return outcomes.stream().flatMap(o -> o.incidents().stream()).toList();
    }

    private static List<Incident> finalIncidents(List<Outcome> outcomes) {
        Map<String, Incident> latest = new TreeMap<>();
        snapshots(outcomes).forEach(i -> latest.put(i.getIncidentId(), i));
        return List.copyOf(latest.values());
    }

    @Test
    void replayingTheSameInputsGivesIdenticalOutcomes() {
        List<Outcome> first = run(false);
        List<Outcome> replay = run(false);
        List<Outcome> punctuated = run(true);

        // the scenario really exercises the rules
        List<IncidentEvent> events = events(first);
        assertThat(events)
                .extracting(IncidentEvent::getType)
                .contains(
                        IncidentEventType.OPENED,
                        IncidentEventType.ALERT_ATTACHED,
                        IncidentEventType.ALERT_FLAPPING,
                        IncidentEventType.TICKET_LINKED,
                        IncidentEventType.MERGED,
                        IncidentEventType.ACKNOWLEDGED,
                        IncidentEventType.STATUS_CHANGED,
                        IncidentEventType.RESOLVED,
                        IncidentEventType.UPDATE_DUE,
                        IncidentEventType.SLA_BREACHED,
                        IncidentEventType.COMMAND_REJECTED);
        assertThat(finalIncidents(first))
                .extracting(Incident::getProduct)
                .containsExactlyInAnyOrder("chat", "chat", "talk");

        // a replay on a fresh state is identical, outcome by outcome
        assertThat(replay).isEqualTo(first);

        // with punctuations in between: the same events per product and updates per ticket (a clock
        // transition of one product may come out before another product's input instead of after),
        // the same final incidents, and every snapshot the unpunctuated run emitted, identical
        assertThat(eventsByProduct(punctuated)).isEqualTo(eventsByProduct(first));
        assertThat(updatesByTicket(punctuated)).isEqualTo(updatesByTicket(first));
        assertThat(events(punctuated)).hasSameSizeAs(events);
        assertThat(finalIncidents(punctuated)).isEqualTo(finalIncidents(first));
        assertThat(snapshots(punctuated)).containsAll(snapshots(first));
        // and the punctuations did apply transitions of their own
        assertThat(punctuated.stream().filter(o -> !o.isEmpty()).count())
                .isGreaterThan(first.stream().filter(o -> !o.isEmpty()).count());
    }
}
