package dev.tocsin.ingest.domain;

import dev.tocsin.avro.SilenceMatcher;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A valid silence as posted to {@code POST /api/v2/silences} (Alertmanager API v2's
 * PostableSilence), before Alertmanager's create-or-update rules ({@link SilenceChanges}) decide
 * what is stored.
 *
 * @param id the silence to update, or null to create one
 */
public record PostedSilence(
        String id, List<SilenceMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {

    public PostedSilence {
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(comment, "comment");
    }
}
