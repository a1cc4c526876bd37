package dev.tocsin.console.web;

import dev.tocsin.console.access.Session;

/** The page frame: navigation, who is logged in, the stylesheet and the one script (no inline script or style). */
final class Layout {

    private Layout() {}

    static String page(String title, Session session, String main) {
        StringBuilder out = new StringBuilder(4096 + main.length());
        out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>")
                .append(Html.text(title))
                .append(" · Tocsin ops console</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/console.css\">");
        if (session != null) {
            out.append("<meta name=\"csrf-token\" content=\"")
                    .append(Html.text(session.csrfToken()))
                    .append("\">");
        }
        out.append("<script src=\"/static/console.js\" defer></script></head><body>")
                .append("<a class=\"skip\" href=\"#main\">Skip to content</a><header><nav aria-label=\"Main\">")
                .append("<span class=\"brand\">Tocsin ops console</span>");
        if (session != null) {
            out.append(
                            "<a href=\"/\">Incidents</a><a href=\"/queues\">Queues</a><a href=\"/tickets\">Ticket lookup</a>")
                    .append("<span class=\"who\">")
                    .append(Html.text(session.user()))
                    .append(" (")
                    .append(session.role().label())
                    .append(")</span>")
                    .append("<form method=\"post\" action=\"/logout\" class=\"inline\">")
                    .append(Html.hiddenCsrf(session.csrfToken()))
                    .append("<button type=\"submit\">Log out</button></form>");
        }
        out.append("</nav></header><main id=\"main\" tabindex=\"-1\">")
                .append(main)
                .append("</main></body></html>");
        return out.toString();
    }
}
