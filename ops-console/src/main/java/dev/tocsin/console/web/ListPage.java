package dev.tocsin.console.web;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.SlaDeadlines;
import dev.tocsin.console.access.Session;
import dev.tocsin.console.domain.IncidentFilter;
import dev.tocsin.console.domain.SlaMark;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The incident list: filters, then one row per incident with its SLA state at a glance. The rows
 * are also served alone ({@link #rows}) for the live refresh, so both render by one rule.
 */
final class ListPage {

    /** Most urgent first: open before resolved, then severity, then most recently changed. */
    static final Comparator<Incident> ORDER = Comparator.comparing(
                    (Incident i) -> i.getStatus() == PublicStatus.RESOLVED)
            .thenComparing(i -> i.getSeverity().ordinal())
            .thenComparing(Incident::getUpdatedAt, Comparator.reverseOrder());

    private final String unclassifiedProduct;
    private final Duration dueSoon;

    ListPage(String unclassifiedProduct, Duration dueSoon) {
        this.unclassifiedProduct = unclassifiedProduct;
        this.dueSoon = dueSoon;
    }

    String render(Session session, IncidentFilter filter, List<Incident> incidents, boolean caughtUp, Instant now) {
        StringBuilder main = new StringBuilder("<h1>Incidents</h1>");
        main.append("<form method=\"get\" action=\"/\" class=\"filters\" aria-label=\"Filters\">")
                .append(Html.select(
                        "status",
                        "Status",
                        ActionForms.ordered("open", "open", "resolved", "resolved", "all", "all"),
                        filter.status()))
                .append(Html.select("product", "Product", products(incidents), filter.product()))
                .append(Html.select(
                        "severity",
                        "Severity",
                        options("any", "1", "SEV1", "2", "SEV2", "3", "SEV3", "4", "SEV4"),
                        filter.severity()))
                .append(Html.select(
                        "scope",
                        "Scope",
                        options(
                                "any",
                                "SINGLE_CUSTOMER",
                                "single customer",
                                "PLATFORM",
                                "platform",
                                "GLOBAL",
                                "global"),
                        filter.scope()))
                .append(Html.select(
                        "acknowledged",
                        "Acknowledged",
                        options("any", "yes", "yes", "no", "no"),
                        filter.acknowledged()))
                .append(Html.select(
                        "published", "Published", options("any", "yes", "yes", "no", "no"), filter.published()))
                .append(Html.select(
                        "unclassified",
                        "Unclassified",
                        options("any", "yes", "only unclassified", "no", "hide unclassified"),
                        filter.unclassified()))
                .append("<button type=\"submit\">Filter</button></form>");
        main.append("<p class=\"live\" id=\"live-status\" role=\"status\" aria-live=\"polite\">")
                .append(caughtUp ? "Live: the list updates by itself." : "Catching up with the incident topic…")
                .append("</p>");
        main.append("<table class=\"incidents\" id=\"incidents\" data-rows=\"/incidents/rows?")
                .append(Html.text(Html.query(filter.parameters())))
                .append("\"><caption class=\"visually-hidden\">Incidents matching the filters</caption><thead><tr>")
                .append("<th scope=\"col\">Incident</th><th scope=\"col\">Status</th><th scope=\"col\">Severity</th>")
                .append(
                        "<th scope=\"col\">Scope</th><th scope=\"col\">Ack / public</th><th scope=\"col\">First response</th>")
                .append("<th scope=\"col\">Next update</th><th scope=\"col\">Restore</th><th scope=\"col\">RCA</th>")
                .append("<th scope=\"col\">Alerts · tickets · orgs</th><th scope=\"col\">Updated</th></tr></thead>")
                .append("<tbody id=\"incident-rows\">")
                .append(rows(filter, incidents, now))
                .append("</tbody></table>");
        return Layout.page("Incidents", session, main.toString());
    }

    /** The rows matching {@code filter}, most urgent first. */
    String rows(IncidentFilter filter, List<Incident> incidents, Instant now) {
        StringBuilder out = new StringBuilder();
        List<Incident> shown = incidents.stream()
                .filter(i -> filter.matches(i, unclassifiedProduct))
                .sorted(ORDER)
                .toList();
        if (shown.isEmpty()) {
            return "<tr><td colspan=\"11\">No incidents match these filters.</td></tr>";
        }
        for (Incident i : shown) {
            SlaDeadlines sla = i.getSla();
            out.append("<tr id=\"row-")
                    .append(Html.text(i.getIncidentId()))
                    .append("\" class=\"sev")
                    .append(i.getSeverity().ordinal() + 1)
                    .append("\"><td data-label=\"Incident\"><a href=\"/incidents/")
                    .append(Html.text(Html.url(i.getIncidentId())))
                    .append("\">")
                    .append(Html.text(i.getIncidentId()))
                    .append("</a> <span class=\"title\">")
                    .append(Html.text(i.getTitle()))
                    .append("</span>")
                    .append(
                            unclassifiedProduct.equals(i.getProduct())
                                    ? " <span class=\"tag\">unclassified</span>"
                                    : "")
                    .append(
                            i.getMergedInto() != null
                                    ? " <span class=\"tag\">merged into " + Html.text(i.getMergedInto()) + "</span>"
                                    : "")
                    .append("</td><td data-label=\"Status\"><span class=\"status status-")
                    .append(i.getStatus().name().toLowerCase(java.util.Locale.ROOT))
                    .append("\">")
                    .append(i.getStatus().name().toLowerCase(java.util.Locale.ROOT))
                    .append("</span></td>")
                    .append("<td data-label=\"Severity\">SEV")
                    .append(i.getSeverity().ordinal() + 1)
                    .append("</td>")
                    .append("<td data-label=\"Scope\">")
                    .append(Html.text(i.getScope()
                            .name()
                            .toLowerCase(java.util.Locale.ROOT)
                            .replace('_', ' ')))
                    .append("</td><td data-label=\"Ack / public\">")
                    .append(i.getAcknowledged() ? "acknowledged" : "<strong>not acknowledged</strong>")
                    .append(" · ")
                    .append(i.getPublished() ? "published" : "internal")
                    .append("</td>")
                    .append(sla(
                            i.getStatus() == PublicStatus.RESOLVED
                                    ? null
                                    : sla == null ? null : sla.getFirstResponseDue(),
                            "First response",
                            now))
                    .append(sla(sla == null ? null : sla.getNextUpdateDue(), "Next update", now))
                    .append(sla(sla == null ? null : sla.getRestoreDue(), "Restore", now))
                    .append(sla(sla == null ? null : sla.getRcaDue(), "RCA", now))
                    .append("<td data-label=\"Alerts · tickets · orgs\">")
                    .append(i.getAlertCount())
                    .append(" · ")
                    .append(i.getTicketCount())
                    .append(" · ")
                    .append(i.getOrganizationCount())
                    .append("</td><td data-label=\"Updated\">")
                    .append(Html.time(i.getUpdatedAt()))
                    .append("</td></tr>");
        }
        return out.toString();
    }

    private String sla(Instant deadline, String label, Instant now) {
        SlaMark mark = SlaMark.of(deadline, now, dueSoon);
        return "<td data-label=\"" + label + "\" class=\"" + mark.cssClass() + "\">" + Html.text(mark.text()) + "</td>";
    }

    private static Map<String, String> products(List<Incident> incidents) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("", "any");
        new TreeSet<>(incidents.stream().map(Incident::getProduct).toList()).forEach(p -> out.put(p, p));
        return out;
    }

    /** "any" for the empty value, then value/text pairs. */
    private static Map<String, String> options(String any, String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("", any);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
