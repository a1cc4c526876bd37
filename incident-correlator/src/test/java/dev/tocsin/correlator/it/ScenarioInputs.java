package dev.tocsin.correlator.it;

import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.ReportChannel;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scripted hour: an alert storm and a flapping alert on chat, a customer wave from four
 * organisations on voice, a single customer's Wi-Fi complaint on talk, alerts for guide during
 * its maintenance, a second chat incident on another component, and operator commands.
 * Timestamps are event times from a start two days in the past.
 */
final class ScenarioInputs {

    /**
     * Two days ago: far enough behind the wall clock that the correlator treats the inputs as
     * history (clocks follow event time), close enough that the broker neither rolls segments nor
     * applies retention by these timestamps (both count from record time, 7 days by default).
     */
    static final Instant T0 =
            Instant.now().minus(java.time.Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);

    private ScenarioInputs() {}

    static Instant at(int minutes) {
        return T0.plusSeconds(minutes * 60L);
    }

    static MaintenanceWindow guideMaintenance() {
        return MaintenanceWindow.newBuilder()
                .setWindowId("mw-guide")
                .setProducts(List.of("guide"))
                .setTitle("Guide search re-index")
                .setStartsAt(T0.minusSeconds(600))
                .setEndsAt(at(120))
                .setState(MaintenanceState.SCHEDULED)
                .setUpdatedAt(T0.minusSeconds(3600))
                .build();
    }

    /** Everything but the commands, in event-time order per product. */
    static List<MonitoringAlert> alertsBeforeCommands() {
        List<MonitoringAlert> alerts = new ArrayList<>();
        for (int repeat = 0; repeat < 10; repeat++) {
            for (int fp = 0; fp < 10; fp++) {
                alerts.add(alert(
                        "chat",
                        "chat-api-" + fp,
                        "api",
                        "eu-1",
                        AlertStatus.FIRING,
                        Signal.LATENCY,
                        SeverityHint.CRITICAL,
                        T0.plusSeconds(repeat * 60L + fp)));
            }
        }
        alerts.add(alert(
                "chat", "chat-flap", "api", "eu-1", AlertStatus.FIRING, Signal.ERROR_RATE, SeverityHint.HIGH, at(11)));
        alerts.add(alert(
                "chat",
                "chat-flap",
                "api",
                "eu-1",
                AlertStatus.RESOLVED,
                Signal.ERROR_RATE,
                SeverityHint.HIGH,
                at(12)));
        alerts.add(alert(
                "chat", "chat-flap", "api", "eu-1", AlertStatus.FIRING, Signal.ERROR_RATE, SeverityHint.HIGH, at(13)));
        for (int i = 0; i < 5; i++) {
            alerts.add(alert(
                    "guide",
                    "guide-search-" + i,
                    "search",
                    "eu-1",
                    AlertStatus.FIRING,
                    Signal.AVAILABILITY,
                    SeverityHint.CRITICAL,
                    at(30).plusSeconds(i)));
        }
        alerts.add(alert(
                "chat",
                "chat-ws-1",
                "websocket",
                "us-1",
                AlertStatus.FIRING,
                Signal.AVAILABILITY,
                SeverityHint.HIGH,
                at(60)));
        return alerts;
    }

    /** A storm on one component of {@code product}: {@code count} distinct alerts, one a second. */
    static List<MonitoringAlert> storm(String product, int count) {
        List<MonitoringAlert> alerts = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            alerts.add(alert(
                    product,
                    product + "-storm-" + n,
                    "api",
                    "eu-1",
                    AlertStatus.FIRING,
                    Signal.LATENCY,
                    SeverityHint.HIGH,
                    T0.plusSeconds(n)));
        }
        return alerts;
    }

    static List<CustomerReport> reports() {
        List<CustomerReport> reports = new ArrayList<>();
        String[] orgs = {"org-a", "org-b", "org-c", "org-d"};
        for (int i = 0; i < orgs.length; i++) {
            reports.add(report(
                    "T-voice-" + (i + 1),
                    orgs[i],
                    "voice",
                    "Voice calls drop mid-call",
                    "Calls to customers drop after a few seconds.",
                    at(20 + i)));
        }
        reports.add(report(
                "T-talk-1",
                "org-e",
                "talk",
                "Calls drop on our office Wi-Fi",
                "Softphone calls drop when agents use the office Wi-Fi; on cable it works.",
                at(25)));
        return reports;
    }

    static List<IncidentCommand> commands(String chatIncident, String chatWebsocketIncident, String voiceIncident) {
        return List.of(
                command("cmd-ack", chatIncident, CommandType.ACKNOWLEDGE, at(40))
                        .build(),
                command("cmd-merge", chatWebsocketIncident, CommandType.MERGE, at(65))
                        .setTargetIncidentId(chatIncident)
                        .setReason("same outage")
                        .build(),
                command("cmd-voice-identified", voiceIncident, CommandType.SET_STATUS, at(70))
                        .setStatus(PublicStatus.IDENTIFIED)
                        .setMessage("A carrier route drops calls; it is being replaced.")
                        .build(),
                command("cmd-resolve", chatIncident, CommandType.RESOLVE, at(80))
                        .setMessage("Chat is back to normal.")
                        .build());
    }

    /** One firing availability alert of a product. */
    static MonitoringAlert firing(String product, String fingerprint, Instant at) {
        return alert(product, fingerprint, null, null, AlertStatus.FIRING, Signal.AVAILABILITY, SeverityHint.HIGH, at);
    }

    static IncidentCommand resolve(String incidentId, Instant at) {
        return command("resolve-" + incidentId, incidentId, CommandType.RESOLVE, at)
                .build();
    }

    private static IncidentCommand.Builder command(String id, String incidentId, CommandType type, Instant at) {
        return IncidentCommand.newBuilder()
                .setCommandId(id)
                .setIncidentId(incidentId)
                .setProduct(incidentId.substring(0, incidentId.lastIndexOf('-')))
                .setType(type)
                .setActor("alice")
                .setIssuedAt(at);
    }

    private static MonitoringAlert alert(
            String product,
            String fingerprint,
            String component,
            String region,
            AlertStatus status,
            Signal signal,
            SeverityHint hint,
            Instant at) {
        return MonitoringAlert.newBuilder()
                .setAlertId(fingerprint + "@" + at.toEpochMilli())
                .setFingerprint(fingerprint)
                .setSource(AlertSource.ALERTMANAGER)
                .setSourceName("scenario")
                .setStatus(status)
                .setProduct(product)
                .setComponent(component)
                .setRegion(region)
                .setSignal(signal)
                .setSeverityHint(hint)
                .setSummary(fingerprint + " " + signal)
                .setStartsAt(at)
                .setEndsAt(status == AlertStatus.RESOLVED ? at : null)
                .setReceivedAt(at)
                .build();
    }

    /** A phone report of a ticket (support's product for it may change between reports). */
    static CustomerReport report(String ticketId, String organization, String product, Instant at) {
        return report(ticketId, organization, product, "Calls fail", "Calls to customers fail since this morning", at);
    }

    private static CustomerReport report(
            String ticketId, String organization, String product, String subject, String description, Instant at) {
        return CustomerReport.newBuilder()
                .setTicketId(ticketId)
                .setSource("zendesk")
                .setOrganizationId(organization)
                .setProduct(product)
                .setSubject(subject)
                .setDescription(description)
                .setCustomerPriority(CustomerPriority.P2)
                .setChannel(ReportChannel.PHONE)
                .setCreatedAt(at)
                .setReceivedAt(at)
                .build();
    }
}
