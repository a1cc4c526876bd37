package dev.tocsin.runtime.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configuration setting: the environment variable that sets it, its default, how to parse
 * it and what it means. Settings are declared as constants next to the code that uses them and
 * listed in {@code docs/CONFIGURATION.md}; a test keeps the two in step.
 *
 * @param env          environment variable name, e.g. {@code TOCSIN_HTTP_PORT}
 * @param defaultValue default as text, or null when the setting is optional and has none
 * @param secret       whether the value must never be logged or printed
 * @param description  one line for the configuration table
 * @param formerName   the variable's deprecated former name, still read when {@code env} is unset; or null
 */
public record Setting<T>(
        String env,
        String defaultValue,
        Function<String, T> parser,
        boolean secret,
        String description,
        FormerName formerName) {

    /** A duration in the short form: a whole number and a unit. */
    private static final Pattern SHORT_DURATION = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h|d)");

    public Setting {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(description, "description");
    }

    /** A setting without a former name. */
    public Setting(String env, String defaultValue, Function<String, T> parser, boolean secret, String description) {
        this(env, defaultValue, parser, secret, description, null);
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

    /**
     * A duration, the one syntax of every duration setting: a whole number with a unit ({@code 500ms},
     * {@code 30s}, {@code 15m}, {@code 2h}, {@code 7d}) or ISO-8601 ({@code PT30S}, {@code P7D}).
     * Variables of durations carry no unit in their name.
     */
    public static Setting<Duration> duration(String env, String defaultValue, String description) {
        return new Setting<>(env, defaultValue, Setting::parseDuration, false, description);
    }

    /** Comma-separated secrets such as bearer tokens; blanks dropped, never logged. */
    public static Setting<java.util.List<String>> secretList(String env, String description) {
        return new Setting<>(env, null, Setting::commaSeparated, true, description);
    }

    /** The same setting with another default, e.g. a service's own HTTP port. */
    public Setting<T> withDefault(String newDefault) {
        return new Setting<>(env, newDefault, parser, secret, description, formerName);
    }

    /**
     * The same duration setting, also read from its deprecated former variable {@code env}, which
     * held a whole number of {@code unit}s (e.g. {@code TOCSIN_X_MS=2000}), so existing deployments
     * keep working; {@link Environment} warns once when it is used.
     */
    public Setting<T> formerly(String formerEnv, ChronoUnit unit) {
        return new Setting<>(env, defaultValue, parser, secret, description, new FormerName(formerEnv, unit));
    }

    /**
     * A deprecated former name of a setting and the unit its value was counted in.
     *
     * @param env  the former variable
     * @param unit the unit of its whole-number value
     */
    public record FormerName(String env, ChronoUnit unit) {

        public FormerName {
            Objects.requireNonNull(env, "env");
            Objects.requireNonNull(unit, "unit");
        }

        /** The former variable's value in the setting's own syntax (ISO-8601). */
        String translate(String value) {
            try {
                return Duration.of(Long.parseLong(value.trim()), unit).toString();
            } catch (NumberFormatException e) {
                throw new ConfigException(env + "='" + value + "' is invalid: expected a whole number of "
                        + unit.name().toLowerCase(Locale.ROOT));
            }
        }
    }

    static Duration parseDuration(String text) {
        String value = text.trim();
        Matcher shortForm = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "expected a duration such as 500ms, 30s, 15m, 2h, 7d or ISO-8601 " + "such as PT30S, P7D");
        }
    }

    private static java.util.List<String> commaSeparated(String text) {
        return java.util.Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
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
