package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads RFC 3339 timestamps exactly into an {@link Instant}: nanosecond fractions and any offset
 * ({@code 2018-08-03T09:52:26.739266876-02:00}) are kept to the nanosecond. Also accepted, because
 * real senders emit them: an offset without colon ({@code +0000}, PagerDuty), lower-case
 * {@code t}/{@code z} and a space instead of {@code T}. A time without offset is rejected: its
 * instant would be a guess.
 */
public final class Timestamps {

    /** Go's zero time, which Alertmanager and Grafana send for "not set". */
    public static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Timestamps() {}

    /** The instant, or empty when the text is no RFC 3339 timestamp with offset. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        if (!hasFourDigitYear(value)) {
            // RFC 3339 years have exactly four digits; larger ones would overflow epoch milliseconds
            return Optional.empty();
        }
        Instant common = parseCommonForm(value);
        if (common != null) {
            return Optional.of(common);
        }
        if (value.length() > 10 && value.charAt(10) == ' ') {
            value = value.substring(0, 10) + 'T' + value.substring(11);
        }
        try {
            return Optional.of(RFC_3339.parse(value, OffsetDateTime::from).toInstant());
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * The form nearly every sender uses, {@code 2024-05-01T12:00:00[.fraction](Z|+02:00)}, read
     * without the general formatter (which led ingest's storm profile); null for anything else,
     * which the formatter then decides. Invalid fields (month 13) also fall through to it.
     */
    static Instant parseCommonForm(String v) {
        int n = v.length();
        if (n < 20 || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (v.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && Character.isDigit(v.charAt(i))) {
                nanos = nanos * 10 + (v.charAt(i++) - '0');
            }
            if (i == start || (i < n && Character.isDigit(v.charAt(i)))) {
                return null;
            }
            for (int d = i - start; d < 9; d++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && v.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (v.charAt(i) == '+' || v.charAt(i) == '-') && v.charAt(i + 3) == ':') {
            int hours = digits(v, i + 1, 2);
            int minutes = digits(v, i + 4, 2);
            if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
                return null;
            }
            offsetSeconds = (v.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String v, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean hasFourDigitYear(String value) {
        if (value.length() < 5 || value.charAt(4) != '-') {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether this is Go's zero time, meaning "not set". */
    public static boolean isZero(Instant instant) {
        return GO_ZERO_TIME.equals(instant);
    }

    /**
     * Whether the instant fits Avro's {@code timestamp-nanos} (a long of nanoseconds since the
     * epoch, years 1677 to 2262); same arithmetic as Avro's conversion.
     */
    public static boolean fitsNanos(Instant instant) {
        long seconds = instant.getEpochSecond();
        int nanos = instant.getNano();
        try {
            if (seconds < 0 && nanos > 0) {
                Math.addExact(Math.multiplyExact(seconds + 1, NANOS_PER_SECOND), nanos - NANOS_PER_SECOND);
            } else {
                Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), nanos);
            }
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** Cut to milliseconds, the precision of {@code timestamp-millis} fields, so records round-trip equal. */
    public static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * An optional timestamp field; absent, null, blank or Go's zero time give null, anything else
     * that is no RFC 3339 timestamp is a violation.
     */
    static Instant read(JsonNode parent, String name, String path, Violations violations) {
        JsonNode node = JsonFields.field(parent, name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            violations.add(path, "must be an RFC 3339 timestamp string, got " + JsonFields.kind(node));
            return null;
        }
        if (node.textValue().isBlank()) {
            return null;
        }
        Optional<Instant> instant = parse(node.textValue());
        if (instant.isEmpty()) {
            violations.add(
                    path,
                    "not an RFC 3339 timestamp with offset: '" + JsonFields.clip(node.textValue())
                            + "' (e.g. 2024-05-01T12:00:00.123456789+02:00)");
            return null;
        }
        return isZero(instant.get()) ? null : instant.get();
    }

    /** Like {@link #read} for alert times, which Avro keeps in nanoseconds: out-of-range years are a violation. */
    static Instant readNanos(JsonNode parent, String name, String path, Violations violations) {
        Instant instant = read(parent, name, path, violations);
        if (instant != null && !fitsNanos(instant)) {
            violations.add(path, "out of range: alert times must lie between the years 1678 and 2261");
            return null;
        }
        return instant;
    }

    /** Like {@link #read} but a missing value is a violation. */
    static Instant required(JsonNode parent, String name, String path, Violations violations) {
        boolean present = JsonFields.field(parent, name) != null;
        int before = violations.size();
        Instant instant = read(parent, name, path, violations);
        if (instant == null && violations.size() == before) {
            violations.add(path, present ? "required, must be a real time (not blank or Go's zero time)" : "required");
        }
        return instant;
    }
}
