package dev.tocsin.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaStoreTest {

    private final SchemaStore store = new SchemaStore();

    private static SubjectVersion version(String subject, int version, int id) {
        return new SubjectVersion(subject, version, id, "\"schema-" + id + "\"", false);
    }

    @Test
    void emptyStoreStartsIdsAndVersionsAtOne() {
        assertThat(store.nextId()).isEqualTo(1);
        assertThat(store.nextVersion("s")).isEqualTo(1);
        assertThat(store.subjects(true)).isEmpty();
    }

    @Test
    void nextIdIsMaxPlusOne() {
        store.apply(version("a", 1, 7));
        store.apply(version("b", 1, 3));

        assertThat(store.nextId()).isEqualTo(8);
    }

    @Test
    void subjectDeleteHidesVersionsButKeepsIdsResolvable() {
        store.apply(version("s", 1, 1));
        store.apply(version("s", 2, 2));
        store.apply(new RegistryEvent.SubjectDeleted("s", 2));

        assertThat(store.subjects(false)).isEmpty();
        assertThat(store.subjects(true)).containsExactly("s");
        assertThat(store.versions("s", false)).isEmpty();
        assertThat(store.versions("s", true)).allMatch(SubjectVersion::deleted).hasSize(2);
        assertThat(store.schemaById(2)).contains("\"schema-2\"");
        assertThat(store.nextVersion("s")).isEqualTo(3);
    }

    @Test
    void deleteWatermarkSparesLaterVersions() {
        store.apply(version("s", 1, 1));
        store.apply(new RegistryEvent.SubjectDeleted("s", 1));
        store.apply(version("s", 2, 2));

        assertThat(store.versions("s", false))
                .extracting(SubjectVersion::version)
                .containsExactly(2);
    }

    @Test
    void permanentRemovalDropsAnIdOnlyWhenNoVersionUsesIt() {
        store.apply(version("a", 1, 1));
        store.apply(version("b", 1, 1));
        store.apply(version("b", 2, 2));

        store.apply(new RegistryEvent.VersionRemoved("a", 1));
        store.apply(new RegistryEvent.VersionRemoved("b", 2));

        assertThat(store.schemaById(1)).isPresent();
        assertThat(store.schemaById(2)).isEmpty();
        assertThat(store.idOf("\"schema-2\"")).isEmpty();
        assertThat(store.subjects(true)).containsExactly("b");
        assertThat(store.nextId()).as("a running registry never reuses an id").isEqualTo(3);
    }

    @Test
    void subjectsAreSorted() {
        store.apply(version("zeta", 1, 1));
        store.apply(version("alpha", 1, 2));
        store.apply(version("mid", 1, 3));

        assertThat(store.subjects(false)).containsExactly("alpha", "mid", "zeta");
    }

    @Test
    void subjectLevelOverridesGlobalWhichDefaultsToBackward() {
        assertThat(store.effectiveLevel("s")).isEqualTo(CompatibilityLevel.BACKWARD);

        store.apply(new RegistryEvent.ConfigChanged(null, CompatibilityLevel.FULL));
        store.apply(new RegistryEvent.ConfigChanged("s", CompatibilityLevel.NONE));

        assertThat(store.effectiveLevel("s")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(store.effectiveLevel("other")).isEqualTo(CompatibilityLevel.FULL);

        store.apply(new RegistryEvent.ConfigChanged("s", null));
        store.apply(new RegistryEvent.ConfigChanged(null, null));

        assertThat(store.subjectLevel("s")).isEmpty();
        assertThat(store.effectiveLevel("s")).isEqualTo(CompatibilityLevel.BACKWARD);
    }
}
