package dev.tocsin.publisher.subscribe;

import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.web.Markup;
import java.util.List;

/**
 * The subscription pages: the forms, the confirm and unsubscribe buttons, and the answers. Plain
 * HTML forms without any script or style, so the Content-Security-Policy allows nothing but
 * posting forms to this origin. Every dynamic text is escaped.
 */
public final class SubscriptionHtml {

    private static final String CSS =
            "body{font-family:system-ui,sans-serif;line-height:1.5;margin:0 auto;max-width:40rem;"
                    + "padding:1rem;color:#1f2328}input,select,button{font:inherit}input[type=email],input[type=url]{width:100%;"
                    + "max-width:28rem}fieldset{border:1px solid #d0d7de;border-radius:6px}"
                    + "button{padding:.4rem 1rem;border:1px solid #1f6feb;border-radius:6px;background:#1f6feb;color:#fff}"
                    + "[role=alert]{color:#b42318}code{word-break:break-all;background:#f6f8fa;padding:.1rem .3rem}";

    /**
     * Nothing loads and nothing runs but the page's own style sheet (by its hash); forms post only to
     * this origin, and no other site may frame the page.
     */
    public static final String CSP = "default-src 'none'; style-src 'sha256-" + sha256(CSS)
            + "'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private SubscriptionHtml() {}

    /** The form values shown again after a refusal. */
    public record Values(String email, List<String> products, String language) {
        static final Values EMPTY = new Values("", List.of(), null);
    }

    /**
     * The subscription page: the e-mail form and, when webhooks are delivered, the webhook form.
     *
     * @param csrf  the form token, posted back as {@code csrf}
     * @param error message key of what was wrong with the last post, or null
     */
    public static String form(
            Messages m, ComponentCatalog catalog, String csrf, boolean webhooks, String error, Values values) {
        Values shown = values == null ? Values.EMPTY : values;
        StringBuilder out = head(m, m.text("subscribe.title"));
        out.append("<h1>").append(e(m.text("subscribe.title"))).append("</h1>\n");
        if (error != null) {
            out.append("<p role=\"alert\" id=\"error\">")
                    .append(e(m.text(error)))
                    .append("</p>\n");
        }
        out.append("<form method=\"post\" action=\"subscribe\" id=\"email-form\">\n")
                .append("<p>")
                .append(e(m.text("subscribe.intro")))
                .append("</p>\n");
        hidden(out, "csrf", csrf);
        out.append("<p><label for=\"email\">")
                .append(e(m.text("subscribe.email")))
                .append("</label><br>\n")
                .append(
                        "<input type=\"email\" id=\"email\" name=\"email\" required maxlength=\"254\" autocomplete=\"email\" value=\"")
                .append(e(shown.email()))
                .append("\"></p>\n");
        components(out, m, catalog, shown.products());
        out.append("<p><label for=\"language\">")
                .append(e(m.text("subscribe.language")))
                .append("</label><br>\n")
                .append("<select id=\"language\" name=\"language\">\n");
        String selected = shown.language() == null ? m.language() : shown.language();
        for (String language : Messages.SUPPORTED) {
            out.append("<option value=\"")
                    .append(language)
                    .append('"')
                    .append(language.equals(selected) ? " selected" : "")
                    .append('>')
                    .append(e(m.text("page.language." + language)))
                    .append("</option>\n");
        }
        out.append("</select></p>\n<p><button type=\"submit\" id=\"subscribe\">")
                .append(e(m.text("subscribe.submit")))
                .append("</button></p>\n</form>\n");
        if (webhooks) {
            out.append("<h2>")
                    .append(e(m.text("webhook.title")))
                    .append("</h2>\n")
                    .append("<form method=\"post\" action=\"subscribe/webhook\" id=\"webhook-form\">\n")
                    .append("<p>")
                    .append(e(m.text("webhook.intro")))
                    .append("</p>\n");
            hidden(out, "csrf", csrf);
            out.append("<p><label for=\"url\">")
                    .append(e(m.text("webhook.url")))
                    .append("</label><br>\n")
                    .append(
                            "<input type=\"url\" id=\"url\" name=\"url\" required maxlength=\"2000\" placeholder=\"https://\"></p>\n");
            out.append("<p><label for=\"webhook-component\">")
                    .append(e(m.text("subscribe.components")))
                    .append("</label><br>\n<select id=\"webhook-component\" name=\"component\">\n<option value=\"\">")
                    .append(e(m.text("subscribe.all_components")))
                    .append("</option>\n");
            for (String product : catalog.products()) {
                out.append("<option value=\"")
                        .append(e(product))
                        .append("\">")
                        .append(e(catalog.displayName(product)))
                        .append("</option>\n");
            }
            out.append("</select></p>\n");
            out.append("<p><button type=\"submit\" id=\"create-webhook\">")
                    .append(e(m.text("webhook.submit")))
                    .append("</button></p>\n</form>\n");
        }
        return tail(out);
    }

    /** A page asking to press one button, which posts {@code token} as {@code t} to {@code action}. */
    public static String button(Messages m, String title, String question, String action, String token, String button) {
        StringBuilder out = head(m, title);
        out.append("<h1>")
                .append(e(title))
                .append("</h1>\n<p>")
                .append(e(question))
                .append("</p>\n")
                .append("<form method=\"post\" action=\"")
                .append(e(action))
                .append("\">\n");
        hidden(out, "t", token);
        out.append("<button type=\"submit\" id=\"confirm\">").append(e(button)).append("</button>\n</form>\n");
        return tail(out);
    }

    /** An answer: a title, its text and optionally links (label, href). */
    public static String message(Messages m, String title, String text, List<String[]> links) {
        StringBuilder out = head(m, title);
        out.append("<h1>")
                .append(e(title))
                .append("</h1>\n<p id=\"message\">")
                .append(e(text))
                .append("</p>\n");
        for (String[] link : links) {
            out.append("<p><a href=\"")
                    .append(e(link[1]))
                    .append("\">")
                    .append(e(link[0]))
                    .append("</a></p>\n");
        }
        return tail(out);
    }

    /** The one page that shows a webhook subscription's signing secret. */
    public static String webhookCreated(Messages m, String subscriptionId, String secret, String removeLink) {
        StringBuilder out = head(m, m.text("webhook.title"));
        out.append("<h1>")
                .append(e(m.text("webhook.title")))
                .append("</h1>\n")
                .append("<p id=\"message\">")
                .append(e(m.format("webhook.created", subscriptionId)))
                .append("</p>\n")
                .append("<p>")
                .append(e(m.format("webhook.secret", "")))
                .append("<code id=\"secret\">")
                .append(e(secret))
                .append("</code></p>\n<p>")
                .append(e(m.text("webhook.secret_hint")))
                .append("</p>\n")
                .append("<p>")
                .append(e(m.format("webhook.remove", "")))
                .append("<a id=\"remove\" href=\"")
                .append(e(removeLink))
                .append("\">")
                .append(e(removeLink))
                .append("</a></p>\n");
        return tail(out);
    }

    private static void components(StringBuilder out, Messages m, ComponentCatalog catalog, List<String> checked) {
        out.append("<fieldset><legend>")
                .append(e(m.text("subscribe.components")))
                .append("</legend>\n");
        for (String product : catalog.products()) {
            String id = "component-" + product;
            out.append("<label><input type=\"checkbox\" name=\"component\" id=\"")
                    .append(e(id))
                    .append("\" value=\"")
                    .append(e(product))
                    .append('"')
                    .append(checked.contains(product) ? " checked" : "")
                    .append("> ")
                    .append(e(catalog.displayName(product)))
                    .append("</label><br>\n");
        }
        out.append("</fieldset>\n");
    }

    private static void hidden(StringBuilder out, String name, String value) {
        out.append("<input type=\"hidden\" name=\"")
                .append(name)
                .append("\" value=\"")
                .append(e(value))
                .append("\">\n");
    }

    private static StringBuilder head(Messages m, String title) {
        return new StringBuilder(4096)
                .append("<!DOCTYPE html>\n<html lang=\"")
                .append(m.language())
                .append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(CSP)
                .append("\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>")
                .append(e(title))
                .append("</title>\n<style>")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
    }

    private static String tail(StringBuilder out) {
        return out.append("</main>\n</body>\n</html>\n").toString();
    }

    private static String sha256(String text) {
        try {
            return java.util.Base64.getEncoder()
                    .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String e(String text) {
        return Markup.escape(text);
    }
}
