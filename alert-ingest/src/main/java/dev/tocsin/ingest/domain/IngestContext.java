package dev.tocsin.ingest.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Context of one request: when it was received and how record ids are made. Production passes a
 * {@code UUID.randomUUID()}-based supplier, tests a deterministic one. Ids are drawn only once the
 * whole payload is valid, so a rejected payload consumes none.
 *
 * @param receivedAt when Tocsin received the request (also the start time of alerts that carry none)
 * @param ids        makes one fresh id per call (alert ids, command ids)
 */
public record IngestContext(Instant receivedAt, Supplier<String> ids) {

    public IngestContext {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(ids, "ids");
    }
}
