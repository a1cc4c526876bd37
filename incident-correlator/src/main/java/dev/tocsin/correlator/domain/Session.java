package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Silence;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.ResolvedIncident;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.schemas.rules.SilenceRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One correlator call: reads and writes the state, commits incident changes as new versions and
 * collects the outcome. Product indexes are cached for the call and written once at the end.
 */
final class Session {

    /** Merge chains are short; the cap only guards against a corrupt cycle. */
    private static final int MAX_MERGE_HOPS = 32;

    final Policy policy;
    final CorrelatorState state;
    private final Map<String, Incident> changedIncidents = new LinkedHashMap<>();
    private final List<IncidentEvent> events = new ArrayList<>();
    private final List<TicketUpdate> ticketUpdates = new ArrayList<>();
    private final List<IncidentCommand> commands = new ArrayList<>();
    private final int[] held = new int[Hold.Kind.values().length];
    private int duplicateCommands;
    private Collection<Silence> silences;
    private final Map<String, ProductIndex> indexes = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();

    Session(Policy policy, CorrelatorState state) {
        this.policy = policy;
        this.state = state;
    }

    /** A working copy of an incident. */
    Optional<Incident> incident(String incidentId) {
        if (incidentId == null) {
            return Optional.empty();
        }
        return state.incident(incidentId).map(StateValues::copy);
    }

    /** The incident an id stands for now, following merges to the surviving incident. */
    Optional<Incident> followingMerges(String incidentId) {
        Optional<Incident> incident = incident(incidentId);
        for (int hop = 0;
                hop < MAX_MERGE_HOPS && incident.isPresent() && incident.get().getMergedInto() != null;
                hop++) {
            Optional<Incident> target = incident(incident.get().getMergedInto());
            if (target.isEmpty()) {
                break;
            }
            incident = target;
        }
        return incident;
    }

    /** The product's open incidents with the time of their latest evidence. */
    List<CorrelationRules.Candidate> openCandidates(String product) {
        List<CorrelationRules.Candidate> open = new ArrayList<>();
        for (String id : index(product).getOpenIncidents()) {
            incident(id)
                    .ifPresent(incident -> open.add(new CorrelationRules.Candidate(
                            incident,
                            state.tracking(id)
                                    .map(IncidentTracking::getLastEvidenceAt)
                                    .orElse(0L))));
        }
        return open;
    }

    /** Starts a change of an existing incident at {@code at} (never before its last version). */
    IncidentChange begin(Incident incident, Instant at) {
        IncidentTracking tracking = state.tracking(incident.getIncidentId())
                .map(StateValues::copy)
                .orElseGet(() -> StateValues.newTracking(
                        incident.getIncidentId(), incident.getProduct(), incident.getOpenedAt()));
        Instant effective = at.isBefore(incident.getUpdatedAt()) ? incident.getUpdatedAt() : at;
        return new IncidentChange(incident, tracking, effective, false);
    }

    /** Starts the change that opens a new incident. */
    IncidentChange open(Incident incident, IncidentTracking tracking, Instant at) {
        return new IncidentChange(incident, tracking, at, true);
    }

    /**
     * Turns a change into the incident's next version: events get their ids, the timeline and SLA
     * deadlines follow, state and product index are written, linked tickets are told.
     */
    void commit(IncidentChange change) {
        Incident incident = change.incident();
        IncidentTracking tracking = change.tracking();
        Instant at = change.at();
        incident.setVersion(incident.getVersion() + 1);
        incident.setUpdatedAt(at);
        if (incident.getStatus() == PublicStatus.RESOLVED) {
            // the one place every way to RESOLVED passes (commands, quiet periods, merges): the
            // operator's component status ends with the incident
            incident.setComponentStatusOverride(null);
        }
        int index = 0;
        for (IncidentChange.PendingEvent pending : change.events()) {
            IncidentEvent.Builder builder = EventFactory.event(incident, index++, pending.type(), at)
                    .setActor(pending.actor())
                    .setMessage(pending.message())
                    .setCommandId(change.commandId());
            pending.details().accept(builder);
            IncidentEvent event = builder.build();
            events.add(event);
            IncidentSnapshots.addTimeline(
                    incident,
                    EventFactory.timeline(event, pending.isPublic(), pending.status()),
                    policy.snapshotMembers());
        }
        incident.setSla(SlaClocks.deadlines(incident, tracking, policy));
        Instant due = Clocks.nextDue(incident.getSla(), incident, tracking, policy);
        tracking.setNextDueAt(due == null ? null : due.toEpochMilli());
        state.putIncident(incident);
        state.putTracking(tracking);
        changedIncidents.put(incident.getIncidentId(), incident);
        index(incident, tracking, at);
        tellTickets(change);
    }

    /** Re-files an incident's pending clock without a new version (nothing was due after all). */
    void refile(Incident incident, IncidentTracking tracking, Instant at) {
        Instant due = Clocks.nextDue(SlaClocks.deadlines(incident, tracking, policy), incident, tracking, policy);
        tracking.setNextDueAt(due == null ? null : due.toEpochMilli());
        state.putTracking(tracking);
        index(incident, tracking, at);
    }

    void emit(IncidentEvent event) {
        events.add(event);
    }

    void emit(TicketUpdate update) {
        ticketUpdates.add(update);
    }

    /**
     * Every usable silence, read once per call (reconsidering held alerts asks for each of them). A
     * silence whose matchers do not parse (alert-ingest refuses those; another producer might not)
     * silences nothing instead of failing every alert that meets it.
     */
    Collection<Silence> silences() {
        if (silences == null) {
            Collection<Silence> all = state.silences();
            List<Silence> usable = new ArrayList<>(all.size());
            for (Silence silence : all) {
                try {
                    SilenceRules.matchers(silence);
                    usable.add(silence);
                } catch (IllegalArgumentException unusable) {
                    // skipped: see above
                }
            }
            silences = usable;
        }
        return silences;
    }

    /** A command for another product's partition (an absorbed dependant alert). */
    void emit(IncidentCommand command) {
        commands.add(command);
    }

    /** Counts one alert record held back. */
    /** A command the incident had applied already arrived again (a retry). */
    void duplicateCommand() {
        duplicateCommands++;
    }

    void held(Hold.Kind kind) {
        held[kind.ordinal()]++;
    }

    /** The product's index for this call (a copy; written back by {@link #flush}). */
    ProductIndex index(String product) {
        return indexes.computeIfAbsent(product, p -> {
            ProductIndex stored = state.product(p);
            return stored == null ? StateValues.emptyProductIndex(p) : StateValues.copy(stored);
        });
    }

    /** Marks an index as changed; it is written at the end of the call. */
    void touched(ProductIndex index) {
        indexes.put(index.getProduct(), index);
        dirty.add(index.getProduct());
    }

    void flush() {
        for (String product : dirty) {
            state.putProduct(indexes.get(product));
        }
        dirty.clear();
    }

    Outcome outcome() {
        flush();
        return new Outcome(
                new ArrayList<>(changedIncidents.values()),
                events,
                ticketUpdates,
                commands,
                new Outcome.Held(
                        held[Hold.Kind.SILENCED.ordinal()],
                        held[Hold.Kind.INHIBITED.ordinal()],
                        held[Hold.Kind.ABSORBED.ordinal()]),
                duplicateCommands);
    }

    private void index(Incident incident, IncidentTracking tracking, Instant at) {
        ProductIndex index = index(incident.getProduct());
        String id = incident.getIncidentId();
        List<String> open = index.getOpenIncidents();
        List<ResolvedIncident> resolved = index.getResolvedIncidents();
        resolved.removeIf(r -> r.getIncidentId().equals(id));
        if (incident.getStatus() != PublicStatus.RESOLVED) {
            if (!open.contains(id)) {
                open.add(id);
            }
        } else {
            open.remove(id);
            if (incident.getMergedInto() == null && incident.getResolvedAt() != null) {
                resolved.add(new ResolvedIncident(id, incident.getResolvedAt().toEpochMilli()));
            }
        }
        long horizon = at.minus(policy.reopenWindow()).toEpochMilli();
        resolved.removeIf(r -> r.getResolvedAt() < horizon);
        resolved.sort(Comparator.comparingLong(ResolvedIncident::getResolvedAt)
                .thenComparing(ResolvedIncident::getIncidentId));
        while (resolved.size() > policy.limits().resolvedIncidents()) {
            resolved.remove(0);
        }
        if (tracking.getNextDueAt() != null) {
            index.getDueAt().put(id, tracking.getNextDueAt());
        } else {
            index.getDueAt().remove(id);
        }
        index.setNextDueAt(index.getDueAt().values().stream().min(Long::compare).orElse(null));
        touched(index);
    }

    /** Drops an incident from the product's clock index (its state vanished). */
    void forgetDue(String product, String incidentId) {
        ProductIndex index = index(product);
        index.getDueAt().remove(incidentId);
        index.setNextDueAt(index.getDueAt().values().stream().min(Long::compare).orElse(null));
        touched(index);
    }

    private void tellTickets(IncidentChange change) {
        Incident incident = change.incident();
        Instant at = change.at();
        for (IncidentChange.Notice notice : change.notices().values()) {
            ticketUpdates.add(TicketUpdates.aboutIncident(
                    notice.ticket(), incident, notice.kind(), notice.outcome(), notice.reason(), at));
        }
        if (!change.isPublicChange()) {
            return;
        }
        TicketUpdateKind kind = change.becameResolved()
                ? TicketUpdateKind.RESOLVED_FOLLOW_UP_REQUIRED
                : TicketUpdateKind.INCIDENT_STATUS_CHANGED;
        String reason = change.publicChangeReason();
        List<TicketRecord> linked = new ArrayList<>(state.ticketsOf(incident.getIncidentId()));
        // the state's order is its own business; sorting keeps the output identical on any implementation
        linked.sort(Comparator.comparing((TicketRecord t) -> t.getLinkedAt() == null ? Long.MAX_VALUE : t.getLinkedAt())
                .thenComparing(TicketRecord::getTicketId));
        for (TicketRecord ticket : linked) {
            if (!change.notices().containsKey(ticket.getTicketId())) {
                ticketUpdates.add(TicketUpdates.aboutIncident(ticket, incident, kind, null, reason, at));
            }
        }
    }
}
