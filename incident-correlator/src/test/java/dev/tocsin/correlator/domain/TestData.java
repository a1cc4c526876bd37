package dev.tocsin.correlator.domain;

import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.ReportChannel;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.Silence;
import dev.tocsin.avro.SilenceMatcher;
import dev.tocsin.schemas.rules.LabelMatcher;
import dev.tocsin.schemas.rules.LabelMatchers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builders for test inputs, with sensible defaults so a test states only what matters to it. */
final class TestData {

    /** A Monday morning, UTC. */
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private TestData() {}

    static Instant at(Duration offset) {
        return T0.plus(offset);
    }

    static Instant minutes(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static AlertBuilder alert(String fingerprint) {
        return new AlertBuilder(fingerprint);
    }

    static ReportBuilder report(String ticketId) {
        return new ReportBuilder(ticketId);
    }

    static CommandBuilder command(CommandType type, String incidentId) {
        return new CommandBuilder(type, incidentId);
    }

    static MaintenanceWindow maintenance(String id, String product, Instant start, Instant end) {
        return MaintenanceWindow.newBuilder()
                .setWindowId(id)
                .setProducts(List.of(product))
                .setTitle("Database upgrade")
                .setStartsAt(start)
                .setEndsAt(end)
                .setState(MaintenanceState.SCHEDULED)
                .setUpdatedAt(start.minus(Duration.ofDays(7)))
                .build();
    }

    /** An Alertmanager-style silence of matchers such as {@code alertname="X"} (amtool's syntax). */
    static Silence silence(String id, Instant start, Instant end, String... matchers) {
        List<SilenceMatcher> list = new ArrayList<>();
        for (String text : matchers) {
            LabelMatcher m = LabelMatchers.parse(text);
            list.add(new SilenceMatcher(
                    m.name(), m.value(), m.type().isRegex(), m.type().isEqual()));
        }
        return Silence.newBuilder()
                .setSilenceId(id)
                .setMatchers(list)
                .setStartsAt(start)
                .setEndsAt(end)
                .setCreatedBy("oncall")
                .setComment("known issue")
                .setUpdatedAt(start)
                .build();
    }

    static final class AlertBuilder {
        private final MonitoringAlert.Builder b = MonitoringAlert.newBuilder()
                .setSource(AlertSource.ALERTMANAGER)
                .setSourceName("alertmanager")
                .setStatus(AlertStatus.FIRING)
                .setProduct("chat")
                .setSignal(Signal.LATENCY)
                .setSeverityHint(SeverityHint.HIGH)
                .setStartsAt(T0)
                .setReceivedAt(T0);
        private int sequence;

        AlertBuilder(String fingerprint) {
            b.setFingerprint(fingerprint).setSummary("Alert " + fingerprint);
        }

        AlertBuilder product(String product) {
            b.setProduct(product);
            return this;
        }

        AlertBuilder component(String component) {
            b.setComponent(component);
            return this;
        }

        AlertBuilder region(String region) {
            b.setRegion(region);
            return this;
        }

        AlertBuilder signal(Signal signal) {
            b.setSignal(signal);
            return this;
        }

        AlertBuilder hint(SeverityHint hint) {
            b.setSeverityHint(hint);
            return this;
        }

        AlertBuilder label(String name, String value) {
            Map<String, String> labels = new HashMap<>(b.hasLabels() ? b.getLabels() : Map.of());
            labels.put(name, value);
            b.setLabels(labels);
            return this;
        }

        AlertBuilder summary(String summary) {
            b.setSummary(summary);
            return this;
        }

        AlertBuilder resolved() {
            b.setStatus(AlertStatus.RESOLVED);
            return this;
        }

        /** PagerDuty's acknowledge: still active at the source, not a human first response. */
        AlertBuilder acknowledged() {
            b.setStatus(AlertStatus.ACKNOWLEDGED);
            return this;
        }

        AlertBuilder firing() {
            b.setStatus(AlertStatus.FIRING);
            return this;
        }

        MonitoringAlert build() {
            return MonitoringAlert.newBuilder(b.setAlertId(b.getFingerprint() + "-" + (++sequence))
                            .build())
                    .build();
        }
    }

    static final class ReportBuilder {
        private final CustomerReport.Builder b = CustomerReport.newBuilder()
                .setSource("zendesk")
                .setOrganizationId("org-1")
                .setProduct("chat")
                .setSubject("Chat is not loading")
                .setCustomerPriority(CustomerPriority.P4)
                .setChannel(ReportChannel.PORTAL)
                .setCreatedAt(T0)
                .setReceivedAt(T0)
                .setTags(new ArrayList<>());

        ReportBuilder(String ticketId) {
            b.setTicketId(ticketId);
        }

        ReportBuilder org(String organization) {
            b.setOrganizationId(organization);
            return this;
        }

        ReportBuilder product(String product) {
            b.setProduct(product);
            return this;
        }

        ReportBuilder component(String component) {
            b.setComponent(component);
            return this;
        }

        ReportBuilder subject(String subject) {
            b.setSubject(subject);
            return this;
        }

        ReportBuilder description(String description) {
            b.setDescription(description);
            return this;
        }

        ReportBuilder tags(String... tags) {
            b.setTags(List.of(tags));
            return this;
        }

        /** The language the source states (Zendesk locale). */
        ReportBuilder language(String language) {
            b.setLanguage(language);
            return this;
        }

        ReportBuilder priority(CustomerPriority priority) {
            b.setCustomerPriority(priority);
            return this;
        }

        CustomerReport build() {
            return b.build();
        }
    }

    static final class CommandBuilder {
        private static int sequence;
        private final IncidentCommand.Builder b =
                IncidentCommand.newBuilder().setActor("oncall@example.com").setIssuedAt(T0);

        CommandBuilder(CommandType type, String incidentId) {
            b.setType(type).setIncidentId(incidentId).setCommandId("cmd-" + type + "-" + incidentId);
        }

        CommandBuilder id(String commandId) {
            b.setCommandId(commandId);
            return this;
        }

        CommandBuilder product(String product) {
            b.setProduct(product);
            return this;
        }

        CommandBuilder actor(String actor) {
            b.setActor(actor);
            return this;
        }

        CommandBuilder reason(String reason) {
            b.setReason(reason);
            return this;
        }

        CommandBuilder severity(Severity severity) {
            b.setSeverity(severity);
            return this;
        }

        CommandBuilder status(PublicStatus status) {
            b.setStatus(status);
            return this;
        }

        CommandBuilder componentStatus(ComponentStatus componentStatus) {
            b.setComponentStatus(componentStatus);
            return this;
        }

        CommandBuilder message(String message) {
            b.setMessage(message);
            return this;
        }

        CommandBuilder internal() {
            b.setInternal(true);
            return this;
        }

        CommandBuilder target(String incidentId) {
            b.setTargetIncidentId(incidentId);
            return this;
        }

        CommandBuilder ticket(String ticketId) {
            b.setTicketId(ticketId);
            return this;
        }

        CommandBuilder organization(String organizationId) {
            b.setOrganizationId(organizationId);
            return this;
        }

        IncidentCommand build() {
            return b.build();
        }
    }
}
