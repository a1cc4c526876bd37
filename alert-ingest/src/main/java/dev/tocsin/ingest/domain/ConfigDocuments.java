package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Reads ingest's configuration documents (product catalog, routing rules): a file as JSON when its
 * name ends in {@code .json}, as YAML otherwise, or a bundled YAML resource; every failure becomes
 * the caller's exception with a message that starts with what the document is and where it lives.
 */
final class ConfigDocuments {

    private ConfigDocuments() {}

    /** @param what e.g. "routing rules"; {@code failure} makes the caller's exception from message and cause */
    static JsonNode file(Path file, String what, BiFunction<String, Throwable, RuntimeException> failure) {
        String name = String.valueOf(file);
        boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = json ? new ObjectMapper() : new YAMLMapper();
        try (InputStream in = Files.newInputStream(file)) {
            return mapper.readTree(in);
        } catch (JacksonException e) {
            throw failure.apply(
                    what + " " + name + ": not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw failure.apply(what + " " + name + ": cannot be read: " + e, e);
        }
    }

    /** A bundled YAML resource of this package's class loader. */
    static JsonNode resource(String resource, String what, BiFunction<String, Throwable, RuntimeException> failure) {
        try (InputStream in = ConfigDocuments.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw failure.apply(what + " resource " + resource + " is missing", null);
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw failure.apply(what + " resource " + resource + ": " + e, e);
        }
    }
}
