package dev.tocsin.correlator.domain;

import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.RecentReport;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.runtime.text.MessageCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A customer report is triaged ({@link Triage}) and the decision applied: a ticket update for
 * the ticket, a link to an incident, or a new customer-reported incident.
 *
 * <p>A report of a ticket that is already linked changes nothing (ticket systems re-send tickets
 * on every edit). A ticket on the standard path is triaged again, and gets an update only when
 * the decision differs from the previous one. A report naming another product than the ticket's
 * moves it ({@link TicketMoves}) and is triaged as the ticket's first under its new product.
 */
final class ReportIntake {

    private ReportIntake() {}

    static void handle(
            Session session,
            CustomerReport report,
            Instant at,
            CustomerResponsibility responsibility,
            String unclassifiedProduct) {
        Policy policy = session.policy;
        String product = report.getProduct();
        Optional<TicketRecord> existing =
                session.state.ticket(report.getTicketId()).map(StateValues::copy);
        if (existing.isPresent() && !existing.get().getProduct().equals(product)) {
            // reclassified to a product of this partition: the old one lets it go first, then it is a new ticket here
            String left = existing.get().getProduct();
            Clocks.advance(
                    session, left,
                    at); // as the product's own partition would before a move (Correlator.onTicketMovedOut)
            TicketMoves.moveOut(session, report.getTicketId(), left, product, at);
            Clocks.advance(session, left, at);
            existing = session.state.ticket(report.getTicketId()).map(StateValues::copy);
        }
        if (existing.isPresent() && existing.get().getIncidentId() != null) {
            remember(session, existing.get(), at);
            return;
        }
        ProductIndex index = session.index(product);
        List<RecentReport> windowReports = windowReports(index, at, report.getTicketId(), policy);
        List<CorrelationRules.Candidate> open = session.openCandidates(product);
        Optional<MaintenanceWindow> maintenance =
                unclassifiedProduct.equals(product) ? Optional.empty() : session.state.activeMaintenance(product, at);
        // the source's language wins; else the ticket keeps the language of its first report
        String language = MessageCatalog.isSupported(report.getLanguage())
                        || existing.isEmpty()
                        || existing.get().getLanguage() == null
                ? ReportLanguage.of(report.getLanguage(), report.getSubject(), report.getDescription())
                : existing.get().getLanguage();
        Triage.Decision decision = Triage.decide(
                report, language, responsibility, open, maintenance, windowReports, policy, unclassifiedProduct);

        TicketRecord ticket = existing.orElseGet(
                () -> StateValues.newTicket(report.getTicketId(), report.getOrganizationId(), product));
        if (existing.isPresent()
                && sameDecision(existing.get(), decision)
                && language.equals(existing.get().getLanguage())) {
            remember(session, existing.get(), at);
            return;
        }
        pruneReports(session, index, at, report.getTicketId());
        ticket.setOrganizationId(report.getOrganizationId());
        ticket.setProduct(product);
        ticket.setComponent(report.getComponent());
        ticket.setPriority(report.getCustomerPriority());
        ticket.setReportedAt(report.getCreatedAt().toEpochMilli());
        ticket.setTriagedAt(at.toEpochMilli());
        ticket.setLastReportAt(Math.max(ticket.getLastReportAt(), at.toEpochMilli()));
        ticket.setReason(decision.reason());
        ticket.setLanguage(language);
        ticket.setMaintenanceWindowId(null);
        switch (decision.path()) {
            case CUSTOMER_RESPONSIBILITY, UNKNOWN_PRODUCT, SINGLE_CUSTOMER -> {
                ticket.setOutcome(TriageOutcome.STANDARD_TROUBLESHOOTING);
                session.state.putTicket(ticket);
                if (decision.path() == Triage.Path.SINGLE_CUSTOMER) {
                    // remembered for the triage window: it may be the start of a wave
                    index.getRecentReports()
                            .add(new RecentReport(ticket.getTicketId(), ticket.getOrganizationId(), at.toEpochMilli()));
                    capReports(index, policy);
                    session.touched(index);
                }
                session.emit(TicketUpdates.standardTroubleshooting(ticket, decision.reason(), decision.reply(), at));
            }
            case MAINTENANCE -> {
                ticket.setOutcome(TriageOutcome.LINKED);
                ticket.setMaintenanceWindowId(decision.maintenance().getWindowId());
                session.state.putTicket(ticket);
                session.emit(TicketUpdates.maintenance(ticket, decision.maintenance(), decision.reason(), at));
            }
            case OPEN_INCIDENT -> {
                IncidentChange change = session.begin(decision.incident().incident(), at);
                TicketLinks.link(
                        session,
                        change,
                        ticket,
                        decision.incident().rule(),
                        decision.incident().keys(),
                        TriageOutcome.LINKED,
                        decision.reason());
                session.commit(change);
            }
            case NEW_INCIDENT -> openCustomerReported(session, report, ticket, decision, index, at);
        }
    }

    /** A report that changes nothing still says the ticket is here now: a move out stamped earlier is stale (TicketMoves). */
    private static void remember(Session session, TicketRecord ticket, Instant at) {
        if (ticket.getLastReportAt() < at.toEpochMilli()) {
            ticket.setLastReportAt(at.toEpochMilli());
            session.state.putTicket(ticket);
        }
    }

    private static boolean sameDecision(TicketRecord previous, Triage.Decision decision) {
        TriageOutcome outcome = switch (decision.path()) {
            case CUSTOMER_RESPONSIBILITY, UNKNOWN_PRODUCT, SINGLE_CUSTOMER -> TriageOutcome.STANDARD_TROUBLESHOOTING;
            case MAINTENANCE, OPEN_INCIDENT -> TriageOutcome.LINKED;
            case NEW_INCIDENT -> TriageOutcome.NEW_INCIDENT;
        };
        String window =
                decision.maintenance() == null ? null : decision.maintenance().getWindowId();
        return decision.path() != Triage.Path.OPEN_INCIDENT
                && decision.path() != Triage.Path.NEW_INCIDENT
                && outcome == previous.getOutcome()
                && Objects.equals(decision.reason(), previous.getReason())
                && Objects.equals(window, previous.getMaintenanceWindowId());
    }

    /** A customer-reported incident: the earlier reports of the wave are linked first, then this one. */
    private static void openCustomerReported(
            Session session,
            CustomerReport report,
            TicketRecord trigger,
            Triage.Decision decision,
            ProductIndex index,
            Instant at) {
        Policy policy = session.policy;
        String product = report.getProduct();
        String id = AlertIntake.newIncidentId(
                session, product, "reports:" + report.getTicketId() + "@" + at.toEpochMilli());
        Incident incident = Incident.newBuilder()
                .setIncidentId(id)
                .setProduct(product)
                .setTitle(AlertIntake.truncate("Customer reports: " + report.getSubject()))
                .setComponents(new ArrayList<>())
                .setRegions(new ArrayList<>())
                .setSeverity(Severity.SEV4)
                .setScope(Scope.SINGLE_CUSTOMER)
                .setStatus(PublicStatus.INVESTIGATING)
                .setCustomerReported(true)
                .setOpenedAt(at)
                .setUpdatedAt(at)
                .setVersion(0)
                .build();
        if (report.getComponent() != null) {
            incident.setComponents(new ArrayList<>(List.of(report.getComponent())));
        }
        IncidentTracking tracking = StateValues.newTracking(id, product, at);
        IncidentChange change = session.open(incident, tracking, at);
        change.event(
                IncidentEventType.OPENED,
                "opened by customer reports: " + decision.reason(),
                b -> b.setTicketId(report.getTicketId())
                        .setSeverity(incident.getSeverity())
                        .setStatus(incident.getStatus())
                        .setScope(incident.getScope()));
        for (RecentReport earlier : decision.wave()) {
            TicketRecord ticket = session.state
                    .ticket(earlier.getTicketId())
                    .map(StateValues::copy)
                    .orElseGet(
                            () -> StateValues.newTicket(earlier.getTicketId(), earlier.getOrganizationId(), product));
            if (ticket.getIncidentId() != null) {
                continue;
            }
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("product", product);
            keys.put("window", policy.triageWindow().toString());
            TicketLinks.link(
                    session,
                    change,
                    ticket,
                    CorrelationRules.REPORT_WAVE,
                    keys,
                    TriageOutcome.LINKED,
                    TicketTexts.format(ticket.getLanguage(), "reason.customer-report-wave", id));
        }
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("product", product);
        keys.put("organizations", String.valueOf(distinctOrganizations(decision.wave(), report.getOrganizationId())));
        keys.put("window", policy.triageWindow().toString());
        TicketLinks.link(
                session,
                change,
                trigger,
                CorrelationRules.OPENED_BY_REPORTS,
                keys,
                TriageOutcome.NEW_INCIDENT,
                decision.reason());
        Set<String> linked =
                decision.wave().stream().map(RecentReport::getTicketId).collect(Collectors.toSet());
        index.getRecentReports().removeIf(r -> linked.contains(r.getTicketId()));
        session.touched(index);
        session.commit(change);
    }

    private static int distinctOrganizations(List<RecentReport> wave, String organization) {
        Set<String> organizations =
                wave.stream().map(RecentReport::getOrganizationId).collect(Collectors.toSet());
        organizations.add(organization);
        return organizations.size();
    }

    /** The reports inside the triage window, other than this ticket's earlier one. */
    private static List<RecentReport> windowReports(ProductIndex index, Instant at, String ticketId, Policy policy) {
        long horizon = at.minus(policy.triageWindow()).toEpochMilli();
        return index.getRecentReports().stream()
                .filter(r -> r.getAt() >= horizon && !r.getTicketId().equals(ticketId))
                .toList();
    }

    /** Drops reports outside the triage window and this ticket's earlier entry. */
    private static void pruneReports(Session session, ProductIndex index, Instant at, String ticketId) {
        long horizon = at.minus(session.policy.triageWindow()).toEpochMilli();
        if (index.getRecentReports()
                .removeIf(r -> r.getAt() < horizon || r.getTicketId().equals(ticketId))) {
            session.touched(index);
        }
    }

    private static void capReports(ProductIndex index, Policy policy) {
        while (index.getRecentReports().size() > policy.limits().recentReports()) {
            index.getRecentReports().remove(0);
        }
    }
}
