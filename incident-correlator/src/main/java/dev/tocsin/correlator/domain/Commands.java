package dev.tocsin.correlator.domain;

import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.OperatorAction;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.schemas.topics.IncidentIds;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Operator commands. An invalid command (unknown incident, wrong product, missing field, illegal
 * transition) produces a COMMAND_REJECTED event with the reason and changes nothing; it never
 * throws. Commands on an incident that was merged away are rejected with the surviving id.
 * PUBLISH and SET_STATUS may carry a componentStatus: it becomes the incident's
 * componentStatusOverride, which {@link Session#commit} clears when the incident resolves.
 * A command whose id the incident already applied ({@link AppliedCommands}) is a no-op: no event,
 * no new version, only counted as a duplicate.
 */
final class Commands {

    private Commands() {}

    static void handle(Session session, IncidentCommand command, Instant at) {
        Optional<Incident> found = session.incident(command.getIncidentId());
        if (found.isEmpty()) {
            String product = command.getProduct() != null
                    ? command.getProduct()
                    : IncidentIds.productOf(command.getIncidentId()).orElse(null);
            reject(session, command, product, 0, at, "unknown incident " + command.getIncidentId());
            return;
        }
        Incident incident = found.get();
        if (session.state
                .tracking(incident.getIncidentId())
                .filter(tracking -> AppliedCommands.contains(tracking, command.getCommandId()))
                .isPresent()) {
            // a retry of a command already applied (checked before the merge rule: a retried MERGE is no error)
            session.duplicateCommand();
            return;
        }
        String problem;
        if (command.getProduct() != null && !command.getProduct().equals(incident.getProduct())) {
            problem = "incident " + incident.getIncidentId() + " belongs to product " + incident.getProduct() + ", not "
                    + command.getProduct();
        } else if (incident.getMergedInto() != null) {
            problem = "incident was merged into " + incident.getMergedInto() + "; send commands to that incident";
        } else {
            problem = switch (command.getType()) {
                case ACKNOWLEDGE -> acknowledge(session, command, incident, at);
                case SET_SEVERITY -> setSeverity(session, command, incident, at);
                case SET_STATUS -> setStatus(session, command, incident, at);
                case POST_UPDATE -> postUpdate(session, command, incident, at);
                case MERGE -> Merge.apply(session, command, incident, at);
                case RESOLVE -> resolve(session, command, incident, at);
                case REOPEN -> reopen(session, command, incident, at);
                case LINK_TICKET -> linkTicket(session, command, incident, at);
                case UNLINK_TICKET -> unlinkTicket(session, command, incident, at);
                case PUBLISH -> publish(session, command, incident, at);
                case ABSORB_DEPENDANT_ALERT -> absorb(session, command, incident, at);
            };
        }
        if (problem != null) {
            reject(session, command, incident.getProduct(), incident.getVersion(), at, problem);
        }
    }

    private static void reject(
            Session session, IncidentCommand command, String product, long version, Instant at, String reason) {
        session.emit(EventFactory.rejected(command, product, version, at, reason));
    }

    static IncidentChange begin(Session session, IncidentCommand command, Incident incident, Instant at) {
        IncidentChange change = session.begin(incident, at);
        change.commandId(command.getCommandId());
        AppliedCommands.remember(change.tracking(), command.getCommandId());
        return change;
    }

    private static OperatorAction action(IncidentCommand command, Instant at) {
        return new OperatorAction(command.getActor(), at, command.getReason());
    }

    private static String acknowledge(Session session, IncidentCommand command, Incident incident, Instant at) {
        if (incident.getStatus() == PublicStatus.RESOLVED) {
            return "incident is resolved";
        }
        if (incident.getAcknowledged()) {
            OperatorAction first = incident.getAcknowledgement();
            return "already acknowledged" + (first == null ? "" : " by " + first.getActor() + " at " + first.getAt());
        }
        IncidentChange change = begin(session, command, incident, at);
        incident.setAcknowledged(true);
        incident.setAcknowledgement(action(command, change.at()));
        change.event(
                IncidentEventType.ACKNOWLEDGED,
                command.getActor(),
                "first response" + (command.getReason() == null ? "" : ": " + command.getReason()),
                false,
                b -> {});
        session.commit(change);
        return null;
    }

    private static String setSeverity(Session session, IncidentCommand command, Incident incident, Instant at) {
        Severity severity = command.getSeverity();
        if (severity == null) {
            return "severity is required";
        }
        if (incident.getStatus() == PublicStatus.RESOLVED) {
            return "incident is resolved; reopen it first";
        }
        IncidentChange change = begin(session, command, incident, at);
        Severity previous = incident.getSeverity();
        incident.setSeverity(severity);
        // the operator's choice is kept: automatic escalation stops from here on
        incident.setSeverityOverride(action(command, change.at()));
        change.event(
                IncidentEventType.SEVERITY_CHANGED,
                command.getActor(),
                "set by operator" + (command.getReason() == null ? "" : ": " + command.getReason()),
                false,
                b -> b.setSeverity(severity).setPreviousSeverity(previous));
        session.commit(change);
        return null;
    }

    private static String setStatus(Session session, IncidentCommand command, Incident incident, Instant at) {
        PublicStatus status = command.getStatus();
        ComponentStatus componentStatus = command.getComponentStatus();
        if (status == null && componentStatus == null) {
            return "status is required (or a componentStatus)";
        }
        if (status == PublicStatus.RESOLVED) {
            if (componentStatus != null) {
                return "componentStatus cannot be set when resolving: the override ends when the incident resolves";
            }
            return resolve(session, command, incident, at);
        }
        if (incident.getStatus() == PublicStatus.RESOLVED) {
            return "incident is resolved; use REOPEN";
        }
        boolean statusChanges = status != null && status != incident.getStatus();
        boolean overrideChanges = componentStatus != null && componentStatus != incident.getComponentStatusOverride();
        if (!statusChanges && !overrideChanges) {
            return componentStatus == null
                    ? "incident is already " + status + "; use POST_UPDATE for a new message"
                    : "incident is already " + incident.getStatus() + " with component status " + wire(componentStatus)
                            + "; use POST_UPDATE for a new message";
        }
        IncidentChange change = begin(session, command, incident, at);
        if (componentStatus != null) {
            incident.setComponentStatusOverride(componentStatus);
        }
        String publicMessage = blankToNull(command.getMessage());
        if (statusChanges) {
            Lifecycle.changeStatus(
                    change, status, command.getActor(), messageOf(command), publicMessage, session.policy);
        } else {
            // only the component status changes: the incident keeps its status; a message makes it a public update
            if (publicMessage != null) {
                incident.setLatestPublicMessage(publicMessage);
                change.tracking().setLastPublicUpdateAt(change.at().toEpochMilli());
                change.markPublicUpdate("component status " + wire(componentStatus));
            }
            String internal = "component status set to " + wire(componentStatus)
                    + (command.getReason() == null ? "" : ": " + command.getReason());
            PublicStatus current = incident.getStatus();
            change.event(
                    IncidentEventType.STATUS_CHANGED,
                    command.getActor(),
                    publicMessage != null ? publicMessage : internal,
                    publicMessage != null,
                    b -> b.setStatus(current).setPreviousStatus(current).setSeverity(incident.getSeverity()));
        }
        session.commit(change);
        return null;
    }

    /**
     * A public update, or with {@code internal} an internal note for operators and support: the
     * note is only a non-public timeline entry, so it changes no public message, sends no ticket
     * updates, does not restart the SLA update cadence and does not deliver the RCA.
     */
    private static String postUpdate(Session session, IncidentCommand command, Incident incident, Instant at) {
        String message = blankToNull(command.getMessage());
        if (message == null) {
            return "message is required";
        }
        IncidentChange change = begin(session, command, incident, at);
        boolean isPublic = !command.getInternal();
        if (isPublic) {
            incident.setLatestPublicMessage(message);
            change.tracking().setLastPublicUpdateAt(change.at().toEpochMilli());
            change.markPublicUpdate("public update");
            if (incident.getStatus() == PublicStatus.RESOLVED
                    && change.tracking().getRcaDueAt() != null) {
                // a public update on a resolved incident is how the RCA is delivered
                change.tracking().setRcaDueAt(null);
            }
        }
        change.event(
                IncidentEventType.UPDATE_POSTED,
                command.getActor(),
                message,
                isPublic,
                b -> b.setStatus(incident.getStatus()));
        session.commit(change);
        return null;
    }

    /**
     * An alert of a dependant product became evidence of this upstream incident (sent by the
     * dependant's partition, see {@link HeldAlerts}): evidence and an internal timeline entry, no
     * count and no status change, since the alert's lifecycle stays with its own product.
     */
    private static String absorb(Session session, IncidentCommand command, Incident incident, Instant at) {
        String dependant = blankToNull(command.getSourceProduct());
        String fingerprint = blankToNull(command.getAlertFingerprint());
        if (dependant == null || fingerprint == null) {
            return "sourceProduct and alertFingerprint are required";
        }
        if (incident.getStatus() == PublicStatus.RESOLVED) {
            return "incident is resolved; the alert " + dependant + "/" + fingerprint
                    + " is correlated in its own product";
        }
        IncidentChange change = begin(session, command, incident, at);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("product", incident.getProduct());
        keys.put("dependant", dependant);
        keys.put("fingerprint", fingerprint);
        change.evidence(CorrelationRules.ABSORBED_DEPENDANT, keys, fingerprint, null, session.policy);
        String message = command.getReason() != null
                ? command.getReason()
                : "alert " + dependant + "/" + fingerprint + " absorbed because " + incident.getProduct() + " is down";
        change.event(IncidentEventType.ALERT_ATTACHED, message, b -> b.setAlertFingerprint(fingerprint));
        session.commit(change);
        return null;
    }

    private static String resolve(Session session, IncidentCommand command, Incident incident, Instant at) {
        if (incident.getStatus() == PublicStatus.RESOLVED) {
            return "incident is already resolved";
        }
        IncidentChange change = begin(session, command, incident, at);
        Lifecycle.changeStatus(
                change,
                PublicStatus.RESOLVED,
                command.getActor(),
                messageOf(command),
                blankToNull(command.getMessage()),
                session.policy);
        session.commit(change);
        return null;
    }

    private static String reopen(Session session, IncidentCommand command, Incident incident, Instant at) {
        if (incident.getStatus() != PublicStatus.RESOLVED) {
            return "incident is not resolved (status " + incident.getStatus() + ")";
        }
        Instant resolvedAt = incident.getResolvedAt();
        if (resolvedAt != null && resolvedAt.plus(session.policy.reopenWindow()).isBefore(at)) {
            return "resolved at " + resolvedAt + ", more than " + session.policy.reopenWindow()
                    + " ago; open a new incident referencing it";
        }
        IncidentChange change = begin(session, command, incident, at);
        Lifecycle.changeStatus(
                change,
                PublicStatus.INVESTIGATING,
                command.getActor(),
                messageOf(command),
                blankToNull(command.getMessage()),
                session.policy);
        session.commit(change);
        return null;
    }

    private static String linkTicket(Session session, IncidentCommand command, Incident incident, Instant at) {
        String ticketId = blankToNull(command.getTicketId());
        if (ticketId == null) {
            return "ticketId is required";
        }
        if (incident.getStatus() == PublicStatus.RESOLVED) {
            return "incident is resolved; reopen it first";
        }
        Optional<TicketRecord> existing = session.state.ticket(ticketId).map(StateValues::copy);
        if (existing.isPresent() && existing.get().getIncidentId() != null) {
            return existing.get().getIncidentId().equals(incident.getIncidentId())
                    ? "ticket " + ticketId + " is already linked to this incident"
                    : "ticket " + ticketId + " is linked to incident "
                            + existing.get().getIncidentId() + "; unlink it first";
        }
        String organization = command.getOrganizationId() != null
                ? command.getOrganizationId()
                : existing.map(TicketRecord::getOrganizationId).orElse(null);
        if (organization == null) {
            return "organizationId is required for a ticket the correlator has not seen";
        }
        TicketRecord ticket = existing.orElseGet(() -> {
            TicketRecord known = StateValues.newTicket(ticketId, organization, incident.getProduct());
            known.setReportedAt(at.toEpochMilli());
            return known;
        });
        ticket.setOrganizationId(organization);
        // a linked ticket no longer counts towards a customer-report wave
        ProductIndex index = session.index(ticket.getProduct());
        if (index.getRecentReports().removeIf(r -> r.getTicketId().equals(ticketId))) {
            session.touched(index);
        }
        IncidentChange change = begin(session, command, incident, at);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("product", incident.getProduct());
        keys.put("actor", command.getActor());
        TicketLinks.link(
                session,
                change,
                ticket,
                CorrelationRules.LINKED_BY_OPERATOR,
                keys,
                TriageOutcome.LINKED,
                "linked-by-operator: " + command.getActor()
                        + (command.getReason() == null ? "" : " (" + command.getReason() + ")"));
        session.commit(change);
        return null;
    }

    private static String unlinkTicket(Session session, IncidentCommand command, Incident incident, Instant at) {
        String ticketId = blankToNull(command.getTicketId());
        if (ticketId == null) {
            return "ticketId is required";
        }
        Optional<TicketRecord> existing = session.state.ticket(ticketId).map(StateValues::copy);
        if (existing.isEmpty()
                || !incident.getIncidentId().equals(existing.get().getIncidentId())) {
            return "ticket " + ticketId + " is not linked to this incident";
        }
        IncidentChange change = begin(session, command, incident, at);
        TicketLinks.unlink(
                session,
                change,
                existing.get(),
                command.getActor(),
                "unlinked-by-operator: " + command.getActor()
                        + (command.getReason() == null ? "" : " (" + command.getReason() + ")"));
        session.commit(change);
        return null;
    }

    /**
     * Publishes the incident, with the operator's component status when the command carries one. On
     * an incident already published, a componentStatus changes the override; a bare PUBLISH is
     * rejected.
     */
    private static String publish(Session session, IncidentCommand command, Incident incident, Instant at) {
        ComponentStatus componentStatus = command.getComponentStatus();
        if (componentStatus != null && incident.getStatus() == PublicStatus.RESOLVED) {
            return "incident is resolved; a componentStatus applies only until the incident resolves";
        }
        String text;
        if (incident.getPublished()) {
            if (componentStatus == null) {
                return "incident is already published";
            }
            if (componentStatus == incident.getComponentStatusOverride()) {
                return "incident is already published with component status " + wire(componentStatus);
            }
            text = "component status set to " + wire(componentStatus);
        } else {
            text = "published on the status page"
                    + (componentStatus == null ? "" : " with component status " + wire(componentStatus));
        }
        IncidentChange change = begin(session, command, incident, at);
        incident.setPublished(true);
        if (componentStatus != null) {
            incident.setComponentStatusOverride(componentStatus);
        }
        change.event(IncidentEventType.PUBLISHED, command.getActor(), text, false, b -> {});
        session.commit(change);
        return null;
    }

    /** A component status as Statuspage names it (degraded_performance). */
    private static String wire(ComponentStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static String messageOf(IncidentCommand command) {
        return command.getReason() != null ? command.getReason() : blankToNull(command.getMessage());
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
