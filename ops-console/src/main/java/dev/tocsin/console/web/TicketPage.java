package dev.tocsin.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.console.access.Session;
import dev.tocsin.console.upstream.UpstreamAnswer;
import java.util.List;
import java.util.Locale;

/** The support view: a ticket id, its incident and status (query API), and every update it received (ticket-updates topic). */
final class TicketPage {

    private TicketPage() {}

    static String render(Session session, String ticketId, UpstreamAnswer ticket, List<TicketUpdate> updates) {
        StringBuilder m = new StringBuilder(
                        "<h1>Ticket lookup</h1><form method=\"get\" action=\"/tickets\" class=\"filters\" role=\"search\">")
                .append("<label>Ticket id <input name=\"id\" required value=\"")
                .append(Html.text(ticketId))
                .append("\"></label>")
                .append("<button type=\"submit\">Look up</button></form>");
        if (ticketId == null || ticketId.isBlank()) {
            return Layout.page("Ticket lookup", session, m.toString());
        }
        m.append("<h2>Ticket ").append(Html.text(ticketId)).append("</h2>");
        if (ticket.ok()) {
            JsonNode t = ticket.body();
            m.append("<dl class=\"facts\"><dt>Organization</dt><dd>")
                    .append(Html.text(t.path("organizationId").asText()))
                    .append("</dd><dt>Product</dt><dd>")
                    .append(Html.text(t.path("product").asText()))
                    .append("</dd><dt>Triage</dt><dd>")
                    .append(Html.text(t.path("triageOutcome").asText("—")))
                    .append("</dd><dt>Reason</dt><dd>")
                    .append(Html.text(t.path("reason").asText("—")))
                    .append("</dd><dt>Incident</dt><dd>")
                    .append(
                            t.hasNonNull("incidentId")
                                    ? DetailPage.link(t.path("incidentId").asText())
                                    : "none")
                    .append("</dd></dl>");
        } else {
            m.append("<p class=\"error\">").append(Html.text(ticket.reason())).append("</p>");
        }
        m.append("<h3>Every update this ticket received</h3>");
        if (updates.isEmpty()) {
            m.append("<p>No update of this ticket is in the console's view.</p>");
        }
        m.append("<ol class=\"timeline\">");
        for (TicketUpdate u : updates) {
            m.append("<li>")
                    .append(Html.time(u.getAt()))
                    .append(" <strong>")
                    .append(Html.text(u.getKind().name()))
                    .append("</strong>")
                    .append(
                            u.getTriageOutcome() != null
                                    ? " " + Html.text(u.getTriageOutcome().name())
                                    : "")
                    .append(" · ticket ")
                    .append(Html.text(u.getTicketState().name().toLowerCase(Locale.ROOT)))
                    .append(u.getIncidentId() != null ? " · incident " + DetailPage.link(u.getIncidentId()) : "")
                    .append(
                            u.getIncidentStatus() != null
                                    ? " ("
                                            + Html.text(
                                                    u.getIncidentStatus().name().toLowerCase(Locale.ROOT)) + ")"
                                    : "")
                    .append(u.getReason() != null ? " · " + Html.text(u.getReason()) : "")
                    .append(
                            u.getPublicMessage() != null
                                    ? "<br>Public message: " + Html.text(u.getPublicMessage())
                                    : "")
                    .append(u.getReply() != null ? "<br>Reply: " + Html.text(u.getReply()) : "")
                    .append("</li>");
        }
        return Layout.page("Ticket " + ticketId, session, m.append("</ol>").toString());
    }
}
