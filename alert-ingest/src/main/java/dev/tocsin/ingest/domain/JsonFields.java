package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads fields of parsed JSON defensively: a field of the wrong type becomes a violation, never an
 * exception, and numbers are read from their exact value (never through a double), so an id or a
 * group key beyond 2^53 keeps every digit.
 */
final class JsonFields {

    private JsonFields() {}

    /** The field's node, or null when the field is absent or JSON null (or the parent is no object). */
    static JsonNode field(JsonNode parent, String name) {
        if (parent == null || !parent.isObject()) {
            return null;
        }
        JsonNode node = parent.get(name);
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    static boolean has(JsonNode parent, String name) {
        return field(parent, name) != null;
    }

    /**
     * A scalar field as trimmed text; absent, null or blank gives null. Numbers and booleans are
     * accepted as their exact text (sources disagree on string vs. integer ids).
     */
    static String text(JsonNode parent, String name, String path, Violations violations) {
        JsonNode node = field(parent, name);
        if (node == null) {
            return null;
        }
        String text = scalarText(node);
        if (text == null) {
            violations.add(path, "must be a string, got " + kind(node));
            return null;
        }
        text = text.trim();
        return text.isEmpty() ? null : text;
    }

    /** A boolean field; absent or null gives {@code absent}, anything but true or false is a violation. */
    static boolean flag(JsonNode parent, String name, boolean absent, String path, Violations violations) {
        JsonNode flag = field(parent, name);
        if (flag == null) {
            return absent;
        }
        if (!flag.isBoolean()) {
            violations.add(path, "must be true or false, got " + kind(flag));
            return absent;
        }
        return flag.booleanValue();
    }

    /** Like {@link #text} but a missing value is a violation. */
    static String requiredText(JsonNode parent, String name, String path, Violations violations) {
        JsonNode node = field(parent, name);
        if (node == null) {
            violations.add(path, "required");
            return null;
        }
        String text = text(parent, name, path, violations);
        if (text == null && scalarText(node) != null) {
            violations.add(path, "required, must not be blank");
        }
        return text;
    }

    /** An object field, or null when absent; any other type is a violation. */
    static JsonNode object(JsonNode parent, String name, String path, Violations violations) {
        JsonNode node = field(parent, name);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            violations.add(path, "must be an object, got " + kind(node));
            return null;
        }
        return node;
    }

    /** An array field, or null when absent; any other type is a violation. */
    static JsonNode array(JsonNode parent, String name, String path, Violations violations) {
        JsonNode node = field(parent, name);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            violations.add(path, "must be an array, got " + kind(node));
            return null;
        }
        return node;
    }

    /** An array of strings (blank entries dropped); a non-scalar entry is a violation. */
    static List<String> textList(JsonNode parent, String name, String path, Violations violations) {
        JsonNode array = array(parent, name, path, violations);
        List<String> values = new ArrayList<>();
        if (array == null) {
            return values;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (item.isNull()) {
                continue;
            }
            String text = scalarText(item);
            if (text == null) {
                violations.add(Violations.index(path, i), "must be a string, got " + kind(item));
            } else if (!text.isBlank()) {
                values.add(text.trim());
            }
        }
        return values;
    }

    /**
     * Matches text against an enum's constants, ignoring case and treating {@code -} like {@code _};
     * an unknown value is a violation naming the allowed values.
     */
    static <E extends Enum<E>> E enumValue(String text, Class<E> type, String path, Violations violations) {
        return enumValue(text, EnumSet.allOf(type), path, violations);
    }

    /** Like {@link #enumValue(String, Class, String, Violations)}, accepting (and listing) only {@code allowed}. */
    static <E extends Enum<E>> E enumValue(String text, Set<E> allowed, String path, Violations violations) {
        if (text == null) {
            return null;
        }
        String wanted = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : allowed) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        violations.add(path, "unknown value '" + clip(text) + "'; allowed: " + allowed(allowed));
        return null;
    }

    /** The enum's constants in lower case, comma-separated, for messages. */
    static <E extends Enum<E>> String allowed(Class<E> type) {
        return allowed(EnumSet.allOf(type));
    }

    private static <E extends Enum<E>> String allowed(Set<E> constants) {
        return constants.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    /** Exact text of a scalar (string, number, boolean), or null for objects and arrays. */
    static String scalarText(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return numberText(node);
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        return null;
    }

    /** A number's exact decimal text: integers through BigInteger, fractions without exponent noise. */
    static String numberText(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.bigIntegerValue().toString();
        }
        if ((number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue())) {
            return number.asText();
        }
        BigDecimal value = number.decimalValue().stripTrailingZeros();
        return value.scale() < 0 ? value.toBigInteger().toString() : value.toPlainString();
    }

    /** What a node is, for messages. */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** Keeps echoed values short in messages. */
    static String clip(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
