package dev.tocsin.schemas.rules;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager label matcher: {@code name op value} with {@code =}, {@code !=}, {@code =~},
 * {@code !~}. As in Alertmanager, a missing label has the empty value (so {@code region!=""} means
 * "region is set") and regular expressions match the whole value ({@code ^(?:re)$}). Immutable and
 * thread-safe; parse text with {@link LabelMatchers}.
 */
public final class LabelMatcher {

    /** The four operators, with the text Alertmanager writes for them. */
    public enum Type {
        EQUAL("="),
        NOT_EQUAL("!="),
        REGEX("=~"),
        NOT_REGEX("!~");

        private final String operator;

        Type(String operator) {
            this.operator = operator;
        }

        public String operator() {
            return operator;
        }

        /** Alertmanager API v2's {@code isEqual}: true for {@code =} and {@code =~}. */
        public boolean isEqual() {
            return this == EQUAL || this == REGEX;
        }

        public boolean isRegex() {
            return this == REGEX || this == NOT_REGEX;
        }

        /** The type of an Alertmanager API v2 matcher object. */
        public static Type of(boolean isRegex, boolean isEqual) {
            return isRegex ? (isEqual ? REGEX : NOT_REGEX) : (isEqual ? EQUAL : NOT_EQUAL);
        }
    }

    private final String name;
    private final Type type;
    private final String value;
    private final Pattern pattern;

    /**
     * @throws IllegalArgumentException on a blank name or an invalid regular expression
     */
    public LabelMatcher(String name, Type type, String value) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a matcher needs a label name");
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
        this.value = Objects.requireNonNull(value, "value");
        try {
            this.pattern = type.isRegex() ? Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL) : null;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "invalid regular expression in matcher for '" + name + "': " + e.getDescription(), e);
        }
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public String value() {
        return value;
    }

    /** Whether the labels satisfy this matcher; a missing label counts as the empty string. */
    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (type) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> pattern.matcher(actual).matches();
            case NOT_REGEX -> !pattern.matcher(actual).matches();
        };
    }

    /** The matcher as Alertmanager writes it, value quoted: {@code job=~"chat-.*"}; parses back to an equal matcher. */
    @Override
    public String toString() {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> quoted.append(c);
            }
        }
        return name + type.operator + quoted.append('"');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelMatcher that
                && name.equals(that.name)
                && type == that.type
                && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }
}
