package dev.tocsin.embedded.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * The schema evolution rules of the Confluent Schema Registry, decided by Avro's own
 * {@link SchemaCompatibility#checkReaderWriterCompatibility(Schema, Schema)}.
 *
 * <p>BACKWARD: the new schema, as reader, can read data written with the previous one.
 * FORWARD: the previous schema, as reader, can read data written with the new one. FULL: both.
 * The {@code _TRANSITIVE} levels check against every existing version, the others only against
 * the latest. Pure: no Kafka, no HTTP.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /**
     * Checks a candidate schema against the existing versions of a subject.
     *
     * @param candidate the schema about to be registered
     * @param existing the subject's live versions, oldest first (may be empty)
     * @return the reasons the candidate is incompatible, in the Confluent message style; empty
     *     when it is compatible
     */
    public List<String> check(Schema candidate, List<Schema> existing) {
        if (existing.isEmpty() || this == NONE) {
            return List.of();
        }
        // Confluent checks the newest first and reports the first version that breaks.
        List<Schema> against =
                new ArrayList<>(transitive ? existing : existing.subList(existing.size() - 1, existing.size()));
        Collections.reverse(against);
        for (Schema previous : against) {
            List<String> messages = new ArrayList<>();
            if (backward) {
                messages.addAll(describe(candidate, previous, "new", "old"));
            }
            if (forward) {
                messages.addAll(describe(previous, candidate, "old", "new"));
            }
            if (!messages.isEmpty()) {
                messages.add("{oldSchema: '" + previous + "'}");
                messages.add("{compatibility: '" + name() + "'}");
                return messages;
            }
        }
        return List.of();
    }

    /** True when {@link #check} finds nothing. */
    public boolean isCompatible(Schema candidate, List<Schema> existing) {
        return check(candidate, existing).isEmpty();
    }

    /** Parses a level name as clients send it (case-insensitive); empty when unknown. */
    public static Optional<CompatibilityLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<String> describe(Schema reader, Schema writer, String readerName, String writerName) {
        SchemaCompatibility.SchemaCompatibilityResult result = SchemaCompatibility.checkReaderWriterCompatibility(
                        reader, writer)
                .getResult();
        List<String> messages = new ArrayList<>();
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            messages.add("{errorType:'" + incompatibility.getType() + "', description:'"
                    + description(incompatibility, readerName, writerName) + "', additionalInfo:'"
                    + incompatibility.getMessage() + "'}");
        }
        return messages;
    }

    // Same wording as Confluent's registry, so people searching for the message find answers.
    private static String description(Incompatibility incompatibility, String reader, String writer) {
        String path = incompatibility.getLocation();
        String info = incompatibility.getMessage();
        switch (incompatibility.getType()) {
            case NAME_MISMATCH:
                return "The name of the schema has changed (path '" + path + "')";
            case FIXED_SIZE_MISMATCH:
                return "The size of FIXED type field at path '" + path + "' in the " + reader
                        + " schema does not match with the " + writer + " schema";
            case MISSING_ENUM_SYMBOLS:
                return "The " + reader + " schema is missing enum symbols '" + info + "' at path '" + path + "' in the "
                        + writer + " schema";
            case READER_FIELD_MISSING_DEFAULT_VALUE:
                return "The field '" + info + "' at path '" + path + "' in the " + reader
                        + " schema has no default value and is missing in the " + writer + " schema";
            case TYPE_MISMATCH:
                return "The type (path '" + path + "') of a field in the " + reader + " schema does not match with the "
                        + writer + " schema";
            case MISSING_UNION_BRANCH:
                return "The " + reader + " schema is missing a type inside a union field at path '" + path + "' in the "
                        + writer + " schema";
            default:
                return "The " + reader + " schema cannot read data written with the " + writer + " schema (path '"
                        + path + "')";
        }
    }
}
