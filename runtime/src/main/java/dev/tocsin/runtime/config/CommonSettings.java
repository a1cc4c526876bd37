package dev.tocsin.runtime.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Settings every service shares. Each service adds its own next to its code; all of them are
 * listed, with defaults, in {@code docs/CONFIGURATION.md}.
 */
public final class CommonSettings {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

    public static final Setting<String> ENVIRONMENT = Setting.string(
            "TOCSIN_ENV",
            "production",
            "local or production; production refuses insecure defaults such as missing credentials");
    public static final Setting<String> TOPIC_PREFIX =
            Setting.string("TOCSIN_TOPIC_PREFIX", "tocsin.", "prefix of every topic name");
    public static final Setting<String> APPLICATION_ID = Setting.string(
            "TOCSIN_APPLICATION_ID",
            null,
            "Kafka Streams application.id / consumer group; defaults to tocsin-<service>");
    public static final Setting<String> STATE_DIR = Setting.string(
            "TOCSIN_STATE_DIR",
            ".tocsin/state",
            "directory for Kafka Streams state stores (a persistent volume in production)");
    public static final Setting<String> HTTP_HOST =
            Setting.string("TOCSIN_HTTP_HOST", "0.0.0.0", "address the HTTP server binds to");
    public static final Setting<Integer> HTTP_PORT = Setting.integer(
            "TOCSIN_HTTP_PORT",
            8080,
            "HTTP port of the service's API or page (alert-ingest 8080, incident-correlator 8082, status-publisher 8083); "
                    + "/metrics, /health and /ready are on the management port");
    public static final Setting<String> INTERNAL_TOKEN = Setting.secret(
            "TOCSIN_INTERNAL_TOKEN",
            "secret the instances of a service share and send each other (header X-Tocsin-Instance-Token); internal "
                    + "flags such as local=true are refused (403) without it; required once an application server is set");
    public static final Setting<Duration> SHUTDOWN_TIMEOUT = Setting.duration(
                    "TOCSIN_SHUTDOWN_TIMEOUT",
                    "30s",
                    "how long a graceful shutdown may take before the process exits anyway")
            .formerly("TOCSIN_SHUTDOWN_TIMEOUT_MS", ChronoUnit.MILLIS);
    public static final Setting<String> SCHEMA_REGISTRY_URL = Setting.string(
            "TOCSIN_SCHEMA_REGISTRY_URL",
            "http://127.0.0.1:8081",
            "schema registry speaking the Confluent REST API v1");
    public static final Setting<String> SCHEMA_REGISTRY_USER =
            Setting.string("TOCSIN_SCHEMA_REGISTRY_USER", null, "basic-auth user for the schema registry");
    public static final Setting<String> SCHEMA_REGISTRY_PASSWORD =
            Setting.secret("TOCSIN_SCHEMA_REGISTRY_PASSWORD", "basic-auth password for the schema registry");
    public static final Setting<String> SCHEMA_REGISTRY_BEARER_TOKEN = Setting.secret(
            "TOCSIN_SCHEMA_REGISTRY_BEARER_TOKEN",
            "bearer token for the schema registry (basic auth wins if both are set)");
    public static final Setting<String> SCHEMA_REGISTRY_TRUSTSTORE = Setting.string(
            "TOCSIN_SCHEMA_REGISTRY_TRUSTSTORE", null, "trust store file for TLS to the schema registry");
    public static final Setting<String> SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD =
            Setting.secret("TOCSIN_SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD", "password of that trust store");
    public static final Setting<String> SCHEMA_REGISTRY_TRUSTSTORE_TYPE = Setting.string(
            "TOCSIN_SCHEMA_REGISTRY_TRUSTSTORE_TYPE", "PKCS12", "type of that trust store (PKCS12 or JKS)");
    public static final Setting<Boolean> SCHEMA_REGISTRY_AUTO_REGISTER = Setting.bool(
            "TOCSIN_SCHEMA_REGISTRY_AUTO_REGISTER",
            true,
            "register schemas on first use; false looks up the id of the current schema and fails if absent");
    public static final Setting<Duration> SCHEMA_REGISTRY_TIMEOUT = Setting.duration(
                    "TOCSIN_SCHEMA_REGISTRY_TIMEOUT", "10s", "request timeout for schema registry calls")
            .formerly("TOCSIN_SCHEMA_REGISTRY_TIMEOUT_MS", ChronoUnit.MILLIS);
    public static final Setting<Integer> SCHEMA_REGISTRY_RETRIES = Setting.integer(
            "TOCSIN_SCHEMA_REGISTRY_RETRIES", 3, "retries after a connection error or 5xx from the schema registry");

    public static final Setting<Integer> ROCKSDB_MEMORY_MB = Setting.integer(
            "TOCSIN_ROCKSDB_MEMORY_MB",
            64,
            "off-heap memory all RocksDB state stores of the process share (block cache and memtables)");

    /** Read by alert-ingest (which assigns it) and status-publisher (which never shows it): one name for both. */
    public static final Setting<String> UNCLASSIFIED_PRODUCT = Setting.string(
            "TOCSIN_UNCLASSIFIED_PRODUCT",
            "unclassified",
            "product of alerts and reports that no product label and no routing rule classifies; "
                    + "never shown publicly");

    /** Read by alert-ingest (raw records) and incident-correlator (every input): one tolerance for both. */
    public static final Setting<Duration> CLOCK_SKEW_TOLERANCE = Setting.duration(
                    "TOCSIN_CLOCK_SKEW_TOLERANCE",
                    "60s",
                    "how far ahead of the wall clock a record's timestamp is believed; later ones are clamped to "
                            + "wall clock plus this (counted), so a producer with a fast clock cannot pull deadlines forward")
            .formerly("TOCSIN_CLOCK_SKEW_TOLERANCE_MS", ChronoUnit.MILLIS);

    private CommonSettings() {}

    public static List<Setting<?>> all() {
        return List.of(
                ENVIRONMENT,
                TOPIC_PREFIX,
                APPLICATION_ID,
                STATE_DIR,
                HTTP_HOST,
                HTTP_PORT,
                INTERNAL_TOKEN,
                SHUTDOWN_TIMEOUT,
                SCHEMA_REGISTRY_URL,
                SCHEMA_REGISTRY_USER,
                SCHEMA_REGISTRY_PASSWORD,
                SCHEMA_REGISTRY_BEARER_TOKEN,
                SCHEMA_REGISTRY_TRUSTSTORE,
                SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD,
                SCHEMA_REGISTRY_TRUSTSTORE_TYPE,
                SCHEMA_REGISTRY_AUTO_REGISTER,
                SCHEMA_REGISTRY_TIMEOUT,
                SCHEMA_REGISTRY_RETRIES,
                ROCKSDB_MEMORY_MB,
                UNCLASSIFIED_PRODUCT,
                CLOCK_SKEW_TOLERANCE);
    }
}
