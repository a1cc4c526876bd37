package dev.tocsin.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SchemaRegistry} does, whichever is behind it: run against the HTTP client talking to the embedded
 * registry and against the in-memory one, so a topology test on {@code mock://} sees the registry production sees.
 * Both are obtained through {@link SchemaRegistry#connect(SchemaRegistryConfig)}.
 */
abstract class SchemaRegistryContract {

    static final Schema V1 = SchemaBuilder.record("Probe")
            .namespace("dev.tocsin.test")
            .fields()
            .requiredString("id")
            .endRecord();
    static final Schema V2_OPTIONAL_FIELD = SchemaBuilder.record("Probe")
            .namespace("dev.tocsin.test")
            .fields()
            .requiredString("id")
            .name("note")
            .type()
            .nullable()
            .stringType()
            .stringDefault(null)
            .endRecord();
    static final Schema V2_NEW_REQUIRED_FIELD = SchemaBuilder.record("Probe")
            .namespace("dev.tocsin.test")
            .fields()
            .requiredString("id")
            .requiredLong("mustHave")
            .endRecord();
    private static final Schema OTHER = SchemaBuilder.record("Other")
            .namespace("dev.tocsin.test")
            .fields()
            .requiredInt("n")
            .endRecord();

    /** Settings reaching the registry under test; every call returns a config for the same registry. */
    abstract SchemaRegistryConfig config();

    private SchemaRegistry registry() {
        return SchemaRegistry.connect(config());
    }

    private SchemaRegistry lookupOnly() {
        return SchemaRegistry.connect(config().withAutoRegister(false));
    }

    static String subject() {
        return "client-test-" + UUID.randomUUID() + "-value";
    }

    @Test
    void registeringTheSameSchemaTwiceReturnsTheSameIdAndLookupFindsIt() {
        SchemaRegistry client = registry();
        String subject = subject();
        int id = client.register(subject, V1);

        SchemaRegistry fresh = registry();
        assertThat(fresh.register(subject, V1)).isEqualTo(id);
        assertThat(fresh.lookup(subject, V1)).isEqualTo(id);
        assertThat(fresh.schemaById(id)).isEqualTo(V1);
    }

    @Test
    void incompatibleChangeIsRejectedWith409NamingTheSubject() {
        SchemaRegistry client = registry();
        String subject = subject();
        client.register(subject, V1);

        assertThatThrownBy(() -> client.register(subject, V2_NEW_REQUIRED_FIELD))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).contains(subject).contains("HTTP 409");
                });
    }

    @Test
    void backwardCompatibleChangeGetsANewId() {
        SchemaRegistry client = registry();
        String subject = subject();
        int v1 = client.register(subject, V1);
        int v2 = client.register(subject, V2_OPTIONAL_FIELD);

        assertThat(v2).isNotEqualTo(v1);
        assertThat(client.versions(subject)).containsExactly(1, 2);
    }

    @Test
    void theSameSchemaKeepsOneIdAcrossSubjectsAndANewSubjectStartsAtVersionOne() {
        SchemaRegistry client = registry();
        String first = subject();
        String second = subject();
        client.register(first, V1);
        int id = client.register(first, V2_OPTIONAL_FIELD);

        assertThat(client.register(second, V2_OPTIONAL_FIELD)).isEqualTo(id);
        assertThat(client.versions(second)).containsExactly(1);
        assertThat(client.subjects()).contains(first, second);
    }

    @Test
    void reRegisteringAnOlderVersionReturnsItsIdWithoutANewVersion() {
        SchemaRegistry client = registry();
        String subject = subject();
        int v1 = client.register(subject, V1);
        client.register(subject, V2_OPTIONAL_FIELD);

        assertThat(registry().register(subject, V1)).isEqualTo(v1);
        assertThat(client.versions(subject)).containsExactly(1, 2);
    }

    @Test
    void lookupOfUnregisteredSubjectFailsWith40401AndSaysToRegisterFirst() {
        SchemaRegistry client = lookupOnly();
        String subject = subject();

        assertThatThrownBy(() -> client.idFor(subject, V1)).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.errorCode()).isEqualTo(40401);
            assertThat(e.getMessage()).contains(subject).contains("auto-registration is off");
        });
    }

    @Test
    void lookupOfASchemaTheSubjectDoesNotHoldFailsWith40403() {
        String subject = subject();
        registry().register(subject, V1);

        assertThatThrownBy(() -> lookupOnly().idFor(subject, OTHER))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.isTransient()).isFalse();
                });
    }

    @Test
    void withAutoRegistrationOnIdForRegisters() {
        String subject = subject();
        int id = registry().idFor(subject, V1);

        assertThat(lookupOnly().idFor(subject, V1)).isEqualTo(id);
    }

    @Test
    void withAutoRegistrationOffTheSchemasOfStreamsInternalTopicsAreStillRegistered() {
        SchemaRegistry client = lookupOnly();
        String app = "app-" + UUID.randomUUID();

        int changelog = client.idFor(app + "-correlator-incident-tracking-changelog-value", V1);
        int repartition = client.idFor(app + "-KSTREAM-REPARTITION-0000000003-repartition-key", V1);

        assertThat(client.lookup(app + "-correlator-incident-tracking-changelog-value", V1))
                .isEqualTo(changelog);
        assertThat(client.lookup(app + "-KSTREAM-REPARTITION-0000000003-repartition-key", V1))
                .isEqualTo(repartition);
        assertThatThrownBy(() -> client.idFor(app + "-changelog-notes-value", V1))
                .isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void unknownSchemaIdFailsNamingTheId() {
        assertThatThrownBy(() -> registry().schemaById(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("schema id 987654");
                });
    }

    @Test
    void versionsOfAnUnknownSubjectFailWith40401() {
        assertThatThrownBy(() -> registry().versions(subject()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40401);
                });
    }
}
