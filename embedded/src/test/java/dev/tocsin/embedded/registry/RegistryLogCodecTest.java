package dev.tocsin.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryLogCodecTest {

    private final RegistryLogCodec codec = new RegistryLogCodec();

    @Test
    void schemaRecordsUseConfluentLayout() {
        RegistryLogCodec.KeyValue kv = codec.encode(new SubjectVersion("s", 1, 5, "\"string\"", false));

        assertThat(kv.key()).isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}");
        assertThat(kv.value())
                .isEqualTo(
                        "{\"subject\":\"s\",\"version\":1,\"id\":5,\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
    }

    @Test
    void configRecordsUseConfluentLayoutWithNullSubjectForGlobal() {
        RegistryLogCodec.KeyValue kv = codec.encode(new RegistryEvent.ConfigChanged(null, CompatibilityLevel.FULL));

        assertThat(kv.key()).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(kv.value()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }

    @Test
    void removalsAreTombstones() {
        assertThat(codec.encode(new RegistryEvent.VersionRemoved("s", 2)).value())
                .isNull();
        assertThat(codec.encode(new RegistryEvent.ConfigChanged("s", null)).value())
                .isNull();
    }

    @Test
    void everyEventSurvivesARoundTrip() {
        List<RegistryEvent> events = List.of(
                new SubjectVersion("s", 3, 9, "{\"type\":\"string\"}", true),
                new RegistryEvent.VersionRemoved("s", 2),
                new RegistryEvent.SubjectDeleted("s", 3),
                new RegistryEvent.ConfigChanged("s", CompatibilityLevel.FORWARD_TRANSITIVE),
                new RegistryEvent.ConfigChanged("s", null),
                new RegistryEvent.ConfigChanged(null, CompatibilityLevel.NONE));

        for (RegistryEvent event : events) {
            RegistryLogCodec.KeyValue kv = codec.encode(event);
            assertThat(codec.decode(kv.key(), kv.value())).contains(event);
        }
    }

    @Test
    void recordKindsWeDoNotUseAreIgnored() {
        assertThat(codec.decode("{\"keytype\":\"NOOP\",\"magic\":0}", null)).isEmpty();
        assertThat(codec.decode("{\"keytype\":\"MODE\",\"subject\":null,\"magic\":0}", "{\"mode\":\"READWRITE\"}"))
                .isEmpty();
    }

    @Test
    void confluentValuesWithExtraFieldsAreRead() {
        String value = "{\"subject\":\"s\",\"version\":1,\"id\":4,\"schemaType\":\"AVRO\",\"references\":[],"
                + "\"metadata\":null,\"ruleSet\":null,\"schema\":\"\\\"int\\\"\",\"deleted\":false}";

        assertThat(codec.decode("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}", value))
                .contains(new SubjectVersion("s", 1, 4, "\"int\"", false));
    }

    @Test
    void nonAvroSchemasAreIgnored() {
        String value = "{\"subject\":\"s\",\"version\":1,\"id\":4,\"schemaType\":\"PROTOBUF\",\"schema\":\"x\"}";

        assertThat(codec.decode("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}", value))
                .isEmpty();
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> codec.decode("not json", "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode("{\"keytype\":\"SCHEMA\"}", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
