package dev.tocsin.runtime.kafka;

import dev.tocsin.runtime.errors.TransientFailures;
import dev.tocsin.schemas.registry.SchemaRegistry;
import dev.tocsin.schemas.topics.Topics;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the schema id of every Avro topic of the catalog before a service starts processing, so
 * a later registry outage does not touch the hot path at all (ids are cached for good) and a
 * registry that is down at start delays the start instead of failing records. Waits out transient
 * registry failures up to a deadline; a permanent one (a schema missing with auto-registration off,
 * an incompatible schema) fails the start at once with the registry's message.
 */
public final class SchemaPrewarm {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaPrewarm.class);
    /** How long a start waits for a registry that is down before the service gives up (and is restarted). */
    public static final Duration PATIENCE = Duration.ofMinutes(2);

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private SchemaPrewarm() {}

    /** Subject -> schema id of every Avro topic. */
    public static Map<String, Integer> run(SchemaRegistry registry, Topics topics, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        Duration backoff = Duration.ofMillis(200);
        while (true) {
            try {
                return TopicProvisioner.idsOfValueSchemas(topics, registry::idFor);
            } catch (RuntimeException e) {
                if (!TransientFailures.isTransient(e) || System.nanoTime() + backoff.toNanos() > deadline) {
                    throw e;
                }
                LOG.warn("Schema registry not usable yet ({}); retrying in {} ms", e.getMessage(), backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the schema registry", e);
        }
    }
}
