package dev.tocsin.schemas.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alertmanager's matcher syntax, as its configuration ({@code matchers:}, {@code source_matchers:})
 * and {@code amtool} write it: {@code name op value} where the value is either plain text or a
 * double-quoted string with {@code \"}, {@code \\} and {@code \n} escapes; a list is comma-separated
 * and may be wrapped in braces ({@code {job="api",severity=~"crit|page"}}). Used by routing rules,
 * silences and inhibition alike, so all three read matchers the same way.
 */
public final class LabelMatchers {

    private static final Pattern MATCHER =
            Pattern.compile("^\\s*([a-zA-Z_:][a-zA-Z0-9_:.-]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*$", Pattern.DOTALL);

    private LabelMatchers() {}

    /**
     * One matcher.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static LabelMatcher parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty matcher");
        }
        Matcher m = MATCHER.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad matcher '" + text.strip()
                    + "': expected name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\"");
        }
        LabelMatcher.Type type = switch (m.group(2)) {
            case "=" -> LabelMatcher.Type.EQUAL;
            case "!=" -> LabelMatcher.Type.NOT_EQUAL;
            case "=~" -> LabelMatcher.Type.REGEX;
            default -> LabelMatcher.Type.NOT_REGEX;
        };
        return new LabelMatcher(m.group(1), type, unquote(m.group(3), text));
    }

    /**
     * A comma-separated list, optionally in braces; commas inside quoted values do not split.
     *
     * @throws IllegalArgumentException naming the first bad matcher
     */
    public static List<LabelMatcher> parseList(String text) {
        String body = text == null ? "" : text.strip();
        if (body.startsWith("{") && body.endsWith("}")) {
            body = body.substring(1, body.length() - 1);
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean quoted = false;
        boolean escaped = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (!quoted && c == ',') {
                addToken(token, matchers);
                continue;
            }
            token.append(c);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                quoted = !quoted;
            }
        }
        addToken(token, matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("no matchers in '" + (text == null ? "" : text.strip()) + "'");
        }
        return List.copyOf(matchers);
    }

    /** Every matcher of the list; parses each entry with {@link #parse}. */
    public static List<LabelMatcher> parseEach(List<String> texts) {
        List<LabelMatcher> matchers = new ArrayList<>(texts.size());
        for (String text : texts) {
            matchers.add(parse(text));
        }
        return List.copyOf(matchers);
    }

    /** Whether every matcher holds (an empty list holds for any labels). */
    public static boolean allMatch(List<LabelMatcher> matchers, Map<String, String> labels) {
        for (LabelMatcher matcher : matchers) {
            if (!matcher.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    private static void addToken(StringBuilder token, List<LabelMatcher> matchers) {
        if (!token.toString().isBlank()) {
            matchers.add(parse(token.toString()));
        }
        token.setLength(0);
    }

    private static String unquote(String raw, String text) {
        boolean quoted = raw.startsWith("\"");
        String body = quoted ? raw.substring(1) : raw;
        StringBuilder value = new StringBuilder(body.length());
        boolean closed = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (closed) {
                throw new IllegalArgumentException("bad matcher '" + text.strip() + "': text after the closing quote");
            }
            if (c == '\\' && i + 1 < body.length()) {
                char next = body.charAt(++i);
                switch (next) {
                    case 'n' -> value.append('\n');
                    case '"', '\\' -> value.append(next);
                    default -> value.append('\\').append(next);
                }
            } else if (c == '"') {
                if (!quoted) {
                    throw new IllegalArgumentException(
                            "bad matcher '" + text.strip() + "': unescaped double quote in value");
                }
                closed = true;
            } else {
                value.append(c);
            }
        }
        if (quoted && !closed) {
            throw new IllegalArgumentException("bad matcher '" + text.strip() + "': missing closing double quote");
        }
        return value.toString();
    }
}
