package dev.tocsin.correlator.domain;

import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import java.util.Map;
import java.util.function.Function;

/**
 * The enum fields of {@link TrackedAlert} and {@link TicketRecord} were strings (symbol names)
 * before, and Avro cannot resolve a string into an enum: so the enums are new nullable fields and
 * the strings stay. Changelogs hold records of both shapes, and during a rolling upgrade or after
 * a rollback a release without the enum fields reads this one's records. Hence the two rules here,
 * applied where the stores are read and written:
 * <ul>
 *   <li>{@link #read}: an enum field absent (null) in a stored record comes from its string;</li>
 *   <li>{@link #mirror}: every record written carries its enums as strings too.</li>
 * </ul>
 * The rules only ever use the enum fields. The release after this one drops the strings (and this class).
 */
public final class LegacyEnumStrings {

    /** Each enum field and the string field it replaces (the name the query API keeps showing it under). */
    public static final Map<String, String> STRING_FIELD_OF = Map.of(
            "alertStatus",
            "status",
            "alertSignal",
            "signal",
            "alertSeverityHint",
            "severityHint",
            "priority",
            "customerPriority",
            "outcome",
            "triageOutcome");

    private LegacyEnumStrings() {}

    /** The stored alert with its enum fields set; the same instance when nothing was missing. */
    public static TrackedAlert read(TrackedAlert stored) {
        if (stored == null
                || (stored.getAlertStatus() != null
                        && stored.getAlertSignal() != null
                        && (stored.getAlertSeverityHint() != null || stored.getSeverityHint() == null))) {
            return stored;
        }
        TrackedAlert alert = StateValues.copy(stored);
        alert.setAlertStatus(orFrom(alert.getAlertStatus(), alert.getStatus(), AlertStatus::valueOf));
        alert.setAlertSignal(orFrom(alert.getAlertSignal(), alert.getSignal(), Signal::valueOf));
        alert.setAlertSeverityHint(
                orFrom(alert.getAlertSeverityHint(), alert.getSeverityHint(), SeverityHint::valueOf));
        return alert;
    }

    /** The stored ticket with its enum fields set; the same instance when nothing was missing. */
    public static TicketRecord read(TicketRecord stored) {
        if (stored == null
                || (stored.getPriority() != null
                        && (stored.getOutcome() != null || stored.getTriageOutcome() == null))) {
            return stored;
        }
        TicketRecord ticket = StateValues.copy(stored);
        ticket.setPriority(orFrom(ticket.getPriority(), ticket.getCustomerPriority(), CustomerPriority::valueOf));
        ticket.setOutcome(orFrom(ticket.getOutcome(), ticket.getTriageOutcome(), TriageOutcome::valueOf));
        return ticket;
    }

    /** Copies the alert's enum fields into their strings before it is written. */
    public static TrackedAlert mirror(TrackedAlert alert) {
        if (alert.getAlertStatus() != null) {
            alert.setStatus(alert.getAlertStatus().name());
        }
        if (alert.getAlertSignal() != null) {
            alert.setSignal(alert.getAlertSignal().name());
        }
        alert.setSeverityHint(nameOf(alert.getAlertSeverityHint()));
        return alert;
    }

    /** Copies the ticket's enum fields into their strings before it is written. */
    public static TicketRecord mirror(TicketRecord ticket) {
        if (ticket.getPriority() != null) {
            ticket.setCustomerPriority(ticket.getPriority().name());
        }
        ticket.setTriageOutcome(nameOf(ticket.getOutcome()));
        return ticket;
    }

    private static <E extends Enum<E>> E orFrom(E value, String legacy, Function<String, E> parse) {
        return value != null || legacy == null ? value : parse.apply(legacy);
    }

    private static String nameOf(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
