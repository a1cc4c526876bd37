package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Severity;

/** Severity arithmetic: 1 (SEV1, critical) is the highest, 4 (SEV4, low) the lowest. */
public final class Severities {

    private Severities() {}

    /** The number of a severity, 1..4. */
    public static int number(Severity severity) {
        return severity.ordinal() + 1;
    }

    /** The severity of a number 1..4. */
    public static Severity of(int number) {
        if (number < 1 || number > 4) {
            throw new IllegalArgumentException("severity must be 1..4: " + number);
        }
        return Severity.values()[number - 1];
    }

    /** The more severe of the two. */
    public static Severity higher(Severity a, Severity b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    /** Whether {@code candidate} is more severe than {@code current}. */
    public static boolean isHigher(Severity candidate, Severity current) {
        return candidate.ordinal() < current.ordinal();
    }

    /** One level more severe, SEV1 stays SEV1. */
    public static Severity raisedOneLevel(Severity severity) {
        return severity == Severity.SEV1 ? Severity.SEV1 : Severity.values()[severity.ordinal() - 1];
    }
}
