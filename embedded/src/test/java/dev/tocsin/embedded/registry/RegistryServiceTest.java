package dev.tocsin.embedded.registry;

import static dev.tocsin.embedded.registry.TestSchemas.USER_V1;
import static dev.tocsin.embedded.registry.TestSchemas.USER_V1_PRETTY;
import static dev.tocsin.embedded.registry.TestSchemas.USER_V2_AGE_WITH_DEFAULT;
import static dev.tocsin.embedded.registry.TestSchemas.USER_V2_EMAIL_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The registry's rules, with the log in memory: no Kafka, no HTTP. */
class RegistryServiceTest {

    private final InMemoryRegistryLog log = new InMemoryRegistryLog();
    private final RegistryService service = new RegistryService(log);

    private static SchemaRequest avro(String schema) {
        return new SchemaRequest(schema, null, false);
    }

    @Test
    void sameSchemaInAnotherLayoutIsTheSameSchema() {
        int id = service.register("s", avro(USER_V1));

        assertThat(service.register("s", avro(USER_V1_PRETTY))).isEqualTo(id);
        assertThat(service.versions("s", false)).containsExactly(1);
        assertThat(log.events).hasSize(1);
    }

    @Test
    void sameSchemaUnderAnotherSubjectReusesTheId() {
        int id = service.register("a", avro(USER_V1));
        service.register("b", avro(USER_V2_AGE_WITH_DEFAULT));

        assertThat(service.register("c", avro(USER_V1))).isEqualTo(id);
        assertThat(service.version("c", RegistryService.LATEST, false).version())
                .isEqualTo(1);
    }

    @Test
    void incompatibleChangeWritesNothing() {
        service.register("s", avro(USER_V1));

        assertThatThrownBy(() -> service.register("s", avro(USER_V2_EMAIL_REQUIRED)))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage())
                            .startsWith(
                                    "Schema being registered is incompatible with an earlier schema for subject \"s\", details: [");
                });
        assertThat(log.events).hasSize(1);
    }

    @Test
    void failedWriteChangesNothing() {
        service.register("s", avro(USER_V1));
        log.failWrites = true;

        assertThatThrownBy(() -> service.register("s", avro(USER_V2_AGE_WITH_DEFAULT)))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(50001));
        assertThat(service.versions("s", false)).containsExactly(1);

        log.failWrites = false;
        assertThat(service.register("s", avro(USER_V2_AGE_WITH_DEFAULT)))
                .as("the failed attempt used up no id")
                .isEqualTo(2);
    }

    @Test
    void replayRebuildsTheSameState() {
        service.register("s", avro(USER_V1));
        service.register("s", avro(USER_V2_AGE_WITH_DEFAULT));
        service.register("t", avro(USER_V1));
        service.setLevel("t", CompatibilityLevel.NONE);
        service.deleteSubject("s", false);

        RegistryService restarted = new RegistryService(log);

        assertThat(restarted.subjects(false, null)).containsExactly("t");
        assertThat(restarted.versions("s", true)).containsExactly(1, 2);
        assertThat(restarted.schemaById(2)).isEqualTo(service.schemaById(2));
        assertThat(restarted.subjectLevel("t")).contains(CompatibilityLevel.NONE);
        assertThat(restarted.register("u", avro(USER_V2_EMAIL_REQUIRED))).isEqualTo(3);
    }

    @Test
    void reRegisteringAfterSoftDeleteAddsAVersionWithTheOldId() {
        int id = service.register("s", avro(USER_V1));
        service.deleteSubject("s", false);

        assertThat(service.register("s", avro(USER_V1))).isEqualTo(id);
        assertThat(service.versions("s", false)).containsExactly(2);
    }

    @Test
    void permanentDeleteNeedsASoftDeleteFirst() {
        service.register("s", avro(USER_V1));

        assertThatThrownBy(() -> service.deleteSubject("s", true))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40405));

        service.deleteSubject("s", false);
        assertThat(service.deleteSubject("s", true)).containsExactly(1);
        assertThatThrownBy(() -> service.schemaById(1))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThat(service.subjects(true, null)).isEmpty();
    }

    @Test
    void versionDeleteHidesOnlyThatVersion() {
        service.register("s", avro(USER_V1));
        service.register("s", avro(USER_V2_AGE_WITH_DEFAULT));

        assertThat(service.deleteVersion("s", 1, false)).isEqualTo(1);

        assertThat(service.versions("s", false)).containsExactly(2);
        assertThatThrownBy(() -> service.deleteVersion("s", 1, false))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40406));
        assertThat(service.version("s", 1, true).deleted()).isTrue();
    }

    @Test
    void compatibilityCheckAgainstNoVersionsIsCompatible() {
        assertThat(service.checkCompatibility("nothing-yet", null, avro(USER_V1)))
                .isEmpty();
        assertThatThrownBy(() -> service.checkCompatibility("nothing-yet", RegistryService.LATEST, avro(USER_V1)))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    }

    @Test
    void nonAvroAndReferencesAreInvalidSchemas() {
        assertThatThrownBy(() -> service.register("s", new SchemaRequest("syntax = \"proto3\";", "PROTOBUF", false)))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
        assertThatThrownBy(() -> service.register("s", new SchemaRequest(USER_V1, "AVRO", true)))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
        assertThatThrownBy(() -> service.register("s", avro("{\"type\":\"record\"")))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
        assertThat(log.events).isEmpty();
    }
}
