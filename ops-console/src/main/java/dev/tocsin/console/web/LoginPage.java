package dev.tocsin.console.web;

/** The login form (no session yet, so no navigation). */
final class LoginPage {

    private LoginPage() {}

    static String render(String error, String next) {
        StringBuilder m = new StringBuilder("<h1>Log in</h1>");
        if (error != null) {
            m.append("<p class=\"error\" role=\"alert\">")
                    .append(Html.text(error))
                    .append("</p>");
        }
        m.append(
                        "<form method=\"post\" action=\"/login\" class=\"login\"><input type=\"hidden\" name=\"next\" value=\"")
                .append(Html.text(next))
                .append(
                        "\"><label>User <input name=\"user\" id=\"user\" autocomplete=\"username\" required autofocus></label>")
                .append(
                        "<label>Password <input name=\"password\" id=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>")
                .append("<button type=\"submit\">Log in</button></form>");
        return Layout.page("Log in", null, m.toString());
    }
}
