package dev.tocsin.correlator.domain;

import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Silence;
import dev.tocsin.correlator.state.TrackedAlert;
import dev.tocsin.schemas.rules.SilenceRules;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Why a firing alert opens or feeds no incident of its own: a silence, an inhibit rule or an open
 * incident of an upstream product. Checked in that order (a silenced alert notifies no one, so it
 * is not absorbed either), and only where the alert would open or feed an incident; an alert
 * already counted in an open incident stays there (like maintenance).
 *
 * <p>Cost when nothing is configured: an empty silence view, an empty rule list and one map lookup.
 *
 * @param kind      what holds the alert back
 * @param by        the silence id, the source alert's fingerprint or the upstream incident id
 * @param upstream  the upstream product (ABSORBED only)
 */
record Hold(Kind kind, String by, String upstream) {

    enum Kind {
        SILENCED,
        INHIBITED,
        ABSORBED
    }

    /** The hold on a firing alert at {@code at}, if any. */
    static Optional<Hold> of(Session session, TrackedAlert tracked, Supplier<Map<String, String>> labels, Instant at) {
        Collection<Silence> silences = session.silences();
        if (!silences.isEmpty()) {
            Optional<Silence> silence = SilenceRules.silencing(silences, labels.get(), at);
            if (silence.isPresent()) {
                return Optional.of(new Hold(Kind.SILENCED, silence.get().getSilenceId(), null));
            }
        }
        Optional<String> source = Inhibition.inhibitor(session, tracked.getProduct(), tracked.getFingerprint(), labels);
        if (source.isPresent()) {
            return Optional.of(new Hold(Kind.INHIBITED, source.get(), null));
        }
        ProductDependencies dependencies = session.policy.dependencies();
        if (dependencies.hasUpstreams(tracked.getProduct())) {
            for (String upstream : dependencies.upstreamsOf(tracked.getProduct())) {
                List<String> open = session.state.openIncidentsOf(upstream);
                if (!open.isEmpty()) {
                    return Optional.of(new Hold(Kind.ABSORBED, open.get(0), upstream));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * What silences and inhibit rules match: the alert's labels, plus its product, component and
     * region under those names where the source did not send such a label (so
     * {@code amtool silence add product=voice} works for alerts routed to voice by a rule).
     */
    static Map<String, String> labelsOf(MonitoringAlert alert) {
        Map<String, String> labels = new HashMap<>(alert.getLabels());
        labels.putIfAbsent("product", alert.getProduct());
        if (alert.getComponent() != null) {
            labels.putIfAbsent("component", alert.getComponent());
        }
        if (alert.getRegion() != null) {
            labels.putIfAbsent("region", alert.getRegion());
        }
        return labels;
    }

    /** {@link #labelsOf}, built on first use only: with no silences and no inhibit rules it never is. */
    static Supplier<Map<String, String>> lazyLabelsOf(MonitoringAlert alert) {
        return new Supplier<>() {
            private Map<String, String> labels;

            @Override
            public Map<String, String> get() {
                if (labels == null) {
                    labels = labelsOf(alert);
                }
                return labels;
            }
        };
    }
}
