package dev.tocsin.local;

import dev.tocsin.runtime.config.Setting;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Settings of {@code ./tocsin local}; listed with every other setting in docs/CONFIGURATION.md. */
final class LocalSettings {

    static final Setting<String> HOST = Setting.string(
            "TOCSIN_LOCAL_HOST", "127.0.0.1", "address the local stack's broker, registry and services listen on");
    static final Setting<Integer> KAFKA_PORT =
            Setting.integer("TOCSIN_LOCAL_KAFKA_PORT", 9092, "port of the embedded Kafka broker");
    static final Setting<Integer> REGISTRY_PORT =
            Setting.integer("TOCSIN_LOCAL_REGISTRY_PORT", 8081, "port of the embedded schema registry");
    static final Setting<String> DATA_DIR = Setting.string(
            "TOCSIN_LOCAL_DATA_DIR",
            ".tocsin",
            "where the local stack keeps broker data and state stores across restarts");
    static final Setting<Integer> PARTITIONS =
            Setting.integer("TOCSIN_LOCAL_PARTITIONS", 3, "partitions of each topic the local stack creates");

    static final Setting<Integer> INGEST_PORT =
            Setting.integer("TOCSIN_LOCAL_INGEST_PORT", 8080, "HTTP port of alert-ingest in the local stack");
    static final Setting<Integer> CORRELATOR_PORT = Setting.integer(
            "TOCSIN_LOCAL_CORRELATOR_PORT", 8082, "HTTP port of incident-correlator in the local stack");
    static final Setting<Integer> PUBLISHER_PORT = Setting.integer(
            "TOCSIN_LOCAL_PUBLISHER_PORT", 8083, "HTTP port of status-publisher (the status page) in the local stack");
    static final Setting<Integer> INGEST_MANAGEMENT_PORT = Setting.integer(
            "TOCSIN_LOCAL_INGEST_MANAGEMENT_PORT",
            9080,
            "management port (/metrics, /health, /ready) of alert-ingest in the local stack");
    static final Setting<Integer> CORRELATOR_MANAGEMENT_PORT = Setting.integer(
            "TOCSIN_LOCAL_CORRELATOR_MANAGEMENT_PORT",
            9082,
            "management port of incident-correlator in the local stack");
    static final Setting<Integer> PUBLISHER_MANAGEMENT_PORT = Setting.integer(
            "TOCSIN_LOCAL_PUBLISHER_MANAGEMENT_PORT", 9083, "management port of status-publisher in the local stack");
    static final Setting<Integer> CONSOLE_PORT = Setting.integer(
            "TOCSIN_LOCAL_CONSOLE_PORT", 8084, "HTTP port of ops-console (the operations console) in the local stack");
    static final Setting<Integer> CONSOLE_MANAGEMENT_PORT = Setting.integer(
            "TOCSIN_LOCAL_CONSOLE_MANAGEMENT_PORT", 9084, "management port of ops-console in the local stack");
    static final Setting<Boolean> DEMO = Setting.bool(
            "TOCSIN_LOCAL_DEMO",
            true,
            "post a realistic burst of alerts and tickets every cycle, and resolve the alerts half a cycle later");
    static final Setting<Duration> DEMO_CYCLE = Setting.duration(
                    "TOCSIN_LOCAL_DEMO_CYCLE", "2m", "time between demo bursts")
            .formerly("TOCSIN_LOCAL_DEMO_CYCLE_SECONDS", ChronoUnit.SECONDS);

    private LocalSettings() {}

    static List<Setting<?>> all() {
        return List.of(
                HOST,
                KAFKA_PORT,
                REGISTRY_PORT,
                DATA_DIR,
                PARTITIONS,
                INGEST_PORT,
                CORRELATOR_PORT,
                PUBLISHER_PORT,
                INGEST_MANAGEMENT_PORT,
                CORRELATOR_MANAGEMENT_PORT,
                PUBLISHER_MANAGEMENT_PORT,
                CONSOLE_PORT,
                CONSOLE_MANAGEMENT_PORT,
                DEMO,
                DEMO_CYCLE);
    }
}
