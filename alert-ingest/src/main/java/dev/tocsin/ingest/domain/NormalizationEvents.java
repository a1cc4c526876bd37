package dev.tocsin.ingest.domain;

/**
 * What the normalizers notice besides the records they return, so the wiring can count it at every
 * door (HTTP and the raw topic) alike. Called only for payloads that are accepted as a whole.
 */
public interface NormalizationEvents {

    /** Counts nothing. */
    NormalizationEvents NONE = new NormalizationEvents() {};

    /** An alert or report that no label and no routing rule classified got the unclassified product. */
    default void unclassified(String sourceName) {}

    /** A PagerDuty acknowledge or resolve named a dedup key no trigger is known for: ignored, as PagerDuty does. */
    default void unknownDedupKey(String action) {}
}
