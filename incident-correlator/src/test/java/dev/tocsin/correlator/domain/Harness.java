package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.TicketRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A correlator with an in-memory state that remembers everything it emitted. */
final class Harness {

    final Correlator correlator;
    final InMemoryState state;
    final List<Outcome> outcomes = new ArrayList<>();

    Harness() {
        this(Policy.defaults());
    }

    Harness(Policy policy) {
        this(policy, new InMemoryState());
    }

    Harness(Policy policy, InMemoryState state) {
        this.correlator = new Correlator(policy);
        this.state = state;
    }

    Harness(Policy policy, InMemoryState state, String unclassifiedProduct) {
        this.correlator = new Correlator(policy, unclassifiedProduct);
        this.state = state;
    }

    static Harness withPolicy(String yaml) {
        return new Harness(Policy.parse(yaml, "test policy"));
    }

    Outcome alert(TestData.AlertBuilder alert, Instant at) {
        return record(correlator.onAlert(alert.build(), at, state));
    }

    Outcome report(TestData.ReportBuilder report, Instant at) {
        return record(correlator.onReport(report.build(), at, state));
    }

    Outcome command(TestData.CommandBuilder command, Instant at) {
        return record(correlator.onCommand(command.build(), at, state));
    }

    Outcome clock(String product, Instant now) {
        return record(correlator.onClock(product, now, state));
    }

    /** The punctuator's reconsideration of a product's held alerts. */
    Outcome reconsiderHeld(String product, Instant now) {
        return record(correlator.onHeldAlerts(product, now, state));
    }

    Outcome command(IncidentCommand command, Instant at) {
        return record(correlator.onCommand(command, at, state));
    }

    Incident incident(String id) {
        return state.incident(id).orElseThrow(() -> new AssertionError("no incident " + id));
    }

    /** The only incident of the state. */
    Incident onlyIncident() {
        List<Incident> all = state.incidents();
        if (all.size() != 1) {
            throw new AssertionError("expected one incident, found " + all.size());
        }
        return all.get(0);
    }

    IncidentTracking tracking(String id) {
        return state.tracking(id).orElseThrow();
    }

    TicketRecord ticket(String id) {
        return state.ticket(id).orElseThrow(() -> new AssertionError("no ticket " + id));
    }

    List<IncidentEvent> events() {
        return outcomes.stream().flatMap(o -> o.events().stream()).toList();
    }

    List<IncidentEvent> events(IncidentEventType type) {
        return events().stream().filter(e -> e.getType() == type).toList();
    }

    List<TicketUpdate> ticketUpdates() {
        return outcomes.stream().flatMap(o -> o.ticketUpdates().stream()).toList();
    }

    List<TicketUpdate> ticketUpdates(String ticketId) {
        return ticketUpdates().stream()
                .filter(u -> u.getTicketId().equals(ticketId))
                .toList();
    }

    private Outcome record(Outcome outcome) {
        outcomes.add(outcome);
        return outcome;
    }

    static List<IncidentEventType> types(Outcome outcome) {
        return outcome.events().stream().map(IncidentEvent::getType).toList();
    }
}
