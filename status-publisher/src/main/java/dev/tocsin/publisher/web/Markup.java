package dev.tocsin.publisher.web;

/**
 * Escaping shared by the HTML page and the Atom feed. Incident bodies, maintenance titles and reasons are
 * typed by operators, so every dynamic text goes through {@link #escape} before it reaches markup.
 */
public final class Markup {

    private Markup() {}

    /**
     * Text safe for HTML and XML 1.0 element content and quoted attribute values: the five markup
     * characters become references, and characters XML 1.0 forbids (most C0 controls, lone surrogates,
     * U+FFFE/U+FFFF) or that are invisible C1 controls are dropped, because one of them pasted into an
     * update would make the whole feed ill-formed. {@code null} gives the empty string.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (allowed(cp)) {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean allowed(int cp) {
        return cp == '\t'
                || cp == '\n'
                || cp == '\r'
                || (cp >= 0x20 && cp < 0x7F)
                || (cp > 0x9F && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
