package dev.tocsin.correlator.topology;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.SlaClock;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.correlator.domain.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the correlator decided, held back or ignored, on {@code /metrics}. Every labelled counter
 * exists at zero from the start (its labels are closed sets), so {@code rate()} sees its first
 * increase. Counted as records leave the processor: under exactly-once, a transaction aborted and
 * processed again counts twice here but writes once.
 */
public final class CorrelatorMetrics {

    /** The default of {@code TOCSIN_CORRELATOR_METRICS_MAX_PRODUCTS}. */
    public static final int DEFAULT_MAX_PRODUCTS = 100;

    /** Incident events that record a correlation decision, and the decision's label. */
    private static final Map<IncidentEventType, String> DECISIONS = new EnumMap<>(Map.of(
            IncidentEventType.OPENED, "opened",
            IncidentEventType.ALERT_ATTACHED, "attached",
            IncidentEventType.ALERT_UPDATED, "updated",
            IncidentEventType.REOPENED, "reopened",
            IncidentEventType.MERGED, "merged",
            IncidentEventType.TICKET_LINKED, "linked"));

    static final String HELD = "held";

    private final Counter silenced;
    private final Counter inhibited;
    private final Counter absorbed;
    private final Counter clamped;
    private final Counter duplicateCommands;
    private final Map<String, Counter> decisions = new LinkedHashMap<>();
    private final Map<TriageOutcome, Counter> triage = new EnumMap<>(TriageOutcome.class);
    private final Map<SlaClock, Counter> deadlinesDue = new EnumMap<>(SlaClock.class);
    private final Map<SlaClock, Counter> deadlinesBreached = new EnumMap<>(SlaClock.class);
    private final OpenIncidentCounts openIncidents;
    private final MeterRegistry registry;
    private final Map<String, Counter> pruned = new ConcurrentHashMap<>();
    private final Counter ticketsMoved;

    public CorrelatorMetrics(MeterRegistry registry) {
        this(registry, DEFAULT_MAX_PRODUCTS);
    }

    /** @param maxProducts distinct products labelled in the open-incident gauge; later ones count as {@code other} */
    public CorrelatorMetrics(MeterRegistry registry, int maxProducts) {
        this.registry = registry;
        silenced = Counter.builder("tocsin_correlator_alerts_silenced")
                .description("Firing alert records a silence kept from opening or feeding an incident")
                .register(registry);
        inhibited = Counter.builder("tocsin_correlator_alerts_inhibited")
                .description("Firing alert records an inhibit rule kept from opening or feeding an incident")
                .register(registry);
        absorbed = Counter.builder("tocsin_correlator_alerts_absorbed")
                .description("Firing alert records absorbed as evidence by an open incident of an upstream product")
                .register(registry);
        clamped = Counter.builder("tocsin_correlator_event_time_clamped")
                .description("Input records stamped further ahead of the wall clock than TOCSIN_CLOCK_SKEW_TOLERANCE, "
                        + "taken at wall clock plus that tolerance")
                .register(registry);
        duplicateCommands = Counter.builder("tocsin_correlator_duplicate_commands")
                .description("Operator commands ignored because their incident had applied the same commandId "
                        + "(a retry, e.g. with the same Idempotency-Key)")
                .register(registry);
        for (String decision : DECISIONS.values().stream().sorted().toList()) {
            decisions.put(decision, decision(registry, decision));
        }
        decisions.put(HELD, decision(registry, HELD));
        for (TriageOutcome outcome : TriageOutcome.values()) {
            triage.put(
                    outcome,
                    Counter.builder("tocsin_correlator_triage")
                            .description(
                                    "Customer reports triaged, by outcome (linked to an incident, opened one, standard troubleshooting)")
                            .tag("outcome", outcome.name())
                            .register(registry));
        }
        for (SlaClock clock : SlaClock.values()) {
            deadlinesDue.put(
                    clock,
                    Counter.builder("tocsin_correlator_sla_deadlines_due")
                            .description("SLA deadlines that fell due, by clock; NEXT_UPDATE asks for a public update, "
                                    + "any other clock falling due is a breach")
                            .tag("clock", clock.name())
                            .register(registry));
            deadlinesBreached.put(
                    clock,
                    Counter.builder("tocsin_correlator_sla_breaches")
                            .description("SLA deadlines breached (SLA_BREACHED events), by clock")
                            .tag("clock", clock.name())
                            .register(registry));
        }
        ticketsMoved = Counter.builder("tocsin_correlator_tickets_moved")
                .description("Customer tickets reported under another product than before (reclassified by support): "
                        + "the old product unlinks and forgets them, the new one triages them")
                .register(registry);
        openIncidents = new OpenIncidentCounts(registry, maxProducts);
    }

    private static Counter decision(MeterRegistry registry, String decision) {
        return Counter.builder("tocsin_correlator_decisions")
                .description("Correlation decisions: incidents opened, reopened, merged; alerts attached, updated "
                        + "or held back (silenced, inhibited, absorbed); tickets linked")
                .tag("decision", decision)
                .register(registry);
    }

    OpenIncidentCounts openIncidents() {
        return openIncidents;
    }

    /** Entries of a store forgotten under the retention ({@code tocsin_correlator_pruned_total{store}}). */
    void pruned(String store, int entries) {
        Counter counter = pruned.computeIfAbsent(
                store,
                name -> Counter.builder("tocsin_correlator_pruned")
                        .description(
                                "State store entries forgotten under the retention (TOCSIN_CORRELATOR_RETENTION_*)")
                        .tag("store", name)
                        .register(registry));
        if (entries > 0) {
            counter.increment(entries);
        }
    }

    void eventTimeClamped() {
        clamped.increment();
    }

    void ticketMoved() {
        ticketsMoved.increment();
    }

    /** Counts what one correlator call decided; {@code task} owns the incidents it changed. */
    void count(String task, Outcome outcome) {
        count(outcome.held());
        if (outcome.duplicateCommands() > 0) {
            duplicateCommands.increment(outcome.duplicateCommands());
        }
        for (IncidentEvent event : outcome.events()) {
            count(event);
        }
        for (TicketUpdate update : outcome.ticketUpdates()) {
            if (update.getTriageOutcome() != null) {
                triage.get(update.getTriageOutcome()).increment();
            }
        }
        for (Incident incident : outcome.incidents()) {
            openIncidents.snapshot(task, incident);
        }
    }

    private void count(IncidentEvent event) {
        String decision = DECISIONS.get(event.getType());
        if (decision != null) {
            decisions.get(decision).increment();
        }
        if (event.getSlaClock() != null) {
            if (event.getType() == IncidentEventType.SLA_BREACHED) {
                deadlinesDue.get(event.getSlaClock()).increment();
                deadlinesBreached.get(event.getSlaClock()).increment();
            } else if (event.getType() == IncidentEventType.UPDATE_DUE) {
                deadlinesDue.get(event.getSlaClock()).increment();
            }
        }
    }

    private void count(Outcome.Held held) {
        int total = held.silenced() + held.inhibited() + held.absorbed();
        if (total > 0) {
            decisions.get(HELD).increment(total);
        }
        if (held.silenced() > 0) {
            silenced.increment(held.silenced());
        }
        if (held.inhibited() > 0) {
            inhibited.increment(held.inhibited());
        }
        if (held.absorbed() > 0) {
            absorbed.increment(held.absorbed());
        }
    }
}
