package dev.tocsin.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * What our serdes and topic provisioning need from a Confluent-compatible schema registry: register a schema under a
 * subject, look up the id of a registered one, fetch a schema by id, list subjects and versions.
 *
 * <p>{@link #connect(SchemaRegistryConfig)} is the one place that turns a registry URL into an implementation: an
 * {@code http(s)://} URL gets the REST client, a {@code mock://<scope>} URL the in-memory registry of that scope
 * (like Confluent's mock URLs), so topology tests serialize exactly as production does without a broker or HTTP.
 */
public interface SchemaRegistry {

    /** The URL scheme that selects the in-memory registry. */
    String MOCK_SCHEME = "mock";

    /** The REST client for an HTTP(S) URL, the in-memory registry of the scope for a {@code mock://<scope>} URL. */
    static SchemaRegistry connect(SchemaRegistryConfig config) {
        if (MOCK_SCHEME.equals(config.url().getScheme())) {
            return InMemorySchemaRegistry.ofScope(config);
        }
        return new SchemaRegistryClient(config);
    }

    /** {@link #connect(SchemaRegistryConfig)} with the defaults of {@link SchemaRegistryConfig#of(String)}. */
    static SchemaRegistry connect(String url) {
        return connect(SchemaRegistryConfig.of(url));
    }

    SchemaRegistryConfig config();

    /**
     * Registers {@code schema} under {@code subject} (or finds it already there) and returns its global id. A change
     * that breaks the subject's compatibility level is rejected (409).
     */
    int register(String subject, Schema schema);

    /** Returns the id of {@code schema} if it is registered under {@code subject}; never registers (404 if not). */
    int lookup(String subject, Schema schema);

    /** The schema with global id {@code id} (404 if unknown). */
    Schema schemaById(int id);

    /** Subjects known to the registry. */
    List<String> subjects();

    /** Version numbers registered under {@code subject} (404 if the subject is unknown). */
    List<Integer> versions(String subject);

    /**
     * Registers or looks up, depending on the auto-register switch of the configuration. Subjects of a Kafka Streams
     * application's own internal topics (state-store changelogs, repartition topics) are always registered: their
     * names carry the application id and the store name, nobody outside the application can pre-register them, and
     * with auto-registration off the stream thread would otherwise die on its first write to a store.
     */
    default int idFor(String subject, Schema schema) {
        return config().autoRegister() || isStreamsInternal(subject)
                ? register(subject, schema)
                : lookup(subject, schema);
    }

    /** Whether {@code subject} belongs to a Kafka Streams internal topic ({@code <app>-<name>-changelog|repartition}). */
    private static boolean isStreamsInternal(String subject) {
        String topic = subject.endsWith("-value")
                ? subject.substring(0, subject.length() - 6)
                : subject.endsWith("-key") ? subject.substring(0, subject.length() - 4) : subject;
        return topic.endsWith("-changelog") || topic.endsWith("-repartition");
    }
}
