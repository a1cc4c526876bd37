package dev.tocsin.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.avro.Schema;

/**
 * The parts of the Confluent REST API our client does not use (compatibility level, compatibility
 * check), called the same way on Confluent's registry and on ours to compare their answers.
 */
final class RegistryRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final String url;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RegistryRest(String url) {
        this.url = url;
    }

    /** PUT /config/{subject}. */
    void setCompatibility(String subject, String level) throws Exception {
        Answer answer = send("PUT", "/config/" + encode(subject), "{\"compatibility\":\"" + level + "\"}");
        if (answer.status() != 200) {
            throw new AssertionError(url + " refused compatibility " + level + " for " + subject + ": " + answer);
        }
    }

    /** POST /compatibility/subjects/{subject}/versions/latest: the registry's is_compatible. */
    boolean isCompatibleWithLatest(String subject, Schema candidate) throws Exception {
        Answer answer = send(
                "POST",
                "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                JSON.createObjectNode().put("schema", candidate.toString()).toString());
        if (answer.status() != 200) {
            throw new AssertionError(url + " answered the compatibility check of " + subject + " with " + answer);
        }
        return answer.body().path("is_compatible").asBoolean();
    }

    private Answer send(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", CONTENT_TYPE)
                        .header("Accept", CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    record Answer(int status, JsonNode body) {}
}
