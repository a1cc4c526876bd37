package dev.tocsin.runtime.http;

import io.javalin.http.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Interactive queries across instances of one Kafka Streams application: which instance owns a
 * key, the other instances, and forwarding an HTTP request to one of them. Requests between
 * instances carry {@code local=true} so they are answered from local state only (no loops), and
 * the shared {@link InstanceToken}, without which the flag is not honoured (the server refuses it).
 * An instance without {@code application.server} runs alone and answers everything itself.
 */
public final class InstanceRouter {

    /** Request headers a forwarded request keeps: language and conditional requests. */
    private static final List<String> FORWARDED_REQUEST_HEADERS =
            List.of("Accept", "Accept-Language", "If-None-Match", "If-Modified-Since");
    /** Response headers the owner's answer keeps. */
    private static final List<String> FORWARDED_RESPONSE_HEADERS = List.of(
            "Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Language", "Retry-After");

    private final KafkaStreams streams;
    private final HostInfo self;
    private final Supplier<ProblemException> unavailable;
    private final InstanceToken instances;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param self        this instance's {@code application.server}, or null when it runs alone
     * @param unavailable the 503 to answer while the owner is unknown or unreachable
     * @param instances   the secret every request to another instance carries
     */
    public InstanceRouter(
            KafkaStreams streams, HostInfo self, Supplier<ProblemException> unavailable, InstanceToken instances) {
        this.streams = streams;
        this.self = self;
        this.unavailable = unavailable;
        this.instances = instances;
    }

    /**
     * Reads {@code endpoint} (host:port) as this instance's address and advertises it to the other
     * instances through the Streams properties; null when unset (the instance runs alone).
     */
    public static HostInfo advertise(Properties streamsProperties, Optional<String> endpoint) {
        HostInfo self = endpoint.map(HostInfo::buildFromEndpoint).orElse(null);
        if (self != null) {
            streamsProperties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        }
        return self;
    }

    /**
     * When another instance owns {@code key} of {@code store}, answers {@code ctx} with that
     * instance's response to the same request and returns true; false when this instance answers.
     */
    public boolean answeredByOwner(Context ctx, String store, String key) {
        return answeredByOwner(ctx, store, () -> key);
    }

    /** As above; the key is only worked out when the request may have to travel (it may throw, e.g. a 404). */
    public boolean answeredByOwner(Context ctx, String store, Supplier<String> key) {
        if (self == null || isLocal(ctx)) {
            return false;
        }
        KeyQueryMetadata owner =
                streams.queryMetadataForKey(store, key.get(), Serdes.String().serializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw unavailable.get();
        }
        if (owner.activeHost().equals(self)) {
            return false;
        }
        HttpRequest.Builder request = request(owner.activeHost(), ctx.path() + "?" + withLocal(ctx.queryString()));
        for (String header : FORWARDED_REQUEST_HEADERS) {
            String value = ctx.header(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<byte[]> answer = send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer == null) {
            throw unavailable.get();
        }
        for (String header : FORWARDED_RESPONSE_HEADERS) {
            answer.headers().firstValue(header).ifPresent(value -> ctx.header(header, value));
        }
        ctx.status(answer.statusCode()).result(answer.body());
        return true;
    }

    /** Every other instance of the application (none when this one runs alone). */
    public List<HostInfo> otherInstances() {
        if (self == null) {
            return List.of();
        }
        return streams.metadataForAllStreamsClients().stream()
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !host.equals(self))
                .distinct()
                .toList();
    }

    /** A GET to another instance, or null when it cannot be reached. */
    public HttpResponse<String> get(HostInfo host, String pathAndQuery) {
        return send(request(host, pathAndQuery).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether the request came from another instance (it carries the token) and must be answered from local state. */
    public boolean isLocal(Context ctx) {
        return "true".equals(ctx.queryParam("local")) && instances.presentedBy(ctx);
    }

    /** The query string with {@code local=true} added. */
    public static String withLocal(String query) {
        return (query == null || query.isBlank() ? "" : query + "&") + "local=true";
    }

    private HttpRequest.Builder request(HostInfo host, String pathAndQuery) {
        return instances.sign(
                HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                        .timeout(Duration.ofSeconds(5))
                        .GET());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
