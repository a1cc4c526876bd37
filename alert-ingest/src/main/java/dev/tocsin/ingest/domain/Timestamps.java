package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
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
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Timestamps() {
    }

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
        if (value.length() > 10 && value.charAt(10) == ' ') {
            value = value.substring(0, 10) + 'T' + value.substring(11);
        }
        try {
            return Optional.of(RFC_3339.parse(value, OffsetDateTime::from).toInstant());
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
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
            violations.add(path, "not an RFC 3339 timestamp with offset: '" + JsonFields.clip(node.textValue())
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
