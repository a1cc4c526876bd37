package dev.tocsin.ingest.domain;

import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one source said about one alert, read but not yet judged: each source normalizer fills a
 * draft in its own vocabulary, {@link AlertAssembler} applies the rules all sources share
 * (product, signal, severity, fingerprint, times). A short-lived builder, never shared.
 *
 * <p>The normalizer that leaves {@link #status} or {@link #summary} null has already recorded why.
 */
final class AlertDraft {

    /** Where the alert sits in the payload, prefix of its violations ({@code alerts[2]}, or empty at the root). */
    final String path;

    final AlertSource source;
    final String sourceName;

    AlertStatus status;
    /** No status anywhere: RESOLVED when endsAt is set and not after the receive time, else FIRING (as Alertmanager decides). */
    boolean statusFromEndsAt;
    /** Labels recorded on the alert. */
    Map<String, String> labels = new TreeMap<>();

    Map<String, String> annotations = new TreeMap<>();
    /** Labels that identify the alert (fingerprint, product, component, region, routing); null means {@link #labels}. */
    Map<String, String> identityLabels;
    /** The source's own fingerprint, if it sends one. */
    String fingerprint;
    /** Product, component, region when the source names them outside the labels; else taken from the labels. */
    String product;

    String component;
    String region;
    /** A product the source implies (PagerDuty's group when the catalog knows it), used when no label and no rule names one. */
    String productGuess;
    /** A signal or severity the source fixed already (e.g. copied from an earlier alert); else derived. */
    Signal signal;

    SeverityHint severity;
    /** The source's severity word, mapped through {@link SeverityHints}. */
    String severityText;

    String alertName;
    String summary;
    String description;
    Instant startsAt;
    Instant endsAt;
    String generatorUrl;
    List<String> links = new ArrayList<>();
    String groupKey;

    AlertDraft(String path, AlertSource source, String sourceName) {
        this.path = path;
        this.source = source;
        this.sourceName = sourceName;
    }

    Map<String, String> identity() {
        return identityLabels != null ? identityLabels : labels;
    }

    String field(String name) {
        return Violations.path(path, name);
    }
}
