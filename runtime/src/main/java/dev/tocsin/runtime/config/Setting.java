package dev.tocsin.runtime.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration setting: the environment variable that sets it, its default, how to parse
 * it and what it means. Settings are declared as constants next to the code that uses them and
 * listed in {@code docs/CONFIGURATION.md}; a test keeps the two in step.
 *
 * @param env          environment variable name, e.g. {@code TOCSIN_HTTP_PORT}
 * @param defaultValue default as text, or null when the setting is optional and has none
 * @param secret       whether the value must never be logged or printed
 * @param description  one line for the configuration table
 */
public record Setting<T>(String env, String defaultValue, Function<String, T> parser, boolean secret,
                         String description) {

    public Setting {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(description, "description");
    }

    public static Setting<String> string(String env, String defaultValue, String description) {
        return new Setting<>(env, defaultValue, Function.identity(), false, description);
    }

    public static Setting<String> secret(String env, String description) {
        return new Setting<>(env, null, Function.identity(), true, description);
    }

    public static Setting<Integer> integer(String env, int defaultValue, String description) {
        return new Setting<>(env, String.valueOf(defaultValue), Setting::parseInt, false, description);
    }

    public static Setting<Long> longValue(String env, long defaultValue, String description) {
        return new Setting<>(env, String.valueOf(defaultValue), Long::parseLong, false, description);
    }

    public static Setting<Boolean> bool(String env, boolean defaultValue, String description) {
        return new Setting<>(env, String.valueOf(defaultValue), Setting::parseBoolean, false, description);
    }

    /** Comma-separated secrets such as bearer tokens; blanks dropped, never logged. */
    public static Setting<java.util.List<String>> secretList(String env, String description) {
        return new Setting<>(env, null, Setting::commaSeparated, true, description);
    }

    /** The same setting with another default, e.g. a service's own HTTP port. */
    public Setting<T> withDefault(String newDefault) {
        return new Setting<>(env, newDefault, parser, secret, description);
    }

    private static java.util.List<String> commaSeparated(String text) {
        return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Integer parseInt(String text) {
        return Integer.valueOf(text.trim());
    }

    private static Boolean parseBoolean(String text) {
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        };
    }
}
