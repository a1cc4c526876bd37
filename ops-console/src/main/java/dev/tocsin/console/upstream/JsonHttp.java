package dev.tocsin.console.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.runtime.http.ServiceHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * JSON over HTTP to one Tocsin service with the console's own bearer token. The token stays on the
 * server: browsers talk to the console only.
 */
final class JsonHttp {

    private final String service;
    private final String baseUrl;
    private final String token;
    private final Duration timeout;
    private final HttpClient client;

    JsonHttp(String service, String baseUrl, String token, Duration timeout) {
        this.service = service;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    UpstreamAnswer send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        headers.forEach(request::header);
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(
                                method,
                                HttpRequest.BodyPublishers.ofString(ServiceHttpServer.JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new UpstreamAnswer(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            return UpstreamAnswer.unreachable(service, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UpstreamAnswer.unreachable(service, "interrupted");
        }
    }

    UpstreamAnswer get(String path) {
        return send("GET", path, null, Map.of());
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ServiceHttpServer.JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                    .objectNode()
                    .put("detail", text);
        }
    }

    static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
