package dev.tocsin.ingest.domain;

import dev.tocsin.avro.Silence;
import dev.tocsin.avro.SilenceMatcher;
import dev.tocsin.schemas.rules.LabelMatcher;
import dev.tocsin.schemas.rules.SilenceRules;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/v2/silences?filter=...} lists, as Alertmanager lists it: the filters
 * ({@code amtool silence query alertname=Foo}) are matched against the silence's own matchers
 * taken as labels (name to value text), where a filter for the empty value also holds for a silence
 * without that name ({@code =""}) or with it ({@code !=""}); the order is active silences first
 * (ending soonest first), then pending ones (starting soonest first), then expired ones (most
 * recently ended first).
 */
public final class SilenceListing {

    private SilenceListing() {}

    public static List<Silence> list(Collection<Silence> silences, List<LabelMatcher> filters, Instant now) {
        return silences.stream()
                .filter(silence -> passes(silence, filters))
                .sorted(order(now))
                .toList();
    }

    static boolean passes(Silence silence, List<LabelMatcher> filters) {
        Map<String, String> asLabels = new HashMap<>();
        for (SilenceMatcher m : silence.getMatchers()) {
            asLabels.put(m.getName(), m.getValue());
        }
        for (LabelMatcher filter : filters) {
            boolean present = asLabels.containsKey(filter.name());
            boolean emptyValueHolds = filter.value().isEmpty() && (filter.type().isEqual() ? !present : present);
            if (!emptyValueHolds && !filter.matches(asLabels)) {
                return false;
            }
        }
        return true;
    }

    static Comparator<Silence> order(Instant now) {
        Comparator<Silence> byState = Comparator.comparingInt(s -> switch (SilenceRules.state(s, now)) {
            case ACTIVE -> 0;
            case PENDING -> 1;
            case EXPIRED -> 2;
        });
        return byState.thenComparing((a, b) -> switch (SilenceRules.state(a, now)) {
                    case ACTIVE -> a.getEndsAt().compareTo(b.getEndsAt());
                    case PENDING -> a.getStartsAt().compareTo(b.getStartsAt());
                    case EXPIRED -> b.getEndsAt().compareTo(a.getEndsAt());
                })
                .thenComparing(Silence::getSilenceId);
    }
}
