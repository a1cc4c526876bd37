package dev.tocsin.ingest.domain;

import dev.tocsin.avro.SeverityHint;
import java.util.Locale;
import java.util.Map;

/**
 * The one table that maps every source's severity vocabulary onto {@link SeverityHint}:
 * Alertmanager/Grafana {@code severity} labels (page, critical, warning, info), PagerDuty
 * (critical, error, warning, info), Zendesk (urgent, high, normal, low), P1..P4 and the generic
 * vocabulary (critical, high, medium, low, info). An unknown word is no error: it gives no hint.
 */
public final class SeverityHints {

    /** The words of the generic alert format, for messages. */
    static final String GENERIC_VOCABULARY = "critical, high, medium, low, info";

    private static final Map<String, SeverityHint> TABLE = Map.ofEntries(
            Map.entry("page", SeverityHint.CRITICAL),
            Map.entry("critical", SeverityHint.CRITICAL),
            Map.entry("crit", SeverityHint.CRITICAL),
            Map.entry("urgent", SeverityHint.CRITICAL),
            Map.entry("fatal", SeverityHint.CRITICAL),
            Map.entry("emergency", SeverityHint.CRITICAL),
            Map.entry("disaster", SeverityHint.CRITICAL),
            Map.entry("p1", SeverityHint.CRITICAL),
            Map.entry("sev1", SeverityHint.CRITICAL),
            Map.entry("high", SeverityHint.HIGH),
            Map.entry("error", SeverityHint.HIGH),
            Map.entry("err", SeverityHint.HIGH),
            Map.entry("major", SeverityHint.HIGH),
            Map.entry("p2", SeverityHint.HIGH),
            Map.entry("sev2", SeverityHint.HIGH),
            Map.entry("warning", SeverityHint.MEDIUM),
            Map.entry("warn", SeverityHint.MEDIUM),
            Map.entry("medium", SeverityHint.MEDIUM),
            Map.entry("moderate", SeverityHint.MEDIUM),
            Map.entry("average", SeverityHint.MEDIUM),
            Map.entry("normal", SeverityHint.MEDIUM),
            Map.entry("p3", SeverityHint.MEDIUM),
            Map.entry("sev3", SeverityHint.MEDIUM),
            Map.entry("low", SeverityHint.LOW),
            Map.entry("minor", SeverityHint.LOW),
            Map.entry("p4", SeverityHint.LOW),
            Map.entry("sev4", SeverityHint.LOW),
            Map.entry("info", SeverityHint.INFO),
            Map.entry("informational", SeverityHint.INFO),
            Map.entry("information", SeverityHint.INFO),
            Map.entry("notice", SeverityHint.INFO));

    private SeverityHints() {}

    /** The hint for a source's severity word (case and surrounding blanks ignored), or null when unknown or absent. */
    public static SeverityHint map(String word) {
        if (word == null) {
            return null;
        }
        return TABLE.get(word.trim().toLowerCase(Locale.ROOT));
    }
}
