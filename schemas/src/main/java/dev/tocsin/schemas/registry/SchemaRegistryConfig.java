package dev.tocsin.schemas.registry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a schema registry speaking the Confluent REST API v1 (Confluent Schema Registry,
 * Karapace, Apicurio's ccompat API, or our embedded one).
 *
 * @param url              base URL, e.g. {@code http://127.0.0.1:8081}
 * @param basicAuthUser    user for HTTP basic auth; empty for none
 * @param basicAuthPassword password for HTTP basic auth
 * @param bearerToken      token for {@code Authorization: Bearer}; empty for none (basic auth wins)
 * @param trustStore       trust store for TLS to a registry with a private CA; empty for the JVM default
 * @param trustStorePassword password of the trust store
 * @param trustStoreType   type of the trust store, e.g. PKCS12 or JKS
 * @param connectTimeout   TCP connect timeout
 * @param requestTimeout   whole-request timeout
 * @param maxRetries       retries after a connection error or 5xx answer (0 = try once)
 * @param retryBackoff     first back-off; doubles on each retry
 * @param autoRegister     register schemas on first use (local); when false, look up the id of
 *                         the current schema and fail if it was not registered (production)
 */
public record SchemaRegistryConfig(
        URI url,
        Optional<String> basicAuthUser,
        Optional<String> basicAuthPassword,
        Optional<String> bearerToken,
        Optional<Path> trustStore,
        Optional<String> trustStorePassword,
        String trustStoreType,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        Duration retryBackoff,
        boolean autoRegister) {

    public SchemaRegistryConfig {
        Objects.requireNonNull(url, "url");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        if (basicAuthUser.isPresent() != basicAuthPassword.isPresent()) {
            throw new IllegalArgumentException("basic auth needs both a user and a password");
        }
    }

    /** Defaults for a registry at {@code url}: no auth, 5 s connect, 10 s request, 3 retries, auto-register on. */
    public static SchemaRegistryConfig of(String url) {
        return new SchemaRegistryConfig(
                URI.create(stripTrailingSlash(url)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "PKCS12",
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                3,
                Duration.ofMillis(200),
                true);
    }

    public SchemaRegistryConfig withBasicAuth(String user, String password) {
        return new SchemaRegistryConfig(
                url,
                Optional.of(user),
                Optional.of(password),
                bearerToken,
                trustStore,
                trustStorePassword,
                trustStoreType,
                connectTimeout,
                requestTimeout,
                maxRetries,
                retryBackoff,
                autoRegister);
    }

    public SchemaRegistryConfig withBearerToken(String token) {
        return new SchemaRegistryConfig(
                url,
                basicAuthUser,
                basicAuthPassword,
                Optional.of(token),
                trustStore,
                trustStorePassword,
                trustStoreType,
                connectTimeout,
                requestTimeout,
                maxRetries,
                retryBackoff,
                autoRegister);
    }

    public SchemaRegistryConfig withTrustStore(Path path, String password, String type) {
        return new SchemaRegistryConfig(
                url,
                basicAuthUser,
                basicAuthPassword,
                bearerToken,
                Optional.of(path),
                Optional.ofNullable(password),
                type,
                connectTimeout,
                requestTimeout,
                maxRetries,
                retryBackoff,
                autoRegister);
    }

    public SchemaRegistryConfig withTimeouts(Duration connect, Duration request) {
        return new SchemaRegistryConfig(
                url,
                basicAuthUser,
                basicAuthPassword,
                bearerToken,
                trustStore,
                trustStorePassword,
                trustStoreType,
                connect,
                request,
                maxRetries,
                retryBackoff,
                autoRegister);
    }

    public SchemaRegistryConfig withRetries(int retries, Duration backoff) {
        return new SchemaRegistryConfig(
                url,
                basicAuthUser,
                basicAuthPassword,
                bearerToken,
                trustStore,
                trustStorePassword,
                trustStoreType,
                connectTimeout,
                requestTimeout,
                retries,
                backoff,
                autoRegister);
    }

    public SchemaRegistryConfig withAutoRegister(boolean enabled) {
        return new SchemaRegistryConfig(
                url,
                basicAuthUser,
                basicAuthPassword,
                bearerToken,
                trustStore,
                trustStorePassword,
                trustStoreType,
                connectTimeout,
                requestTimeout,
                maxRetries,
                retryBackoff,
                enabled);
    }

    /** Never prints secrets: configuration is logged at start-up. */
    @Override
    public String toString() {
        return "SchemaRegistryConfig[url=" + url
                + ", auth="
                + (basicAuthUser.isPresent()
                        ? "basic(" + basicAuthUser.get() + ")"
                        : bearerToken.isPresent() ? "bearer" : "none")
                + ", trustStore=" + trustStore.map(Path::toString).orElse("default")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", maxRetries=" + maxRetries + ", autoRegister=" + autoRegister + "]";
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
