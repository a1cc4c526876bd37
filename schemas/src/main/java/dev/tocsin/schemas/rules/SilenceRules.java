package dev.tocsin.schemas.rules;

import dev.tocsin.avro.Silence;
import dev.tocsin.avro.SilenceMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a silence means, decided once for alert-ingest's API (its state) and the correlator (whether
 * it silences an alert at a time), as Alertmanager defines it: pending before {@code startsAt},
 * active from {@code startsAt} until {@code endsAt}, expired from {@code endsAt}; it silences an
 * alert while active and when every matcher holds on the alert's labels.
 */
public final class SilenceRules {

    /** Alertmanager API v2's silence states. */
    public enum State {
        PENDING,
        ACTIVE,
        EXPIRED;

        /** The lower-case word Alertmanager's API uses. */
        public String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final int MAX_PARSED = 4096;
    private static final Map<List<SilenceMatcher>, List<LabelMatcher>> PARSED = new ConcurrentHashMap<>();

    private SilenceRules() {}

    public static State state(Silence silence, Instant at) {
        if (!at.isBefore(silence.getEndsAt())) {
            return State.EXPIRED;
        }
        return at.isBefore(silence.getStartsAt()) ? State.PENDING : State.ACTIVE;
    }

    /** The silence's matchers as label matchers; parsed once per distinct matcher list (regexes compile once). */
    public static List<LabelMatcher> matchers(Silence silence) {
        // a plain list as key: Avro's own array hashes differently from java.util lists
        List<SilenceMatcher> source = List.copyOf(silence.getMatchers());
        List<LabelMatcher> cached = PARSED.get(source);
        if (cached != null) {
            return cached;
        }
        List<LabelMatcher> matchers = new ArrayList<>(source.size());
        for (SilenceMatcher m : source) {
            matchers.add(
                    new LabelMatcher(m.getName(), LabelMatcher.Type.of(m.getIsRegex(), m.getIsEqual()), m.getValue()));
        }
        if (PARSED.size() >= MAX_PARSED) {
            PARSED.clear(); // silences are few; a flood of distinct ones must not grow the cache without bound
        }
        List<LabelMatcher> parsed = List.copyOf(matchers);
        PARSED.put(source, parsed);
        return parsed;
    }

    /** Whether the silence silences an alert with these labels at this time. */
    public static boolean silences(Silence silence, Map<String, String> labels, Instant at) {
        return state(silence, at) == State.ACTIVE && LabelMatchers.allMatch(matchers(silence), labels);
    }

    /** The first silence silencing the labels at this time (the lowest id, so every caller picks the same). */
    public static Optional<Silence> silencing(Collection<Silence> silences, Map<String, String> labels, Instant at) {
        Silence found = null;
        for (Silence silence : silences) {
            if (silences(silence, labels, at)
                    && (found == null || silence.getSilenceId().compareTo(found.getSilenceId()) < 0)) {
                found = silence;
            }
        }
        return Optional.ofNullable(found);
    }
}
