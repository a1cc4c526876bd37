package dev.tocsin.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.embedded.registry.EmbeddedSchemaRegistry;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.registry.SchemaRegistryException;
import dev.tocsin.schemas.serde.AvroSerdes;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema evolution as Confluent's registry judges it: each change to a real contract is checked
 * and then registered under a compatibility level, on Confluent's registry and on our embedded one
 * (kept in the same container broker). Confluent's verdict is the expected one, our client sees a
 * refusal as a final 409, and the embedded registry, which the local stack and every other test
 * use, answers exactly as Confluent does.
 */
@RequiresImages({ImageNames.KAFKA, ImageNames.SCHEMA_REGISTRY})
class CompatibilityVerdictsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema ALERT = AvroSerdes.schemaOf(MonitoringAlert.class);

    private static ConfluentStack stack;
    private static EmbeddedSchemaRegistry embedded;

    @BeforeAll
    static void startBothRegistries() {
        stack = ConfluentStack.shared();
        embedded = EmbeddedSchemaRegistry.builder()
                .bootstrapServers(stack.bootstrapServers())
                .port(0)
                .topic("_tocsin_schemas_" + UUID.randomUUID().toString().substring(0, 8))
                .build()
                .start();
    }

    @AfterAll
    static void stopEmbedded() {
        if (embedded != null) {
            embedded.close();
        }
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of(
                        "BACKWARD",
                        "adds an optional field with a default",
                        addField("{\"name\":\"runbook\"," + "\"type\":[\"null\",\"string\"],\"default\":null}"),
                        true),
                Arguments.of(
                        "BACKWARD",
                        "adds a required field without a default",
                        addField("{\"name\":\"owner\",\"type\":\"string\"}"),
                        false),
                Arguments.of("BACKWARD", "drops a required field", dropField("summary"), true),
                Arguments.of("FORWARD", "drops a required field", dropField("summary"), false),
                Arguments.of(
                        "FULL",
                        "adds an optional field with a default",
                        addField("{\"name\":\"runbook\"," + "\"type\":[\"null\",\"string\"],\"default\":null}"),
                        true),
                Arguments.of(
                        "BACKWARD", "turns a string field into an int", retypeField("sourceName", "\"int\""), false),
                Arguments.of("NONE", "turns a string field into an int", retypeField("sourceName", "\"int\""), true));
    }

    @ParameterizedTest(name = "{0}: a change that {1}")
    @MethodSource("changes")
    void confluentsVerdictOnAContractChangeIsTheExpectedOneAndTheEmbeddedRegistryGivesTheSame(
            String level, String change, UnaryOperator<ObjectNode> edit, boolean compatible) throws Exception {
        Schema changed = edited(edit);
        Outcome confluent = evolve(stack.registryUrl(), level, changed);
        Outcome ours = evolve(embedded.url(), level, changed);

        assertThat(confluent.checkedCompatible())
                .as("Confluent's compatibility check")
                .isEqualTo(compatible);
        assertThat(confluent.registerStatus())
                .as("Confluent's answer to registering it")
                .isEqualTo(compatible ? 200 : 409);
        if (!compatible) {
            assertThat(confluent.refusalWasTransient())
                    .as("a refused schema is final, never retried")
                    .isFalse();
        }
        assertThat(ours).as("the embedded registry's answers").isEqualTo(confluent);
    }

    /** What one registry answered: the check, then registering (status, error code, whether our client calls it transient). */
    private record Outcome(boolean checkedCompatible, int registerStatus, int errorCode, boolean refusalWasTransient) {}

    private static Outcome evolve(String url, String level, Schema changed) throws Exception {
        String subject = "compat-" + UUID.randomUUID() + "-value";
        RegistryRest rest = new RegistryRest(url);
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryConfig.of(url));
        client.register(subject, ALERT);
        rest.setCompatibility(subject, level);
        boolean checked = rest.isCompatibleWithLatest(subject, changed);
        try {
            client.register(subject, changed);
            return new Outcome(checked, 200, 0, false);
        } catch (SchemaRegistryException refused) {
            return new Outcome(checked, refused.httpStatus(), refused.errorCode(), refused.isTransient());
        }
    }

    private static Schema edited(UnaryOperator<ObjectNode> edit) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(ALERT.toString());
        return new Schema.Parser().parse(edit.apply(json).toString());
    }

    private static UnaryOperator<ObjectNode> addField(String field) {
        return schema -> {
            try {
                ((ArrayNode) schema.get("fields")).add(JSON.readTree(field));
            } catch (Exception e) {
                throw new IllegalArgumentException(field, e);
            }
            return schema;
        };
    }

    private static UnaryOperator<ObjectNode> dropField(String name) {
        return schema -> {
            ArrayNode fields = (ArrayNode) schema.get("fields");
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).path("name").asText().equals(name)) {
                    fields.remove(i);
                    return schema;
                }
            }
            throw new IllegalArgumentException("no field " + name);
        };
    }

    private static UnaryOperator<ObjectNode> retypeField(String name, String type) {
        return schema -> {
            for (var field : schema.get("fields")) {
                if (field.path("name").asText().equals(name)) {
                    try {
                        ((ObjectNode) field).set("type", JSON.readTree(type));
                    } catch (Exception e) {
                        throw new IllegalArgumentException(type, e);
                    }
                    return schema;
                }
            }
            throw new IllegalArgumentException("no field " + name);
        };
    }
}
