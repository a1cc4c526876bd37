package dev.tocsin.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Silence;
import dev.tocsin.avro.SilenceMatcher;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.WithheldNotification;
import dev.tocsin.console.access.Session;
import dev.tocsin.console.live.Undelivered;
import dev.tocsin.console.upstream.UpstreamAnswer;
import dev.tocsin.schemas.rules.MaintenanceTransitions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The queues: unclassified incidents and alerts (to route them), the alerts the correlator holds
 * back (from its query API; operators only), tickets sent to standard troubleshooting,
 * maintenance windows and silences (create, edit, end) and the notifications sent, not delivered
 * and withheld (with the reason).
 */
final class QueuesPage {

    /** What the queues show, each newest first. */
    record Queues(
            List<Incident> unclassifiedIncidents,
            List<MonitoringAlert> unclassifiedAlerts,
            List<TicketUpdate> standardTroubleshooting,
            List<MaintenanceWindow> maintenance,
            List<Silence> silences,
            List<Notification> notifications,
            List<Undelivered> undelivered,
            List<WithheldNotification> withheld,
            UpstreamAnswer heldAlerts) {}

    /** Held alerts per page (the correlator's query API pages them with a cursor). */
    static final int HELD_PAGE = 50;

    private QueuesPage() {}

    static String render(Session session, Queues q, String notice, Instant now) {
        StringBuilder m = new StringBuilder("<h1>Queues</h1>");
        if (notice != null) {
            m.append("<p class=\"notice\" role=\"status\">")
                    .append(Html.text(notice))
                    .append("</p>");
        }
        m.append(
                        "<nav aria-label=\"Queues\" class=\"toc\"><a href=\"#unclassified\">Unclassified</a> <a href=\"#held\">Held alerts</a> <a href=\"#standard\">Standard troubleshooting</a> ")
                .append(
                        "<a href=\"#maintenance\">Maintenance</a> <a href=\"#silences\">Silences</a> <a href=\"#notifications\">Notifications</a></nav>");

        m.append("<section id=\"unclassified\" aria-labelledby=\"unc-h\"><h2 id=\"unc-h\">Unclassified incidents</h2>")
                .append(
                        "<p>No product label and no routing rule placed these. The correlator keeps merges within one product, so they "
                                + "cannot be moved to their product from here: add a routing rule in alert-ingest (docs/ALERT-INGEST.md, Routing) "
                                + "so the next alerts land in their product, acknowledge and resolve these.</p><ul>");
        for (Incident i : q.unclassifiedIncidents()) {
            if (i.getStatus() != PublicStatus.RESOLVED && i.getMergedInto() == null) {
                m.append("<li>")
                        .append(DetailPage.link(i.getIncidentId()))
                        .append(' ')
                        .append(Html.text(i.getTitle()))
                        .append(" — ")
                        .append(i.getAlertCount())
                        .append(" alerts, ")
                        .append(i.getTicketCount())
                        .append(" tickets</li>");
            }
        }
        if (q.unclassifiedIncidents().stream()
                .noneMatch(i -> i.getStatus() != PublicStatus.RESOLVED && i.getMergedInto() == null)) {
            m.append("<li>No open unclassified incident.</li>");
        }
        m.append(
                        "</ul><h3>Unclassified alerts (latest received)</h3><table><thead><tr><th scope=\"col\">Received</th><th scope=\"col\">Alert</th>")
                .append("<th scope=\"col\">Source</th><th scope=\"col\">Labels</th></tr></thead><tbody>");
        if (q.unclassifiedAlerts().isEmpty()) {
            m.append("<tr><td colspan=\"4\">No unclassified alert in view.</td></tr>");
        }
        for (MonitoringAlert a : q.unclassifiedAlerts().stream().limit(100).toList()) {
            m.append("<tr><td data-label=\"Received\">")
                    .append(Html.time(a.getReceivedAt()))
                    .append("</td><td data-label=\"Alert\">")
                    .append(Html.text(a.getStatus().name().toLowerCase(Locale.ROOT)))
                    .append(": ")
                    .append(Html.text(a.getSummary()))
                    .append("</td><td data-label=\"Source\">")
                    .append(Html.text(a.getSourceName()))
                    .append("</td><td data-label=\"Labels\"><code>")
                    .append(Html.text(a.getLabels().toString()))
                    .append("</code></td></tr>");
        }
        m.append("</tbody></table></section>");
        m.append(heldAlerts(q.heldAlerts()));

        m.append(
                        "<section id=\"standard\" aria-labelledby=\"std-h\"><h2 id=\"std-h\">Tickets sent to standard troubleshooting</h2><table><thead><tr>")
                .append(
                        "<th scope=\"col\">Ticket</th><th scope=\"col\">Organization</th><th scope=\"col\">Reason</th><th scope=\"col\">Triaged</th></tr></thead><tbody>");
        if (q.standardTroubleshooting().isEmpty()) {
            m.append("<tr><td colspan=\"4\">No ticket on the standard path in view.</td></tr>");
        }
        for (TicketUpdate t : q.standardTroubleshooting()) {
            m.append("<tr><td data-label=\"Ticket\"><a href=\"/tickets?id=")
                    .append(Html.text(Html.url(t.getTicketId())))
                    .append("\">")
                    .append(Html.text(t.getTicketId()))
                    .append("</a></td><td data-label=\"Organization\">")
                    .append(Html.text(t.getOrganizationId()))
                    .append("</td><td data-label=\"Reason\">")
                    .append(Html.text(t.getReason()))
                    .append("</td><td data-label=\"Triaged\">")
                    .append(Html.time(t.getAt()))
                    .append("</td></tr>");
        }
        m.append("</tbody></table></section>");

        m.append(
                        "<section id=\"maintenance\" aria-labelledby=\"mw-h\"><h2 id=\"mw-h\">Maintenance windows</h2><table><thead><tr>")
                .append(
                        "<th scope=\"col\">Window</th><th scope=\"col\">Products</th><th scope=\"col\">State</th><th scope=\"col\">From</th>")
                .append("<th scope=\"col\">Until</th><th scope=\"col\">End</th></tr></thead><tbody>");
        if (q.maintenance().isEmpty()) {
            m.append("<tr><td colspan=\"6\">No maintenance window.</td></tr>");
        }
        for (MaintenanceWindow w : q.maintenance()) {
            String state = w.getState().name().toLowerCase(Locale.ROOT);
            m.append("<tr><td data-label=\"Window\"><code>")
                    .append(Html.text(w.getWindowId()))
                    .append("</code> ")
                    .append(Html.text(w.getTitle()))
                    .append(w.getRecurrence() != null ? " (weekly)" : "")
                    .append("</td><td data-label=\"Products\">")
                    .append(Html.text(String.join(", ", w.getProducts())))
                    .append("</td><td data-label=\"State\">")
                    .append(Html.text(state))
                    .append("</td><td data-label=\"From\">")
                    .append(Html.time(w.getStartsAt()))
                    .append("</td><td data-label=\"Until\">")
                    .append(Html.time(w.getEndsAt()))
                    .append("</td><td data-label=\"End\">");
            // only the endings the shared state machine allows from this state (a scheduled window can be cancelled,
            // not completed)
            Map<String, String> endings = new LinkedHashMap<>();
            for (MaintenanceState end : List.of(MaintenanceState.COMPLETED, MaintenanceState.CANCELLED)) {
                if (MaintenanceTransitions.allowed(w.getState(), end)) {
                    endings.put(end.name().toLowerCase(Locale.ROOT), end.name().toLowerCase(Locale.ROOT));
                }
            }
            if (!endings.isEmpty() && session.role().mayManageQueues()) {
                m.append("<form method=\"post\" action=\"/maintenance/")
                        .append(Html.text(Html.url(w.getWindowId())))
                        .append("/end\">")
                        .append(Html.hiddenCsrf(session.csrfToken()))
                        .append(Html.select(
                                "state",
                                "End as",
                                endings,
                                endings.keySet().iterator().next()))
                        .append("<button type=\"submit\">End</button></form>");
            }
            m.append("</td></tr>");
        }
        m.append("</tbody></table>");
        if (session.role().mayManageQueues()) {
            m.append("<form method=\"post\" action=\"/maintenance\" class=\"action\"><h3>Create or edit a window</h3>")
                    .append(Html.hiddenCsrf(session.csrfToken()))
                    .append(
                            "<label>Id <input name=\"id\" required pattern=\"[A-Za-z0-9._-]+\" placeholder=\"db-patching\"></label>")
                    .append("<label>Products <input name=\"products\" required placeholder=\"chat, voice\"></label>")
                    .append("<label>Title <input name=\"title\" required></label>")
                    .append("<label>Starts (UTC) <input name=\"startsAt\" type=\"datetime-local\" required></label>")
                    .append("<label>Ends (UTC) <input name=\"endsAt\" type=\"datetime-local\" required></label>")
                    .append(Html.select(
                            "state",
                            "State",
                            ActionForms.ordered(
                                    "",
                                    "keep",
                                    "scheduled",
                                    "scheduled",
                                    "in_progress",
                                    "in progress",
                                    "verifying",
                                    "verifying",
                                    "completed",
                                    "completed"),
                            ""))
                    .append("<label class=\"wide\">Description <input name=\"description\"></label>")
                    .append("<button type=\"submit\">Save window</button></form>");
        }
        m.append("</section>");

        m.append("<section id=\"silences\" aria-labelledby=\"sil-h\"><h2 id=\"sil-h\">Silences</h2><table><thead><tr>")
                .append(
                        "<th scope=\"col\">Silence</th><th scope=\"col\">Matchers</th><th scope=\"col\">State</th><th scope=\"col\">Until</th>")
                .append("<th scope=\"col\">By</th><th scope=\"col\">End</th></tr></thead><tbody>");
        if (q.silences().isEmpty()) {
            m.append("<tr><td colspan=\"6\">No silence.</td></tr>");
        }
        for (Silence s : q.silences()) {
            String state =
                    now.isBefore(s.getStartsAt()) ? "pending" : now.isBefore(s.getEndsAt()) ? "active" : "expired";
            m.append("<tr><td data-label=\"Silence\"><code>")
                    .append(Html.text(s.getSilenceId()))
                    .append("</code> ")
                    .append(Html.text(s.getComment()))
                    .append("</td><td data-label=\"Matchers\"><code>")
                    .append(Html.text(matchers(s.getMatchers())))
                    .append("</code></td>")
                    .append("<td data-label=\"State\">")
                    .append(state)
                    .append("</td><td data-label=\"Until\">")
                    .append(Html.time(s.getEndsAt()))
                    .append("</td><td data-label=\"By\">")
                    .append(Html.text(s.getCreatedBy()))
                    .append("</td><td data-label=\"End\">");
            if (!state.equals("expired") && session.role().mayManageQueues()) {
                m.append("<form method=\"post\" action=\"/silences/")
                        .append(Html.text(Html.url(s.getSilenceId())))
                        .append("/expire\">")
                        .append(Html.hiddenCsrf(session.csrfToken()))
                        .append("<button type=\"submit\">Expire</button></form>");
            }
            m.append("</td></tr>");
        }
        m.append("</tbody></table>");
        if (session.role().mayManageQueues()) {
            m.append("<form method=\"post\" action=\"/silences\" class=\"action\"><h3>Create or edit a silence</h3>")
                    .append(Html.hiddenCsrf(session.csrfToken()))
                    .append("<label>Id (empty for a new one) <input name=\"id\"></label>")
                    .append(
                            "<label>Matchers <input name=\"matchers\" required placeholder='alertname=\"Foo\", job=~\"chat-.*\"'></label>")
                    .append(
                            "<label>Hours <input name=\"hours\" type=\"number\" min=\"1\" max=\"720\" value=\"2\" required></label>")
                    .append("<label class=\"wide\">Comment <input name=\"comment\" required></label>")
                    .append("<button type=\"submit\">Save silence</button></form>");
        }
        m.append("</section>");

        m.append("<section id=\"notifications\" aria-labelledby=\"not-h\"><h2 id=\"not-h\">Notifications</h2>")
                .append(
                        "<h3>Not delivered, with the reason</h3><table><thead><tr><th scope=\"col\">Given up</th><th scope=\"col\">To</th>")
                .append("<th scope=\"col\">Subject</th><th scope=\"col\">Reason</th></tr></thead><tbody>");
        if (q.undelivered().isEmpty()) {
            m.append("<tr><td colspan=\"4\">Every notification in view was delivered.</td></tr>");
        }
        for (Undelivered u : q.undelivered().stream().limit(200).toList()) {
            Notification n = u.notification();
            m.append("<tr><td data-label=\"Given up\">")
                    .append(Html.time(u.at()))
                    .append("</td><td data-label=\"To\">")
                    .append(recipient(n))
                    .append("</td><td data-label=\"Subject\">")
                    .append(Html.text(n.getSubject()))
                    .append("</td><td data-label=\"Reason\">")
                    .append(Html.text(u.reason()))
                    .append("</td></tr>");
        }
        m.append("</tbody></table>");
        withheld(m, q.withheld());
        m.append("<h3>Sent</h3><table><thead><tr>")
                .append(
                        "<th scope=\"col\">Created</th><th scope=\"col\">To</th><th scope=\"col\">Subject</th><th scope=\"col\">About</th></tr></thead><tbody>");
        if (q.notifications().isEmpty()) {
            m.append("<tr><td colspan=\"4\">No notification sent yet.</td></tr>");
        }
        for (Notification n : q.notifications().stream().limit(200).toList()) {
            m.append("<tr><td data-label=\"Created\">")
                    .append(Html.time(n.getCreatedAt()))
                    .append("</td><td data-label=\"To\">")
                    .append(recipient(n))
                    .append("</td><td data-label=\"Subject\">")
                    .append(Html.text(n.getSubject()))
                    .append("</td><td data-label=\"About\">")
                    .append(
                            n.getIncidentId() != null
                                    ? DetailPage.link(n.getIncidentId())
                                    : Html.text(n.getMaintenanceId()))
                    .append("</td></tr>");
        }
        m.append("</tbody></table></section>");
        return Layout.page("Queues", session, m.toString());
    }

    /**
     * Notifications status-publisher decided not to send: who would have heard (never an address), about
     * what, and why. A replayed change (reason duplicate) is only counted by the publisher, so it is not here.
     */
    static void withheld(StringBuilder m, List<WithheldNotification> withheld) {
        m.append("<h3>Withheld, with the reason</h3><table><thead><tr><th scope=\"col\">Withheld</th>")
                .append("<th scope=\"col\">Would have gone to</th><th scope=\"col\">About</th>")
                .append("<th scope=\"col\">Reason</th></tr></thead><tbody>");
        if (withheld.isEmpty()) {
            m.append("<tr><td colspan=\"4\">No notification withheld.</td></tr>");
        }
        for (WithheldNotification w : withheld.stream().limit(200).toList()) {
            m.append("<tr><td data-label=\"Withheld\">")
                    .append(Html.time(w.getAt()))
                    .append("</td><td data-label=\"Would have gone to\">")
                    .append(wouldHaveGoneTo(w))
                    .append("</td><td data-label=\"About\">")
                    .append(
                            w.getIncidentId() != null
                                    ? DetailPage.link(w.getIncidentId())
                                    : Html.text(w.getMaintenanceId() != null ? w.getMaintenanceId() : w.getEventId()))
                    .append(" (changed ")
                    .append(Html.time(w.getChangedAt()))
                    .append(")</td><td data-label=\"Reason\"><strong>")
                    .append(Html.text(w.getReason()))
                    .append("</strong>: ")
                    .append(Html.text(w.getDetail()))
                    .append("</td></tr>");
        }
        m.append(
                "</tbody></table><p>A replayed change that was notified before (reason duplicate) is only counted by "
                        + "status-publisher (<code>tocsin_notifications_withheld_total{reason}</code>); see docs/OPS-CONSOLE.md.</p>");
    }

    private static String wouldHaveGoneTo(WithheldNotification w) {
        String audience = w.getAudience().name().toLowerCase(Locale.ROOT);
        if (w.getSubscriptionId() != null || w.getChannel() != null) {
            String via =
                    w.getChannel() == null ? "" : " · " + w.getChannel().name().toLowerCase(Locale.ROOT);
            String subscription = w.getSubscriptionId() == null ? "" : " · " + w.getSubscriptionId();
            return Html.text(audience + via + subscription);
        }
        int n = w.getRecipients();
        return Html.text(audience + " · " + n + (n == 1 ? " subscription" : " subscriptions"));
    }

    /**
     * The held alerts: each with its product, labels, why it is held (the reason and what holds
     * it), since when and until when if known; a page at a time, a refusal shown as the API said it.
     */
    static String heldAlerts(UpstreamAnswer answer) {
        StringBuilder m =
                new StringBuilder("<section id=\"held\" aria-labelledby=\"held-h\"><h2 id=\"held-h\">Held alerts</h2>");
        if (answer == null) {
            return m.append(
                            "<p>Raw alerts are for operators (their labels come straight from monitoring).</p></section>")
                    .toString();
        }
        if (!answer.ok()) {
            return m.append("<p role=\"status\">Held alerts are not available: ")
                    .append(Html.text(answer.reason()))
                    .append("</p></section>")
                    .toString();
        }
        m.append("<p>Firing alerts that feed no incident because a silence, an inhibit rule or an upstream "
                        + "product's incident holds them back; they are correlated when the hold ends.</p>")
                .append("<table><thead><tr><th scope=\"col\">Product</th><th scope=\"col\">Alert</th>")
                .append("<th scope=\"col\">Held because</th><th scope=\"col\">Since</th><th scope=\"col\">Until</th>")
                .append("<th scope=\"col\">Labels</th></tr></thead><tbody>");
        JsonNode alerts = answer.body().path("alerts");
        if (alerts.isEmpty()) {
            m.append("<tr><td colspan=\"6\">No alert is held.</td></tr>");
        }
        for (JsonNode a : alerts) {
            JsonNode hold = a.path("hold");
            m.append("<tr><td data-label=\"Product\">")
                    .append(Html.text(a.path("product").asText()))
                    .append("</td><td data-label=\"Alert\"><code>")
                    .append(Html.text(a.path("fingerprint").asText()))
                    .append("</code> ")
                    .append(Html.text(a.path("summary").asText()))
                    .append("</td><td data-label=\"Held because\">")
                    .append(Html.text(holdReason(hold)))
                    .append("</td><td data-label=\"Since\">")
                    .append(Html.time(instant(hold.path("since"))))
                    .append("</td><td data-label=\"Until\">")
                    .append(
                            hold.hasNonNull("until")
                                    ? Html.time(instant(hold.path("until")))
                                    : "until what holds it resolves")
                    .append("</td><td data-label=\"Labels\"><code>")
                    .append(Html.text(labels(a.path("labels"))))
                    .append("</code></td></tr>");
        }
        m.append("</tbody></table>");
        String cursor = answer.body().path("cursor").asText(null);
        if (cursor != null) {
            m.append("<p><a href=\"/queues?heldCursor=")
                    .append(Html.text(Html.url(cursor)))
                    .append("#held\">Next held alerts</a></p>");
        }
        return m.append("</section>").toString();
    }

    /** The hold in words: silenced by a silence, inhibited by a firing alert, absorbed into an upstream incident. */
    static String holdReason(JsonNode hold) {
        String by = hold.path("by").asText();
        return switch (hold.path("reason").asText()) {
            case "SILENCED" -> "silenced by " + by;
            case "INHIBITED" -> "inhibited by firing alert " + by;
            case "ABSORBED" -> "absorbed into upstream incident " + by;
            default -> hold.path("reason").asText().toLowerCase(Locale.ROOT) + " " + by;
        };
    }

    private static Instant instant(JsonNode value) {
        try {
            return Instant.parse(value.asText());
        } catch (java.time.format.DateTimeParseException e) {
            return null; // shown as a dash
        }
    }

    private static String labels(JsonNode labels) {
        StringBuilder out = new StringBuilder();
        labels.fields()
                .forEachRemaining(label -> out.append(out.length() == 0 ? "" : ", ")
                        .append(label.getKey())
                        .append("=\"")
                        .append(label.getValue().asText())
                        .append('"'));
        return out.toString();
    }

    private static String recipient(Notification n) {
        return Html.text(n.getAudience().name().toLowerCase(Locale.ROOT)) + " · "
                + Html.text(n.getChannel().name().toLowerCase(Locale.ROOT)) + " · " + Html.text(n.getAddress()) + " ("
                + Html.text(n.getLocale()) + ")";
    }

    static String matchers(List<SilenceMatcher> matchers) {
        StringBuilder out = new StringBuilder();
        for (SilenceMatcher matcher : matchers) {
            out.append(out.length() == 0 ? "" : ", ")
                    .append(matcher.getName())
                    .append(
                            matcher.getIsEqual()
                                    ? (matcher.getIsRegex() ? "=~" : "=")
                                    : (matcher.getIsRegex() ? "!~" : "!="))
                    .append('"')
                    .append(matcher.getValue())
                    .append('"');
        }
        return out.toString();
    }
}
