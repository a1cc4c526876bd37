package dev.tocsin.schemas.rules;

import dev.tocsin.avro.Silence;
import dev.tocsin.avro.SilenceMatcher;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a silence means, decided once for alert-ingest's API (its state) and the correlator (whether
 * it silences an alert at a time), as Alertmanager defines it: pending before {@code startsAt},
 * active from {@code startsAt} until {@code endsAt}, expired from {@code endsAt}; it silences an
 * alert while active and when every matcher holds on the alert's labels.
 */
public final class SilenceRules {

    /** Alertmanager API v2's silence states. */
    public enum State {
        PENDING, ACTIVE, EXPIRED;

        /** The lower-case word Alertmanager's API uses. */
        public String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private SilenceRules() {
    }

    public static State state(Silence silence, Instant at) {
        if (!at.isBefore(silence.getEndsAt())) {
            return State.EXPIRED;
        }
        return at.isBefore(silence.getStartsAt()) ? State.PENDING : State.ACTIVE;
    }

    /** The silence's matchers as label matchers. */
    public static List<LabelMatcher> matchers(Silence silence) {
        List<LabelMatcher> matchers = new ArrayList<>(silence.getMatchers().size());
        for (SilenceMatcher m : silence.getMatchers()) {
            matchers.add(new LabelMatcher(m.getName(), LabelMatcher.Type.of(m.getIsRegex(), m.getIsEqual()), m.getValue()));
        }
        return matchers;
    }

    /** Whether the silence silences an alert with these labels at this time. */
    public static boolean silences(Silence silence, Map<String, String> labels, Instant at) {
        return state(silence, at) == State.ACTIVE && LabelMatchers.allMatch(matchers(silence), labels);
    }

    /** The first silence silencing the labels at this time (the lowest id, so every caller picks the same). */
    public static Optional<Silence> silencing(Collection<Silence> silences, Map<String, String> labels, Instant at) {
        Silence found = null;
        for (Silence silence : silences) {
            if (silences(silence, labels, at) && (found == null || silence.getSilenceId().compareTo(found.getSilenceId()) < 0)) {
                found = silence;
            }
        }
        return Optional.ofNullable(found);
    }
}
