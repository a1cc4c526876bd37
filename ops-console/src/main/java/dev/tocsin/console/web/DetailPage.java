package dev.tocsin.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.Incident;
import dev.tocsin.console.access.Session;
import dev.tocsin.console.domain.SlaMark;
import dev.tocsin.console.upstream.UpstreamAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One incident as the query API answers it: state, SLA, actions, timeline (public and internal,
 * who did what), the public view (what the status page shows in each language, or why it withholds the
 * incident), evidence, alerts and tickets (paged),
 * affected organizations.
 */
final class DetailPage {

    static final int PAGE = 20;

    private final Duration dueSoon;
    private final PublicViewSection publicView;

    DetailPage(Duration dueSoon, PublicViewSection publicView) {
        this.dueSoon = dueSoon;
        this.publicView = publicView;
    }

    /**
     * What the page shows besides the incident: the last action's fate, the alert and ticket pages, and
     * the latest snapshot from tocsin.incidents (what the publisher renders; null when the console lacks it).
     */
    record Extras(
            Incident snapshot,
            UpstreamAnswer alerts,
            int alertsOffset,
            UpstreamAnswer tickets,
            int ticketsOffset,
            String notice,
            String pendingCommand) {}

    String render(Session session, JsonNode i, Extras extras, Instant now) {
        String id = i.path("id").asText();
        StringBuilder m = new StringBuilder();
        m.append("<h1><span class=\"id\">")
                .append(Html.text(id))
                .append("</span> ")
                .append(Html.text(i.path("title").asText()))
                .append("</h1>");
        m.append("<div id=\"command-outcome\" role=\"status\" aria-live=\"polite\"");
        if (extras.pendingCommand() != null) {
            m.append(" data-command=\"")
                    .append(Html.text(extras.pendingCommand()))
                    .append('"');
        }
        m.append('>');
        if (extras.notice() != null) {
            m.append("<p class=\"notice\">").append(Html.text(extras.notice())).append("</p>");
        }
        m.append("</div><div id=\"incident-live\" data-incident=\"")
                .append(Html.text(id))
                .append("\" role=\"status\" aria-live=\"polite\"></div>");
        String status = i.path("status").asText().toLowerCase(Locale.ROOT);
        m.append("<dl class=\"facts\">")
                .append(fact(
                        "Status",
                        "<span class=\"status status-" + Html.text(status) + "\">" + Html.text(status) + "</span>"))
                .append(fact("Severity", "SEV" + i.path("severity").asInt()))
                .append(fact(
                        "Scope",
                        Html.text(i.path("scope")
                                .asText()
                                .toLowerCase(Locale.ROOT)
                                .replace('_', ' '))))
                .append(fact("Product", Html.text(i.path("product").asText())))
                .append(fact("Components", Html.text(join(i.path("components")))))
                .append(fact("Regions", Html.text(join(i.path("regions")))))
                .append(fact(
                        "Acknowledged",
                        i.path("acknowledged").asBoolean()
                                ? "yes, by "
                                        + Html.text(i.path("acknowledgement")
                                                .path("actor")
                                                .asText("?"))
                                : "<strong>no</strong>"))
                .append(fact("Published", i.path("published").asBoolean() ? "yes" : "no (internal)"))
                .append(fact(
                        "Component status override",
                        Html.text(i.path("componentStatusOverride").asText("none"))))
                .append(fact("Opened", time(i.path("openedAt"))))
                .append(fact("Resolved", time(i.path("resolvedAt"))))
                .append(
                        i.hasNonNull("mergedInto")
                                ? fact("Merged into", link(i.path("mergedInto").asText()))
                                : "")
                .append(fact(
                        "Alerts · tickets · organizations",
                        i.path("alertCount").asInt() + " · "
                                + i.path("ticketCount").asInt() + " · "
                                + i.path("organizationCount").asInt()))
                .append(fact(
                        "Reopened · flapping",
                        i.path("reopenCount").asInt() + " · "
                                + i.path("flapCount").asInt()))
                .append("</dl>");

        JsonNode sla = i.path("sla");
        m.append("<section aria-labelledby=\"sla-h\"><h2 id=\"sla-h\">SLA</h2><dl class=\"facts sla\">")
                .append(slaFact("First response", sla.path("firstResponseDue"), now))
                .append(slaFact("Next update", sla.path("nextUpdateDue"), now))
                .append(slaFact("Restore target", sla.path("restoreDue"), now))
                .append(slaFact("RCA", sla.path("rcaDue"), now))
                .append("</dl></section>");

        m.append(ActionForms.render(session, id, i));

        m.append("<section aria-labelledby=\"timeline-h\"><h2 id=\"timeline-h\">Timeline</h2><ol class=\"timeline\">");
        for (JsonNode e : i.path("timeline")) {
            boolean isPublic = e.path("public").asBoolean();
            m.append("<li class=\"")
                    .append(isPublic ? "public" : "internal")
                    .append("\">")
                    .append(time(e.path("at")))
                    .append(" <span class=\"tag\">")
                    .append(isPublic ? "public" : "internal")
                    .append("</span> <strong>")
                    .append(Html.text(e.path("type").asText()))
                    .append("</strong>");
            if (e.hasNonNull("actor")) {
                m.append(" by ").append(Html.text(e.path("actor").asText()));
            }
            if (e.hasNonNull("status")) {
                m.append(" (")
                        .append(Html.text(e.path("status").asText().toLowerCase(Locale.ROOT)))
                        .append(')');
            }
            if (e.hasNonNull("message")) {
                m.append(": ").append(Html.text(e.path("message").asText()));
            }
            m.append("</li>");
        }
        m.append("</ol></section>");

        m.append(publicView.render(extras.snapshot(), now));

        m.append(
                "<section aria-labelledby=\"evidence-h\"><h2 id=\"evidence-h\">Why grouped</h2><ul class=\"evidence\">");
        for (JsonNode e : i.path("evidence")) {
            m.append("<li>")
                    .append(time(e.path("at")))
                    .append(" rule <strong>")
                    .append(Html.text(e.path("rule").asText()))
                    .append("</strong>");
            if (e.hasNonNull("alertFingerprint")) {
                m.append(" joined alert <code>")
                        .append(Html.text(e.path("alertFingerprint").asText()))
                        .append("</code>");
            }
            if (e.hasNonNull("ticketId")) {
                m.append(" joined ticket <code>")
                        .append(Html.text(e.path("ticketId").asText()))
                        .append("</code>");
            }
            StringBuilder keys = new StringBuilder();
            e.path("matchedKeys")
                    .properties()
                    .forEach(k -> keys.append(keys.length() == 0 ? "" : ", ")
                            .append(k.getKey())
                            .append('=')
                            .append(k.getValue().asText()));
            if (keys.length() > 0) {
                m.append(" on ").append(Html.text(keys));
            }
            if (e.hasNonNull("gapMillis")) {
                m.append(" (gap ").append(e.path("gapMillis").asLong() / 1000).append(" s)");
            }
            m.append("</li>");
        }
        m.append("</ul></section>");

        m.append(alerts(id, extras));
        m.append(tickets(id, extras));
        m.append("<section aria-labelledby=\"orgs-h\"><h2 id=\"orgs-h\">Affected organizations</h2><p>")
                .append(Html.text(join(i.path("affectedOrganizations"))))
                .append("</p></section>");
        return Layout.page(id, session, m.toString());
    }

    private String alerts(String id, Extras extras) {
        StringBuilder m = new StringBuilder("<section aria-labelledby=\"alerts-h\"><h2 id=\"alerts-h\">Alerts</h2>");
        UpstreamAnswer answer = extras.alerts();
        if (answer == null) {
            return m.append(
                            "<p>Raw alerts are for operators (their labels come straight from monitoring).</p></section>")
                    .toString();
        }
        if (!answer.ok()) {
            return m.append("<p class=\"error\">")
                    .append(Html.text(answer.reason()))
                    .append("</p></section>")
                    .toString();
        }
        m.append(
                        "<table><thead><tr><th scope=\"col\">Alert</th><th scope=\"col\">State</th><th scope=\"col\">Flaps</th>")
                .append("<th scope=\"col\">Held</th><th scope=\"col\">Last seen</th></tr></thead><tbody>");
        for (JsonNode a : answer.body().path("items")) {
            String held = a.hasNonNull("silenceId")
                    ? "silenced by " + a.path("silenceId").asText()
                    : a.hasNonNull("absorbedInto")
                            ? "absorbed into " + a.path("absorbedInto").asText()
                            : a.hasNonNull("inhibitedBy")
                                    ? "inhibited by " + a.path("inhibitedBy").asText()
                                    : a.hasNonNull("maintenanceWindowId")
                                            ? "maintenance "
                                                    + a.path("maintenanceWindowId")
                                                            .asText()
                                            : "—";
            m.append("<tr><td data-label=\"Alert\">")
                    .append(Html.text(a.path("summary").asText()))
                    .append(" <code>")
                    .append(Html.text(a.path("fingerprint").asText()))
                    .append("</code></td><td data-label=\"State\">")
                    .append(Html.text(a.path("status").asText().toLowerCase(Locale.ROOT)))
                    .append("</td><td data-label=\"Flaps\">")
                    .append(a.path("flapCount").asInt())
                    .append("</td><td data-label=\"Held\">")
                    .append(Html.text(held))
                    .append("</td><td data-label=\"Last seen\">")
                    .append(time(a.path("lastSeenAt")))
                    .append("</td></tr>");
        }
        m.append("</tbody></table>")
                .append(pager(
                        id,
                        "alerts",
                        extras.alertsOffset(),
                        answer.body().path("total").asInt(),
                        extras));
        return m.append("</section>").toString();
    }

    private String tickets(String id, Extras extras) {
        StringBuilder m =
                new StringBuilder("<section aria-labelledby=\"tickets-h\"><h2 id=\"tickets-h\">Linked tickets</h2>");
        UpstreamAnswer answer = extras.tickets();
        if (!answer.ok()) {
            return m.append("<p class=\"error\">")
                    .append(Html.text(answer.reason()))
                    .append("</p></section>")
                    .toString();
        }
        m.append(
                        "<table><thead><tr><th scope=\"col\">Ticket</th><th scope=\"col\">Organization</th><th scope=\"col\">Triage</th>")
                .append("<th scope=\"col\">Reason</th><th scope=\"col\">Linked</th></tr></thead><tbody>");
        for (JsonNode t : answer.body().path("items")) {
            m.append("<tr><td data-label=\"Ticket\"><a href=\"/tickets?id=")
                    .append(Html.text(Html.url(t.path("ticketId").asText())))
                    .append("\">")
                    .append(Html.text(t.path("ticketId").asText()))
                    .append("</a>")
                    .append(
                            t.hasNonNull("duplicateOf")
                                    ? " (duplicate of "
                                            + Html.text(t.path("duplicateOf").asText()) + ")"
                                    : "")
                    .append("</td><td data-label=\"Organization\">")
                    .append(Html.text(t.path("organizationId").asText()))
                    .append("</td><td data-label=\"Triage\">")
                    .append(Html.text(t.path("triageOutcome").asText("—")))
                    .append("</td><td data-label=\"Reason\">")
                    .append(Html.text(t.path("reason").asText("—")))
                    .append("</td><td data-label=\"Linked\">")
                    .append(time(t.path("linkedAt")))
                    .append("</td></tr>");
        }
        m.append("</tbody></table>")
                .append(pager(
                        id,
                        "tickets",
                        extras.ticketsOffset(),
                        answer.body().path("total").asInt(),
                        extras));
        return m.append("</section>").toString();
    }

    private static String pager(String id, String what, int offset, int total, Extras extras) {
        StringBuilder out = new StringBuilder("<p class=\"pager\">")
                .append(total == 0 ? 0 : offset + 1)
                .append('–')
                .append(Math.min(total, offset + PAGE))
                .append(" of ")
                .append(total)
                .append(' ');
        String other =
                what.equals("alerts") ? "&tickets=" + extras.ticketsOffset() : "&alerts=" + extras.alertsOffset();
        if (offset > 0) {
            out.append("<a href=\"/incidents/")
                    .append(Html.text(Html.url(id)))
                    .append('?')
                    .append(what)
                    .append('=')
                    .append(Math.max(0, offset - PAGE))
                    .append(other)
                    .append("\">previous ")
                    .append(what)
                    .append("</a> ");
        }
        if (offset + PAGE < total) {
            out.append("<a href=\"/incidents/")
                    .append(Html.text(Html.url(id)))
                    .append('?')
                    .append(what)
                    .append('=')
                    .append(offset + PAGE)
                    .append(other)
                    .append("\">next ")
                    .append(what)
                    .append("</a>");
        }
        return out.append("</p>").toString();
    }

    private String slaFact(String label, JsonNode deadline, Instant now) {
        Instant at = instant(deadline);
        SlaMark mark = SlaMark.of(at, now, dueSoon);
        return "<dt>" + label + "</dt><dd class=\"" + mark.cssClass() + "\">" + Html.text(mark.text())
                + (at == null ? "" : " (" + Html.time(at) + ")") + "</dd>";
    }

    private static String fact(String label, String valueHtml) {
        return "<dt>" + Html.text(label) + "</dt><dd>" + valueHtml + "</dd>";
    }

    static String link(String incidentId) {
        return "<a href=\"/incidents/" + Html.text(Html.url(incidentId)) + "\">" + Html.text(incidentId) + "</a>";
    }

    static Instant instant(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isNumber() ? Instant.ofEpochMilli(node.asLong()) : Instant.parse(node.asText());
    }

    static String time(JsonNode node) {
        return Html.time(instant(node));
    }

    private static String join(JsonNode array) {
        StringBuilder out = new StringBuilder();
        for (JsonNode item : array) {
            out.append(out.length() == 0 ? "" : ", ").append(item.asText());
        }
        return out.length() == 0 ? "—" : out.toString();
    }
}
