package dev.tocsin.correlator.domain;

import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.correlator.state.TicketMove;
import dev.tocsin.schemas.rules.ProductNames;
import dev.tocsin.schemas.topics.IncidentIds;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The correlation rules behind one small API: alerts, customer reports and operator commands go
 * in, incident snapshots, incident events and linked-ticket updates come out.
 *
 * <p>Determinism: every decision and every timestamp derives from the inputs and their event
 * times, never from the wall clock. Each {@code on*} call first applies every clock transition
 * of the product that fell due up to its event time (quiet periods, SLA deadlines, each stamped
 * with its deadline), then the input, then whatever the input itself made due. So replaying the
 * same inputs yields the same incidents, ids, versions and events, whether or not
 * {@link #onClock} ran in between, as long as a punctuation never passes a {@code now} beyond the
 * event time of inputs still to come.
 *
 * <p>Instances are immutable and thread-safe; the state passed in is not.
 */
public final class Correlator {

    private final Policy policy;
    private final CustomerResponsibility responsibility;
    private final String unclassifiedProduct;

    /** A correlator whose unclassified product is the default ({@link ProductNames#DEFAULT_UNCLASSIFIED}). */
    public Correlator(Policy policy) {
        this(policy, ProductNames.DEFAULT_UNCLASSIFIED);
    }

    /** @param unclassifiedProduct the product alert-ingest gives what it cannot place ({@code TOCSIN_UNCLASSIFIED_PRODUCT}) */
    public Correlator(Policy policy, String unclassifiedProduct) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.responsibility = new CustomerResponsibility(policy.customerResponsibility(), policy.triageLanguages());
        this.unclassifiedProduct = Objects.requireNonNull(unclassifiedProduct, "unclassifiedProduct");
    }

    public Policy policy() {
        return policy;
    }

    /** A monitoring alert, at its Kafka record timestamp. */
    public Outcome onAlert(MonitoringAlert alert, Instant eventTime, CorrelatorState state) {
        Instant at = millis(eventTime);
        return input(alert.getProduct(), at, state, session -> AlertIntake.handle(session, alert, at));
    }

    /** A customer report, at its Kafka record timestamp. */
    public Outcome onReport(CustomerReport report, Instant eventTime, CorrelatorState state) {
        Instant at = millis(eventTime);
        return input(
                report.getProduct(),
                at,
                state,
                session -> ReportIntake.handle(session, report, at, responsibility, unclassifiedProduct));
    }

    /**
     * A ticket moved to another product ({@link TicketOwnership}), told to the partition of the
     * product it left, at its Kafka record timestamp (the time of the move): that product lets the
     * ticket go ({@link TicketMoves}).
     */
    public Outcome onTicketMovedOut(TicketMove move, Instant eventTime, CorrelatorState state) {
        Instant at = millis(eventTime);
        return input(
                move.getFromProduct(),
                at,
                state,
                session -> TicketMoves.moveOut(
                        session, move.getTicketId(), move.getFromProduct(), move.getToProduct(), at));
    }

    /**
     * An operator command, at its Kafka record timestamp. Invalid commands are rejected, never thrown.
     * The clocks advanced are those of the incident's product; a command naming none advances none.
     */
    public Outcome onCommand(IncidentCommand command, Instant eventTime, CorrelatorState state) {
        Instant at = millis(eventTime);
        String product = Optional.ofNullable(command.getIncidentId())
                .flatMap(state::incident)
                .map(Incident::getProduct)
                .orElseGet(() -> command.getProduct() != null
                        ? command.getProduct()
                        : IncidentIds.productOf(command.getIncidentId()).orElse(null));
        return input(product, at, state, session -> Commands.handle(session, command, at));
    }

    /**
     * Applies the product's clock transitions due up to {@code now}: quiet periods (MONITORING,
     * RESOLVED) and SLA deadlines (UPDATE_DUE, SLA_BREACHED once per deadline). Idempotent; produces
     * nothing when nothing is due. {@code ProductIndex.nextDueAt} says when the next one is.
     */
    public Outcome onClock(String product, Instant now, CorrelatorState state) {
        Session session = new Session(policy, state);
        Clocks.advance(session, product, millis(now));
        return session.outcome();
    }

    /**
     * Reconsiders the product's held alerts (silenced, inhibited, absorbed) at {@code now}: those
     * whose hold ended while they still fire are correlated as new. For the punctuator, only for
     * products whose index says they have held alerts ({@code ProductIndex.hasHeldAlerts}).
     */
    public Outcome onHeldAlerts(String product, Instant now, CorrelatorState state) {
        Instant at = millis(now);
        return input(product, at, state, session -> HeldAlerts.reconsider(session, product, at));
    }

    /**
     * The determinism rule of every input (class comment): the product's clock transitions due up
     * to {@code at} first, then the input, then whatever the input itself made due.
     */
    private Outcome input(String product, Instant at, CorrelatorState state, Consumer<Session> input) {
        Session session = new Session(policy, state);
        if (product != null) {
            Clocks.advance(session, product, at);
        }
        input.accept(session);
        if (product != null) {
            Clocks.advance(session, product, at);
        }
        return session.outcome();
    }

    /** Kafka timestamps are milliseconds, and so are the Avro timestamps: drop finer precision. */
    private static Instant millis(Instant instant) {
        return Instant.ofEpochMilli(Objects.requireNonNull(instant, "eventTime").toEpochMilli());
    }
}
