package dev.tocsin.embedded.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.embedded.kafka.SharedKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** A tiny REST client for the registry's tests, plus a way to start a registry on the shared broker. */
final class RegistryHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** An HTTP answer with its body parsed as JSON. */
    record Response(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String authorization;

    RegistryHttp(String baseUrl) {
        this(baseUrl, null);
    }

    private RegistryHttp(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    RegistryHttp withBasicAuth(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new RegistryHttp(baseUrl, "Basic " + token);
    }

    /** Starts a registry on the shared broker with a topic of its own, so tests do not meet. */
    static EmbeddedSchemaRegistry startRegistry() {
        return startRegistry(uniqueTopic());
    }

    static EmbeddedSchemaRegistry startRegistry(String topic) {
        return EmbeddedSchemaRegistry.builder()
                .bootstrapServers(SharedKafka.bootstrapServers())
                .port(0)
                .topic(topic)
                .build()
                .start();
    }

    static String uniqueTopic() {
        return "_schemas-test-" + UUID.randomUUID();
    }

    /** {@code {"schema": "<schema>"}}, as clients send it. */
    static String schemaBody(String schema) {
        return json(Map.of("schema", schema));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Response get(String path) {
        return send("GET", path, null, CONTENT_TYPE);
    }

    Response post(String path, String body) {
        return send("POST", path, body, CONTENT_TYPE);
    }

    Response put(String path, String body) {
        return send("PUT", path, body, CONTENT_TYPE);
    }

    Response delete(String path) {
        return send("DELETE", path, null, CONTENT_TYPE);
    }

    Response send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", CONTENT_TYPE)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
