package dev.tocsin.schemas.rules;

/**
 * How far ahead of the wall clock a record's event time may lie. A producer whose clock runs fast
 * would otherwise pull quiet periods, SLA breaches and maintenance ahead of their time: an event
 * time beyond the wall clock plus a tolerance is taken as the wall clock plus that tolerance. A
 * time at or below that bound (every record of a replay of history) is kept as it is.
 */
public final class EventTimes {

    private EventTimes() {}

    /**
     * @param eventMillis     the record's event time
     * @param wallMillis      the wall clock of the process deciding
     * @param toleranceMillis how far ahead of the wall clock an event time is still believed (not negative)
     * @return {@code eventMillis}, or {@code wallMillis + toleranceMillis} if it lies beyond that
     */
    public static long clamp(long eventMillis, long wallMillis, long toleranceMillis) {
        if (toleranceMillis < 0) {
            throw new IllegalArgumentException("tolerance must not be negative, was " + toleranceMillis);
        }
        long latest = wallMillis + toleranceMillis;
        return Math.min(eventMillis, latest);
    }
}
