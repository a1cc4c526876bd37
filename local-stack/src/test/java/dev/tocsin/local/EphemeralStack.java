package dev.tocsin.local;

import dev.tocsin.runtime.config.Environment;
import java.nio.file.Path;
import java.util.Map;

/** The environment of a local stack for tests: free ports, data under {@code dataDir}, two partitions, no demo feed. */
final class EphemeralStack {

    private EphemeralStack() {}

    static Environment environment(Path dataDir) {
        return new Environment(Map.ofEntries(
                Map.entry("TOCSIN_LOCAL_DATA_DIR", dataDir.toString()),
                Map.entry("TOCSIN_LOCAL_KAFKA_PORT", "0"),
                Map.entry("TOCSIN_LOCAL_REGISTRY_PORT", "0"),
                Map.entry("TOCSIN_LOCAL_PARTITIONS", "2"),
                Map.entry("TOCSIN_LOCAL_INGEST_PORT", "0"),
                Map.entry("TOCSIN_LOCAL_CORRELATOR_PORT", "0"),
                Map.entry("TOCSIN_LOCAL_PUBLISHER_PORT", "0"),
                Map.entry("TOCSIN_LOCAL_INGEST_MANAGEMENT_PORT", "0"),
                Map.entry("TOCSIN_LOCAL_CORRELATOR_MANAGEMENT_PORT", "0"),
                Map.entry("TOCSIN_LOCAL_PUBLISHER_MANAGEMENT_PORT", "0"),
                Map.entry("TOCSIN_LOCAL_CONSOLE_PORT", "0"),
                Map.entry("TOCSIN_LOCAL_CONSOLE_MANAGEMENT_PORT", "0"),
                Map.entry("TOCSIN_LOCAL_DEMO", "false")));
    }
}
