package dev.tocsin.console.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.StringJoiner;

/** Escaping and the few fragments every page uses. Everything a user or upstream wrote goes through {@link #text}. */
final class Html {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Html() {}

    /** Text for element content and quoted attribute values. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String time(Instant at) {
        return at == null ? "—" : "<time datetime=\"" + at + "\">" + TIME.format(at) + "</time>";
    }

    static String time(long epochMillis) {
        return epochMillis <= 0 ? "—" : time(Instant.ofEpochMilli(epochMillis));
    }

    /** A query string of the non-empty parameters, URL-encoded. */
    static String query(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                out.add(url(k) + "=" + url(v));
            }
        });
        return out.toString();
    }

    static String url(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A {@code <select>} with a label; {@code options} maps value to visible text. */
    static String select(String name, String label, Map<String, String> options, String selected) {
        StringBuilder out = new StringBuilder("<label>")
                .append(text(label))
                .append(" <select name=\"")
                .append(name)
                .append("\">");
        options.forEach((value, shown) -> out.append("<option value=\"")
                .append(text(value))
                .append('"')
                .append(value.equals(selected) ? " selected" : "")
                .append('>')
                .append(text(shown))
                .append("</option>"));
        return out.append("</select></label>").toString();
    }

    static String hiddenCsrf(String token) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + text(token) + "\">";
    }
}
