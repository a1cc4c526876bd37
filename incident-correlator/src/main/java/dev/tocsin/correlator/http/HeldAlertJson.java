package dev.tocsin.correlator.http;

import dev.tocsin.correlator.state.TrackedAlert;
import dev.tocsin.correlator.topology.CorrelatorStores;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One held alert as {@code GET /api/v1/alerts?held=true} shows it: what it is, its labels, why it
 * is held and since when, and until when where that is known (a silence's end; an inhibition or an
 * upstream incident lasts until its source resolves, which nobody can tell in advance).
 */
final class HeldAlertJson {

    private HeldAlertJson() {}

    /**
     * @param stored      a tracked alert whose {@code heldSince} is set
     * @param silenceEnds the end of a silence by id, empty when the silence is gone
     */
    static Map<String, Object> of(TrackedAlert stored, Function<String, Optional<Instant>> silenceEnds) {
        String kind = kind(stored);
        String by = switch (kind) {
            case "SILENCED" -> stored.getSilenceId();
            case "INHIBITED" -> stored.getInhibitedBy();
            default -> stored.getAbsorbedInto();
        };
        Map<String, Object> hold = new LinkedHashMap<>();
        hold.put("reason", kind);
        hold.put("by", by);
        hold.put("since", Instant.ofEpochMilli(stored.getHeldSince()).toString());
        if (kind.equals("SILENCED") && by != null) {
            silenceEnds.apply(by).ifPresent(end -> hold.put("until", end.toString()));
        }
        hold.put("heldRecords", stored.getHeldCount());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", CorrelatorStores.alertKey(stored.getProduct(), stored.getFingerprint()));
        out.put("product", stored.getProduct());
        out.put("fingerprint", stored.getFingerprint());
        out.put("summary", stored.getSummary());
        out.put("component", stored.getComponent());
        out.put("region", stored.getRegion());
        out.put("labels", new TreeMap<>(stored.getHeldLabels()));
        out.put("hold", hold);
        return out;
    }

    /**
     * The hold's kind; a record written before {@code holdKind} existed is read in the order holds
     * are checked (silence, inhibition, dependency), the best guess its fields allow.
     */
    private static String kind(TrackedAlert stored) {
        if (stored.getHoldKind() != null) {
            return stored.getHoldKind();
        }
        if (stored.getSilenceId() != null) {
            return "SILENCED";
        }
        return stored.getInhibitedBy() != null ? "INHIBITED" : "ABSORBED";
    }
}
