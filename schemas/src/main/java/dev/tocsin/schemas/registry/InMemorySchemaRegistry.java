package dev.tocsin.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * A {@link SchemaRegistry} held in memory, selected by a {@code mock://<scope>} URL: every registry of one scope in a
 * JVM shares one state, so a test's serializer and deserializer see the same ids, as they would through a real
 * registry. Ids and versions are assigned as the Confluent registry does (one global id per distinct schema, shared
 * across subjects; versions per subject counting from 1), a change that is not BACKWARD compatible with the latest
 * version is rejected with 409 (the registry's default level), and unknown subjects, schemas and ids answer 404 with
 * Confluent's error codes.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    private static final Map<String, Scope> SCOPES = new ConcurrentHashMap<>();

    private final SchemaRegistryConfig config;
    private final Scope scope;

    private InMemorySchemaRegistry(SchemaRegistryConfig config, Scope scope) {
        this.config = config;
        this.scope = scope;
    }

    /** The registry of the scope named by the authority of a {@code mock://<scope>} URL, with this client's settings. */
    static InMemorySchemaRegistry ofScope(SchemaRegistryConfig config) {
        String name = config.url().getAuthority();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "A mock schema registry URL names a scope: mock://<scope>, was " + config.url());
        }
        return new InMemorySchemaRegistry(config, SCOPES.computeIfAbsent(name, Scope::new));
    }

    /** Forgets everything registered in the scope {@code name}; the next registry of that scope starts empty. */
    public static void dropScope(String name) {
        SCOPES.remove(name);
    }

    @Override
    public SchemaRegistryConfig config() {
        return config;
    }

    @Override
    public int register(String subject, Schema schema) {
        return scope.register(subject, schema);
    }

    @Override
    public int lookup(String subject, Schema schema) {
        return scope.lookup(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        return scope.schemaById(id);
    }

    @Override
    public List<String> subjects() {
        return scope.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return scope.versions(subject);
    }

    /**
     * The state of one scope. Schemas are keyed by themselves: Avro's equality stands for the registry's (same
     * schema text) and its hash is cached, so the serializer's call per record prints no schema.
     */
    private static final class Scope {

        private final String url;
        private final Map<String, TreeMap<Integer, Schema>> versionsBySubject = new TreeMap<>();
        private final Map<Schema, Integer> idsBySchema = new HashMap<>();
        private final Map<Integer, Schema> schemasById = new HashMap<>();

        Scope(String name) {
            this.url = MOCK_SCHEME + "://" + name;
        }

        synchronized int register(String subject, Schema schema) {
            TreeMap<Integer, Schema> versions = versionsBySubject.computeIfAbsent(subject, s -> new TreeMap<>());
            if (versions.containsValue(schema)) {
                return idsBySchema.get(schema);
            }
            if (!versions.isEmpty()
                    && !isBackwardCompatible(schema, versions.lastEntry().getValue())) {
                throw failure(
                        "registering a schema under subject '" + subject + "'",
                        409,
                        409,
                        "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                                + "\"");
            }
            int id = idsBySchema.computeIfAbsent(schema, newSchema -> schemasById.size() + 1);
            schemasById.putIfAbsent(id, schema);
            versions.put(versions.isEmpty() ? 1 : versions.lastKey() + 1, schema);
            return id;
        }

        synchronized int lookup(String subject, Schema schema) {
            String what = "looking up the schema of " + schema.getFullName() + " under subject '" + subject
                    + "' (auto-registration is off: register it first)";
            TreeMap<Integer, Schema> versions = versionsBySubject.get(subject);
            if (versions == null || versions.isEmpty()) {
                throw failure(what, 404, 40401, "Subject '" + subject + "' not found.");
            }
            if (!versions.containsValue(schema)) {
                throw failure(what, 404, 40403, "Schema not found");
            }
            return idsBySchema.get(schema);
        }

        synchronized Schema schemaById(int id) {
            Schema schema = schemasById.get(id);
            if (schema == null) {
                throw failure("fetching schema id " + id, 404, 40403, "Schema " + id + " not found");
            }
            return schema;
        }

        synchronized List<String> subjects() {
            return List.copyOf(versionsBySubject.keySet());
        }

        synchronized List<Integer> versions(String subject) {
            TreeMap<Integer, Schema> versions = versionsBySubject.get(subject);
            if (versions == null || versions.isEmpty()) {
                throw failure(
                        "listing versions of subject '" + subject + "'",
                        404,
                        40401,
                        "Subject '" + subject + "' not found.");
            }
            return new ArrayList<>(versions.keySet());
        }

        // BACKWARD: the new schema, as reader, can read what the latest version wrote.
        private static boolean isBackwardCompatible(Schema candidate, Schema latest) {
            return SchemaCompatibility.checkReaderWriterCompatibility(candidate, latest)
                            .getType()
                    == SchemaCompatibilityType.COMPATIBLE;
        }

        // Worded like the HTTP client's failures, so a test sees the message production would log.
        private SchemaRegistryException failure(String what, int status, int errorCode, String message) {
            return new SchemaRegistryException(
                    "Schema registry " + url + " failed " + what + ": HTTP " + status + ", error_code " + errorCode
                            + ": " + message,
                    status,
                    errorCode,
                    null);
        }
    }
}
