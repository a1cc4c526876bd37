package dev.tocsin.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SchemaRegistry} over HTTP: a client for the Confluent Schema Registry REST API v1, as much of it as a
 * serde needs. Results are cached both ways (ids and schemas never change once assigned), so a
 * running serde talks to the registry once per schema.
 *
 * <p>Connection errors and 5xx answers are retried a bounded number of times with exponential
 * back-off; 4xx answers are final and raise a {@link SchemaRegistryException} naming the
 * subject or id, the HTTP status and the registry's own error code and message.
 */
public final class SchemaRegistryClient implements SchemaRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryConfig config;
    private final HttpClient http;
    private final String authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    public SchemaRegistryClient(SchemaRegistryConfig config) {
        this.config = config;
        HttpClient.Builder builder =
                HttpClient.newBuilder().connectTimeout(config.connectTimeout()).version(HttpClient.Version.HTTP_1_1);
        config.trustStore().ifPresent(path -> builder.sslContext(sslContext(config)));
        this.http = builder.build();
        this.authorization = authorizationHeader(config);
    }

    @Override
    public SchemaRegistryConfig config() {
        return config;
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send(
                "POST",
                "/subjects/" + encode(subject) + "/versions",
                schemaBody(schema),
                "registering a schema under subject '" + subject + "'");
        int id = answer.path("id").asInt();
        remember(key, id);
        return id;
    }

    @Override
    public int lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send(
                "POST",
                "/subjects/" + encode(subject),
                schemaBody(schema),
                "looking up the schema of " + schema.getFullName() + " under subject '" + subject
                        + "' (auto-registration is off: register it first)");
        int id = answer.path("id").asInt();
        remember(key, id);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, "fetching schema id " + id);
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(
                    "Schema id " + id + " at " + config.url() + " is of type " + type + ", not AVRO", 200, 0, null);
        }
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = send("GET", "/subjects", null, "listing subjects");
        return JSON.convertValue(answer, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    @Override
    public List<Integer> versions(String subject) {
        JsonNode answer = send(
                "GET",
                "/subjects/" + encode(subject) + "/versions",
                null,
                "listing versions of subject '" + subject + "'");
        return JSON.convertValue(answer, JSON.getTypeFactory().constructCollectionType(List.class, Integer.class));
    }

    private void remember(SubjectSchema key, int id) {
        idsBySubjectSchema.putIfAbsent(key, id);
        schemasById.putIfAbsent(id, key.schema());
    }

    private String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private JsonNode send(String method, String path, String body, String what) {
        URI uri = URI.create(config.url() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        Duration backoff = config.retryBackoff();
        for (int attempt = 0; ; attempt++) {
            boolean lastAttempt = attempt >= config.maxRetries();
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return JSON.readTree(response.body());
                }
                // 429 and 408 say "later", like a 5xx
                if ((status / 100 != 5 && status != 429 && status != 408) || lastAttempt) {
                    throw failure(what, uri, status, response.body());
                }
                LOG.warn("Schema registry answered {} while {}; retrying in {} ms", status, what, backoff.toMillis());
            } catch (IOException e) {
                if (lastAttempt) {
                    throw new SchemaRegistryException(
                            "Schema registry at " + config.url() + " unreachable while " + what + " after "
                                    + (attempt + 1) + " attempts: " + e,
                            0,
                            0,
                            e);
                }
                LOG.warn(
                        "Schema registry at {} unreachable while {} ({}); retrying in {} ms",
                        config.url(),
                        what,
                        e.toString(),
                        backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted while " + what, 0, 0, e);
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2);
        }
    }

    private SchemaRegistryException failure(String what, URI uri, int status, String body) {
        int errorCode = 0;
        String message = body;
        try {
            JsonNode error = JSON.readTree(body);
            errorCode = error.path("error_code").asInt(0);
            message = error.path("message").asText(body);
        } catch (IOException notJson) {
            // keep the raw body: some proxies answer with HTML
        }
        String hint = switch (status) {
            case 401 -> " (credentials missing or rejected)";
            case 403 -> " (credentials lack permission)";
            default -> "";
        };
        return new SchemaRegistryException(
                "Schema registry " + uri.getScheme() + "://" + uri.getAuthority()
                        + " failed " + what + ": HTTP " + status + hint
                        + (errorCode != 0 ? ", error_code " + errorCode : "") + ": " + message,
                status,
                errorCode,
                null);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while waiting to retry", 0, 0, e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String authorizationHeader(SchemaRegistryConfig config) {
        if (config.basicAuthUser().isPresent()) {
            String pair = config.basicAuthUser().get() + ":"
                    + config.basicAuthPassword().orElse("");
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return config.bearerToken().map(token -> "Bearer " + token).orElse(null);
    }

    private static SSLContext sslContext(SchemaRegistryConfig config) {
        try (InputStream in = Files.newInputStream(config.trustStore().orElseThrow())) {
            KeyStore store = KeyStore.getInstance(config.trustStoreType());
            store.load(in, config.trustStorePassword().map(String::toCharArray).orElse(null));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot load schema registry trust store "
                            + config.trustStore().orElseThrow() + " (" + config.trustStoreType() + "): "
                            + e.getMessage(),
                    e);
        }
    }

    private record SubjectSchema(String subject, Schema schema) {}
}
