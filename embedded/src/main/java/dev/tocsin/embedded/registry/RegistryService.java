package dev.tocsin.embedded.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the registry does, independent of HTTP: registration with compatibility checks, lookups,
 * deletes and configuration, with Confluent's semantics and error codes.
 *
 * <p>Every change is appended to the {@link RegistryLog} first and applied to the
 * {@link SchemaStore} only once the log accepted it, so an answered request is durable and a
 * failed write changes nothing. One lock guards everything: the registry assumes it is the only
 * writer of its topic, and schema changes are rare enough that serializing them costs nothing.
 */
final class RegistryService {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryService.class);
    /** Version selector meaning "the latest live version" ({@code latest} or {@code -1}). */
    static final int LATEST = -1;

    private final ReentrantLock lock = new ReentrantLock();
    private final SchemaStore store = new SchemaStore();
    private final Map<String, Schema> parsed = new HashMap<>();
    private final RegistryLog log;

    /** Rebuilds the state from everything {@code log} holds. */
    RegistryService(RegistryLog log) {
        this.log = log;
        locked(() -> {
            log.replay(store::apply);
            return null;
        });
    }

    /** Registers the schema under the subject (or finds it there) and returns its global id. */
    int register(String subject, SchemaRequest request) {
        Schema schema = parse(request);
        String canonical = schema.toString();
        return locked(() -> {
            List<SubjectVersion> live = store.versions(subject, false);
            for (SubjectVersion v : live) {
                if (v.schema().equals(canonical)) {
                    return v.id();
                }
            }
            CompatibilityLevel level = store.effectiveLevel(subject);
            List<String> problems = level.check(schema, schemas(live));
            if (!problems.isEmpty()) {
                LOG.info("Rejected schema for subject {}: incompatible under {}", subject, level);
                throw RegistryException.incompatible(subject, problems);
            }
            // The same schema keeps one id across subjects, deleted versions included.
            int id = store.idOf(canonical).orElseGet(store::nextId);
            SubjectVersion version = new SubjectVersion(subject, store.nextVersion(subject), id, canonical, false);
            write(version);
            LOG.info("Registered schema id {} as version {} of subject {}", id, version.version(), subject);
            return id;
        });
    }

    /** Finds the version of the subject that holds this schema. */
    SubjectVersion lookup(String subject, SchemaRequest request, boolean includeDeleted) {
        String canonical = parse(request).toString();
        return locked(() -> {
            List<SubjectVersion> versions = store.versions(subject, includeDeleted);
            if (versions.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            for (int i = versions.size() - 1; i >= 0; i--) {
                if (versions.get(i).schema().equals(canonical)) {
                    return versions.get(i);
                }
            }
            throw RegistryException.schemaNotFound();
        });
    }

    String schemaById(int id) {
        return locked(
                () -> store.schemaById(id).orElseThrow(() -> RegistryException.schemaIdNotFound(String.valueOf(id))));
    }

    /** The subject versions that use this id. */
    List<SubjectVersion> versionsWithId(int id, boolean includeDeleted) {
        return locked(() -> {
            if (store.schemaById(id).isEmpty()) {
                throw RegistryException.schemaIdNotFound(String.valueOf(id));
            }
            return store.versionsWithId(id, includeDeleted);
        });
    }

    List<String> subjects(boolean includeDeleted, String prefix) {
        return locked(() -> store.subjects(includeDeleted).stream()
                .filter(s -> prefix == null || s.startsWith(prefix))
                .toList());
    }

    List<Integer> versions(String subject, boolean includeDeleted) {
        return locked(() -> {
            List<SubjectVersion> versions = store.versions(subject, includeDeleted);
            if (versions.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            return versions.stream().map(SubjectVersion::version).toList();
        });
    }

    /** One version of the subject; {@code version} may be {@link #LATEST}. */
    SubjectVersion version(String subject, int version, boolean includeDeleted) {
        return locked(() -> find(subject, version, includeDeleted));
    }

    /** Soft-deletes (or, once soft-deleted, permanently deletes) a subject; returns its versions. */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        return locked(() -> {
            List<SubjectVersion> all = store.versions(subject, true);
            if (all.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            List<Integer> live = all.stream()
                    .filter(v -> !v.deleted())
                    .map(SubjectVersion::version)
                    .toList();
            if (!permanent) {
                if (live.isEmpty()) {
                    throw RegistryException.subjectSoftDeleted(subject);
                }
                write(new RegistryEvent.SubjectDeleted(
                        subject, all.get(all.size() - 1).version()));
                LOG.info("Soft-deleted subject {} (versions {})", subject, live);
                return live;
            }
            if (!live.isEmpty()) {
                throw RegistryException.subjectNotSoftDeleted(subject);
            }
            List<Integer> removed = new ArrayList<>();
            for (SubjectVersion v : all) {
                write(new RegistryEvent.VersionRemoved(subject, v.version()));
                removed.add(v.version());
            }
            LOG.info("Permanently deleted subject {} (versions {})", subject, removed);
            return removed;
        });
    }

    /** Soft-deletes (or, once soft-deleted, permanently deletes) one version; returns its number. */
    int deleteVersion(String subject, int version, boolean permanent) {
        return locked(() -> {
            if (!permanent) {
                SubjectVersion v = find(subject, version, true);
                if (v.deleted()) {
                    throw RegistryException.versionSoftDeleted(subject, v.version());
                }
                write(v.markDeleted());
                LOG.info("Soft-deleted version {} of subject {}", v.version(), subject);
                return v.version();
            }
            SubjectVersion v = find(subject, version, true);
            if (!v.deleted()) {
                throw RegistryException.versionNotSoftDeleted(subject, v.version());
            }
            write(new RegistryEvent.VersionRemoved(subject, v.version()));
            LOG.info("Permanently deleted version {} of subject {}", v.version(), subject);
            return v.version();
        });
    }

    /**
     * Checks a schema against the subject under its compatibility level.
     *
     * @param version a version number, {@link #LATEST}, or null for "all live versions" (the
     *     level then decides whether only the latest counts)
     * @return the incompatibilities; empty when compatible
     */
    List<String> checkCompatibility(String subject, Integer version, SchemaRequest request) {
        Schema schema = parse(request);
        return locked(() -> {
            CompatibilityLevel level = store.effectiveLevel(subject);
            if (version == null) {
                return level.check(schema, schemas(store.versions(subject, false)));
            }
            SubjectVersion against = find(subject, version, false);
            return level.check(schema, List.of(schemaOf(against)));
        });
    }

    CompatibilityLevel globalLevel() {
        return locked(store::globalLevel);
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return locked(() -> store.subjectLevel(subject));
    }

    /** Sets the level of a subject, or the global one when {@code subject} is null. */
    void setLevel(String subject, CompatibilityLevel level) {
        locked(() -> {
            write(new RegistryEvent.ConfigChanged(subject, level));
            LOG.info("Compatibility of {} set to {}", subject == null ? "(global)" : subject, level);
            return null;
        });
    }

    /** Removes a subject's level (or resets the global one to BACKWARD); returns the old level. */
    CompatibilityLevel deleteLevel(String subject) {
        return locked(() -> {
            CompatibilityLevel previous = subject == null
                    ? store.globalLevel()
                    : store.subjectLevel(subject)
                            .orElseThrow(() -> RegistryException.subjectLevelNotConfigured(subject));
            write(new RegistryEvent.ConfigChanged(subject, null));
            return previous;
        });
    }

    private SubjectVersion find(String subject, int version, boolean includeDeleted) {
        List<SubjectVersion> versions = store.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (version == LATEST) {
            List<SubjectVersion> live = store.versions(subject, false);
            return live.isEmpty() ? versions.get(versions.size() - 1) : live.get(live.size() - 1);
        }
        return versions.stream()
                .filter(v -> v.version() == version)
                .findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(version));
    }

    private void write(RegistryEvent event) {
        log.append(event);
        store.apply(event);
    }

    private List<Schema> schemas(List<SubjectVersion> versions) {
        return versions.stream().map(this::schemaOf).toList();
    }

    // Stored schemas were valid when registered; parsing each once keeps checks cheap.
    private Schema schemaOf(SubjectVersion version) {
        return parsed.computeIfAbsent(version.schema(), text -> new Schema.Parser().parse(text));
    }

    private static Schema parse(SchemaRequest request) {
        String type = request.schemaType();
        if (type != null && !"AVRO".equalsIgnoreCase(type)) {
            throw RegistryException.invalidSchema("schema type " + type + " is not supported, only AVRO");
        }
        if (request.hasReferences()) {
            throw RegistryException.invalidSchema("schema references are not supported by this registry");
        }
        if (request.schema() == null || request.schema().isBlank()) {
            throw RegistryException.invalidSchema("empty schema");
        }
        try {
            return new Schema.Parser().parse(request.schema());
        } catch (RuntimeException e) {
            // Avro reports bad schemas with several exception types, all of them the caller's fault.
            throw RegistryException.invalidSchema(e.getMessage());
        }
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
