package dev.tocsin.embedded.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registry's state in memory: subjects and their versions, schema ids and compatibility
 * settings. It changes only through {@link #apply(RegistryEvent)}, the same way on replay and on
 * live writes. Not thread-safe: {@link RegistryService} guards it with its lock.
 */
final class SchemaStore {

    private final Map<String, NavigableMap<Integer, SubjectVersion>> subjects = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    // Kept even when the schemas of the highest ids are permanently deleted, so a running
    // registry never hands out an id twice.
    private int maxId;

    void apply(RegistryEvent event) {
        if (event instanceof SubjectVersion v) {
            subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>()).put(v.version(), v);
            schemasById.putIfAbsent(v.id(), v.schema());
            idsBySchema.putIfAbsent(v.schema(), v.id());
            maxId = Math.max(maxId, v.id());
        } else if (event instanceof RegistryEvent.VersionRemoved r) {
            remove(r.subject(), r.version());
        } else if (event instanceof RegistryEvent.SubjectDeleted d) {
            NavigableMap<Integer, SubjectVersion> versions = subjects.get(d.subject());
            if (versions != null) {
                versions.headMap(d.upToVersion(), true).replaceAll((version, v) -> v.markDeleted());
            }
        } else {
            RegistryEvent.ConfigChanged c = (RegistryEvent.ConfigChanged) event;
            if (c.subject() == null) {
                globalLevel = c.level() == null ? CompatibilityLevel.BACKWARD : c.level();
            } else if (c.level() == null) {
                subjectLevels.remove(c.subject());
            } else {
                subjectLevels.put(c.subject(), c.level());
            }
        }
    }

    private void remove(String subject, int version) {
        NavigableMap<Integer, SubjectVersion> versions = subjects.get(subject);
        SubjectVersion removed = versions == null ? null : versions.remove(version);
        if (removed == null) {
            return;
        }
        if (versions.isEmpty()) {
            subjects.remove(subject);
        }
        // A permanently deleted schema stops resolving once no version refers to it any more.
        boolean stillUsed =
                subjects.values().stream().flatMap(v -> v.values().stream()).anyMatch(v -> v.id() == removed.id());
        if (!stillUsed) {
            schemasById.remove(removed.id());
            idsBySchema.remove(removed.schema(), removed.id());
        }
    }

    /** The subject's versions, oldest first; soft-deleted ones only when asked. */
    List<SubjectVersion> versions(String subject, boolean includeDeleted) {
        NavigableMap<Integer, SubjectVersion> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        List<SubjectVersion> result = new ArrayList<>();
        for (SubjectVersion v : versions.values()) {
            if (includeDeleted || !v.deleted()) {
                result.add(v);
            }
        }
        return result;
    }

    Optional<SubjectVersion> version(String subject, int version) {
        NavigableMap<Integer, SubjectVersion> versions = subjects.get(subject);
        return Optional.ofNullable(versions == null ? null : versions.get(version));
    }

    /** Subject names, sorted; a subject whose versions are all soft-deleted only when asked. */
    List<String> subjects(boolean includeDeleted) {
        TreeSet<String> names = new TreeSet<>();
        subjects.forEach((name, versions) -> {
            if (includeDeleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
                names.add(name);
            }
        });
        return List.copyOf(names);
    }

    /** Every version, of any subject, registered with this id. */
    List<SubjectVersion> versionsWithId(int id, boolean includeDeleted) {
        List<SubjectVersion> result = new ArrayList<>();
        for (String subject : subjects(true)) {
            for (SubjectVersion v : versions(subject, includeDeleted)) {
                if (v.id() == id) {
                    result.add(v);
                }
            }
        }
        return result;
    }

    Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    Optional<Integer> idOf(String canonicalSchema) {
        return Optional.ofNullable(idsBySchema.get(canonicalSchema));
    }

    int nextId() {
        return maxId + 1;
    }

    /** Versions keep counting after soft deletes, as in Confluent's registry. */
    int nextVersion(String subject) {
        NavigableMap<Integer, SubjectVersion> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
    }

    CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }
}
