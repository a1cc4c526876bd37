package dev.tocsin.correlator.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SLA target: either a fixed duration ({@code PT15M}) or a number of business days
 * ({@code 2 business days}), counted on the policy's {@link BusinessCalendar}.
 *
 * @param duration     the fixed duration, or null for a business-day target
 * @param businessDays the business days, when {@code duration} is null
 */
public record SlaTarget(Duration duration, int businessDays) {

    private static final Pattern BUSINESS_DAYS = Pattern.compile("^(\\d{1,3})\\s*(business\\s*days?|bd)$");

    public SlaTarget {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("an SLA target must be positive: " + duration);
        }
        if (duration == null && businessDays <= 0) {
            throw new IllegalArgumentException("an SLA target must be positive: " + businessDays + " business days");
        }
    }

    public static SlaTarget of(Duration duration) {
        return new SlaTarget(duration, 0);
    }

    public static SlaTarget businessDays(int days) {
        return new SlaTarget(null, days);
    }

    /**
     * Parses {@code PT15M}-style durations and {@code <n> business day(s)}.
     *
     * @throws IllegalArgumentException with a message fit for a policy error
     */
    public static SlaTarget parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = BUSINESS_DAYS.matcher(value);
        if (matcher.matches()) {
            return businessDays(Integer.parseInt(matcher.group(1)));
        }
        try {
            return of(Duration.parse(value.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is neither an ISO-8601 duration (e.g. PT15M) nor '<n> business days'");
        }
    }

    /** The deadline of this target for a clock started at {@code start}. */
    public Instant after(Instant start, BusinessCalendar calendar) {
        return duration != null ? start.plus(duration) : calendar.plusBusinessDays(start, businessDays);
    }

    @Override
    public String toString() {
        return duration != null
                ? duration.toString()
                : businessDays + (businessDays == 1 ? " business day" : " business days");
    }
}
