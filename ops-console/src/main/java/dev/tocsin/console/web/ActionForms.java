package dev.tocsin.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.console.access.Session;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The incident page's action forms, each a plain POST (works without script) carrying the CSRF
 * token and an idempotency key made when the page was rendered: submitting the same form twice is
 * one command, a new page is a new one. Support sees only what its role may send.
 */
final class ActionForms {

    private ActionForms() {}

    static String render(Session session, String id, JsonNode incident) {
        StringBuilder m = new StringBuilder(
                "<section aria-labelledby=\"actions-h\" class=\"actions\"><h2 id=\"actions-h\">Actions</h2>");
        boolean resolved = "RESOLVED".equals(incident.path("status").asText());
        if (session.role().maySend("ACKNOWLEDGE")) {
            m.append("<div class=\"buttons\">");
            if (!incident.path("acknowledged").asBoolean()) {
                m.append(form(session, id, "ACKNOWLEDGE", "", "Acknowledge"));
            }
            m.append(form(session, id, "PUBLISH", "", "Publish"));
            m.append(
                    resolved ? form(session, id, "REOPEN", "", "Reopen") : form(session, id, "RESOLVE", "", "Resolve"));
            m.append("</div>");
            m.append(form(
                    session,
                    id,
                    "SET_SEVERITY",
                    Html.select(
                            "severity",
                            "Severity",
                            ordered("1", "SEV1 critical", "2", "SEV2 high", "3", "SEV3 medium", "4", "SEV4 low"),
                            String.valueOf(incident.path("severity").asInt())),
                    "Set severity"));
            m.append(form(
                    session,
                    id,
                    "SET_STATUS",
                    Html.select("status", "Status", statuses("keep current status"), "")
                            + Html.select("componentStatus", "Component status", componentStatuses(), ""),
                    "Set status"));
            m.append(form(
                    session,
                    id,
                    "POST_UPDATE",
                    "<label class=\"wide\">Update <textarea name=\"message\" rows=\"3\" required></textarea></label>"
                            + Html.select("status", "With status", statuses("keep current status"), "")
                            + Html.select("componentStatus", "Component status", componentStatuses(), "")
                            + "<label><input type=\"checkbox\" name=\"internal\" value=\"true\">"
                            + " Internal note (operators and support only)</label>",
                    "Post update"));
            m.append(form(
                    session,
                    id,
                    "MERGE",
                    "<label>Merge into incident <input name=\"targetIncidentId\" required "
                            + "pattern=\"[a-z0-9._-]+-[0-9a-f]{8}\" placeholder=\"chat-0a1b2c3d\"></label>",
                    "Merge"));
        } else {
            m.append("<p>Support can link and unlink tickets; operators act on the incident.</p>");
        }
        m.append(form(
                session,
                id,
                "LINK_TICKET",
                "<label>Ticket <input name=\"ticketId\" required></label>"
                        + "<label>Organization <input name=\"organizationId\"></label>",
                "Link ticket"));
        m.append(form(
                session,
                id,
                "UNLINK_TICKET",
                "<label>Ticket <input name=\"ticketId\" required></label>",
                "Unlink ticket"));
        return m.append("</section>").toString();
    }

    private static String form(Session session, String id, String action, String fields, String button) {
        return "<form method=\"post\" action=\"/incidents/" + Html.text(Html.url(id))
                + "/actions\" class=\"action\" data-action=\""
                + action + "\">" + Html.hiddenCsrf(session.csrfToken())
                + "<input type=\"hidden\" name=\"action\" value=\"" + action + "\">"
                + "<input type=\"hidden\" name=\"idempotencyKey\" value=\"" + UUID.randomUUID() + "\">" + fields
                + "<button type=\"submit\" name=\"submit\" value=\"" + action + "\">" + Html.text(button)
                + "</button></form>";
    }

    static Map<String, String> statuses(String none) {
        return ordered(
                "",
                none,
                "investigating",
                "investigating",
                "identified",
                "identified",
                "monitoring",
                "monitoring",
                "resolved",
                "resolved");
    }

    static Map<String, String> componentStatuses() {
        return ordered(
                "",
                "unchanged",
                "operational",
                "operational",
                "degraded_performance",
                "degraded performance",
                "partial_outage",
                "partial outage",
                "major_outage",
                "major outage",
                "under_maintenance",
                "under maintenance");
    }

    static Map<String, String> ordered(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
