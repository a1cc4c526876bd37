package dev.tocsin.embedded.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Turns {@link RegistryEvent}s into the JSON key/value records of Confluent's own {@code _schemas}
 * topic and back. Keeping Confluent's layout means the topic can be inspected with the same
 * habits and tools, and a key per subject version / config keeps compaction correct.
 *
 * <pre>
 * SCHEMA         {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}
 *                {"subject":"s","version":1,"id":1,"schema":"...","deleted":false} (null = removed)
 * DELETE_SUBJECT {"keytype":"DELETE_SUBJECT","subject":"s","magic":0}  {"subject":"s","version":3}
 * CONFIG         {"keytype":"CONFIG","subject":null,"magic":0}  {"compatibilityLevel":"FULL"} (null = unset)
 * </pre>
 */
final class RegistryLogCodec {

    /** A record of the schemas topic; {@code value} is null for a tombstone. */
    record KeyValue(String key, String value) {}

    private final ObjectMapper json = new ObjectMapper();

    KeyValue encode(RegistryEvent event) {
        if (event instanceof SubjectVersion v) {
            ObjectNode value = json.createObjectNode()
                    .put("subject", v.subject())
                    .put("version", v.version())
                    .put("id", v.id())
                    .put("schema", v.schema())
                    .put("deleted", v.deleted());
            return new KeyValue(schemaKey(v.subject(), v.version()), write(value));
        }
        if (event instanceof RegistryEvent.VersionRemoved r) {
            return new KeyValue(schemaKey(r.subject(), r.version()), null);
        }
        if (event instanceof RegistryEvent.SubjectDeleted d) {
            ObjectNode key = json.createObjectNode()
                    .put("keytype", "DELETE_SUBJECT")
                    .put("subject", d.subject())
                    .put("magic", 0);
            ObjectNode value =
                    json.createObjectNode().put("subject", d.subject()).put("version", d.upToVersion());
            return new KeyValue(write(key), write(value));
        }
        RegistryEvent.ConfigChanged c = (RegistryEvent.ConfigChanged) event;
        ObjectNode key = json.createObjectNode()
                .put("keytype", "CONFIG")
                .put("subject", c.subject())
                .put("magic", 0);
        String value = c.level() == null
                ? null
                : write(json.createObjectNode()
                        .put("compatibilityLevel", c.level().name()));
        return new KeyValue(write(key), value);
    }

    /**
     * Reads one record of the topic.
     *
     * @return the event, or empty for record kinds this registry does not use (Confluent also
     *     writes NOOP, MODE, CONTEXT... records, and non-Avro schemas)
     * @throws IllegalArgumentException when the record is not valid registry JSON
     */
    Optional<RegistryEvent> decode(String key, String value) {
        JsonNode k = read(key);
        String subject = k.path("subject").isTextual() ? k.get("subject").asText() : null;
        switch (k.path("keytype").asText()) {
            case "SCHEMA": {
                int version = k.path("version").asInt();
                if (subject == null || version < 1) {
                    throw new IllegalArgumentException("SCHEMA key without subject/version: " + key);
                }
                if (value == null) {
                    return Optional.of(new RegistryEvent.VersionRemoved(subject, version));
                }
                JsonNode v = read(value);
                String type = v.path("schemaType").asText("AVRO");
                if (!"AVRO".equalsIgnoreCase(type)) {
                    return Optional.empty();
                }
                return Optional.of(new SubjectVersion(
                        subject,
                        version,
                        v.path("id").asInt(),
                        v.path("schema").asText(),
                        v.path("deleted").asBoolean(false)));
            }
            case "DELETE_SUBJECT":
                if (subject == null || value == null) {
                    return Optional.empty();
                }
                return Optional.of(new RegistryEvent.SubjectDeleted(
                        subject, read(value).path("version").asInt()));
            case "CONFIG": {
                if (value == null) {
                    return Optional.of(new RegistryEvent.ConfigChanged(subject, null));
                }
                String level = read(value).path("compatibilityLevel").asText(null);
                return CompatibilityLevel.parse(level)
                        .map(l -> (RegistryEvent) new RegistryEvent.ConfigChanged(subject, l));
            }
            default:
                return Optional.empty();
        }
    }

    private String schemaKey(String subject, int version) {
        return write(json.createObjectNode()
                .put("keytype", "SCHEMA")
                .put("subject", subject)
                .put("version", version)
                .put("magic", 1));
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private JsonNode read(String text) {
        if (text == null) {
            throw new IllegalArgumentException("record without key");
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object: " + text);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }
}
