package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * How every payload is parsed, posted over HTTP or read from the raw topic alike: integers stay
 * exact (Alertmanager v3 group keys beyond 2^53), and anything after the JSON value is an error
 * rather than silently ignored.
 */
public final class PayloadParser {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PayloadParser() {}

    /** The JSON value read from {@code in} (which is closed); a missing node when it is empty. */
    public static JsonNode parse(InputStream in) throws IOException {
        return JSON.readTree(in);
    }

    /** The JSON value of {@code bytes}; a missing node when they are empty. */
    public static JsonNode parse(byte[] bytes) throws IOException {
        return JSON.readTree(bytes);
    }
}
