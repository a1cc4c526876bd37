package dev.tocsin.correlator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.correlator.domain.Policy;
import dev.tocsin.correlator.topology.CorrelatorDriver;
import dev.tocsin.correlator.topology.CorrelatorStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident list reads a partition's incidents store under a TopologyTestDriver. */
class IncidentListTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void anIncidentRestoredFromAVersionBeforeWrittenLifecyclesIsListed() {
        try (CorrelatorDriver correlator =
                new CorrelatorDriver(Policy.defaults(), stateDir, T0, Duration.ofSeconds(10), Duration.ofMillis(100))) {
            correlator.input(correlator.topics.alerts()).pipeInput(new TestRecord<>("chat", alert("chat", "fp-1"), T0));
            KeyValueStore<String, Incident> incidents = correlator.driver.getKeyValueStore(CorrelatorStores.INCIDENTS);
            String id;
            try (KeyValueIterator<String, Incident> all = incidents.all()) {
                id = all.next().key;
            }
            // an older version's changelog restores the incident but no written-lifecycles entry for it
            correlator
                    .driver
                    .<String, String>getKeyValueStore(CorrelatorStores.WRITTEN_LIFECYCLES)
                    .delete(id);

            IncidentPages.Slice slice = IncidentQueryApi.slice(incidents, "open", null, null, 100);

            assertThat(slice.items()).extracting(item -> item.get("id")).containsExactly(id);
            assertThat(IncidentQueryApi.slice(incidents, "open", "chat", null, 100)
                            .items())
                    .hasSize(1);
        }
    }

    private static MonitoringAlert alert(String product, String fingerprint) {
        return MonitoringAlert.newBuilder()
                .setAlertId(fingerprint)
                .setFingerprint(fingerprint)
                .setSource(AlertSource.ALERTMANAGER)
                .setSourceName("test")
                .setStatus(AlertStatus.FIRING)
                .setProduct(product)
                .setComponent("api")
                .setRegion("eu-1")
                .setSignal(Signal.LATENCY)
                .setSeverityHint(SeverityHint.HIGH)
                .setSummary("latency high")
                .setStartsAt(T0)
                .setReceivedAt(T0)
                .build();
    }
}
