package dev.tocsin.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

    static Schema record(String fields) {
        return new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"t\",\"fields\":[" + fields + "]}");
    }

    static final Schema NAME = record("{\"name\":\"name\",\"type\":\"string\"}");
    static final Schema NAME_AGE_DEFAULT =
            record("{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\",\"default\":0}");
    static final Schema NAME_AGE_REQUIRED =
            record("{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\"}");
    // f int -> no f -> f string with default: each step is backward compatible with the one before,
    // but the last cannot read what the first wrote.
    static final Schema F_INT = record("{\"name\":\"f\",\"type\":\"int\"}");
    static final Schema EMPTY = record("");
    static final Schema F_STRING_DEFAULT = record("{\"name\":\"f\",\"type\":\"string\",\"default\":\"\"}");

    @Test
    void firstVersionIsAlwaysCompatible() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            assertThat(level.check(NAME, List.of())).as(level.name()).isEmpty();
        }
    }

    @Test
    void backwardAcceptsNewFieldWithDefault() {
        assertThat(CompatibilityLevel.BACKWARD.check(NAME_AGE_DEFAULT, List.of(NAME)))
                .isEmpty();
    }

    @Test
    void backwardRejectsNewFieldWithoutDefault() {
        List<String> messages = CompatibilityLevel.BACKWARD.check(NAME_AGE_REQUIRED, List.of(NAME));

        assertThat(messages).isNotEmpty();
        assertThat(messages.get(0))
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("'age'")
                .contains("in the new schema has no default value and is missing in the old schema");
        assertThat(messages).contains("{compatibility: 'BACKWARD'}", "{oldSchema: '" + NAME + "'}");
    }

    @Test
    void forwardAcceptsNewFieldWithoutDefault() {
        assertThat(CompatibilityLevel.FORWARD.check(NAME_AGE_REQUIRED, List.of(NAME)))
                .isEmpty();
    }

    @Test
    void forwardRejectsRemovingFieldWithoutDefault() {
        assertThat(CompatibilityLevel.FORWARD.check(NAME, List.of(NAME_AGE_REQUIRED)))
                .anyMatch(m -> m.contains("READER_FIELD_MISSING_DEFAULT_VALUE") && m.contains("in the old schema"));
        assertThat(CompatibilityLevel.BACKWARD.check(NAME, List.of(NAME_AGE_REQUIRED)))
                .isEmpty();
    }

    @Test
    void fullRequiresBothDirections() {
        assertThat(CompatibilityLevel.FULL.check(NAME_AGE_DEFAULT, List.of(NAME)))
                .isEmpty();
        assertThat(CompatibilityLevel.FULL.check(NAME_AGE_REQUIRED, List.of(NAME)))
                .isNotEmpty();
        assertThat(CompatibilityLevel.FULL.check(NAME, List.of(NAME_AGE_REQUIRED)))
                .isNotEmpty();
    }

    @Test
    void noneAcceptsAnything() {
        assertThat(CompatibilityLevel.NONE.check(F_STRING_DEFAULT, List.of(F_INT, NAME_AGE_REQUIRED)))
                .isEmpty();
    }

    @Test
    void nonTransitiveLevelsCheckOnlyTheLatestVersion() {
        assertThat(CompatibilityLevel.BACKWARD.check(F_STRING_DEFAULT, List.of(F_INT, EMPTY)))
                .isEmpty();
        assertThat(CompatibilityLevel.FULL.check(F_STRING_DEFAULT, List.of(F_INT, EMPTY)))
                .isEmpty();
    }

    @Test
    void transitiveLevelsCheckEveryVersion() {
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.check(F_STRING_DEFAULT, List.of(F_INT, EMPTY)))
                .anyMatch(m -> m.contains("TYPE_MISMATCH"))
                .contains("{oldSchema: '" + F_INT + "'}", "{compatibility: 'BACKWARD_TRANSITIVE'}");
        assertThat(CompatibilityLevel.FULL_TRANSITIVE.check(F_STRING_DEFAULT, List.of(F_INT, EMPTY)))
                .isNotEmpty();
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.check(F_STRING_DEFAULT, List.of(EMPTY)))
                .isEmpty();
    }

    @Test
    void forwardTransitiveChecksEveryVersion() {
        // Old readers of every version must read the new data: v1 requires "age", v2 dropped it.
        List<Schema> history = List.of(NAME_AGE_REQUIRED, NAME_AGE_DEFAULT);
        Schema withoutAge = NAME;

        assertThat(CompatibilityLevel.FORWARD.check(withoutAge, history)).isEmpty();
        assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.check(withoutAge, history))
                .isNotEmpty();
    }

    @Test
    void typePromotionIsBackwardCompatible() {
        Schema longF = record("{\"name\":\"f\",\"type\":\"long\"}");

        assertThat(CompatibilityLevel.BACKWARD.isCompatible(longF, List.of(F_INT)))
                .isTrue();
        assertThat(CompatibilityLevel.FORWARD.isCompatible(longF, List.of(F_INT)))
                .isFalse();
    }

    @Test
    void parseIsCaseInsensitiveAndRejectsUnknownNames() {
        assertThat(CompatibilityLevel.parse("full_transitive")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.parse(" BACKWARD ")).contains(CompatibilityLevel.BACKWARD);
        assertThat(CompatibilityLevel.parse("SIDEWAYS")).isEmpty();
        assertThat(CompatibilityLevel.parse(null)).isEmpty();
    }
}
