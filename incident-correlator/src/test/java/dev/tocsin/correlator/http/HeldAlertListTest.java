package dev.tocsin.correlator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.Silence;
import dev.tocsin.avro.SilenceMatcher;
import dev.tocsin.correlator.domain.Policy;
import dev.tocsin.correlator.state.TrackedAlert;
import dev.tocsin.correlator.topology.CorrelatorDriver;
import dev.tocsin.correlator.topology.CorrelatorStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The held-alert list reads a partition's held-alerts index and alerts store under a TopologyTestDriver. */
class HeldAlertListTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant SILENCE_ENDS = T0.plus(Duration.ofHours(2));

    @TempDir
    Path stateDir;

    @Test
    void aSilencedAlertIsListedWithItsLabelsTheSilenceAndWhenTheSilenceEnds() {
        try (CorrelatorDriver correlator = silencedChatAlerts("fp-1")) {
            IncidentPages.Slice slice = slice(correlator, null, null, 100);

            assertThat(slice.items()).singleElement().satisfies(alert -> {
                assertThat(alert.get("product")).isEqualTo("chat");
                assertThat(alert.get("fingerprint")).isEqualTo("fp-1");
                assertThat(alert.get("labels"))
                        .isEqualTo(Map.of(
                                "alertname", "ChatLatency", "product", "chat", "component", "api", "region", "eu-1"));
                assertThat(alert.get("hold"))
                        .isEqualTo(Map.of(
                                "reason",
                                "SILENCED",
                                "by",
                                "s-1",
                                "since",
                                T0.plus(Duration.ofMinutes(1)).toString(),
                                "until",
                                SILENCE_ENDS.toString(),
                                "heldRecords",
                                1));
            });
            assertThat(slice.position()).as("looked to the end").isNull();
        }
    }

    @Test
    void heldAlertsArePagedInKeyOrderAndFilteredByProduct() {
        try (CorrelatorDriver correlator = silencedChatAlerts("fp-1", "fp-2", "fp-3")) {
            IncidentPages.Slice first = slice(correlator, null, null, 2);
            assertThat(first.items()).extracting(a -> a.get("fingerprint")).containsExactly("fp-1", "fp-2");

            IncidentPages.Slice rest = slice(correlator, null, first.position(), 2);
            assertThat(rest.items()).extracting(a -> a.get("fingerprint")).containsExactly("fp-3");
            assertThat(slice(correlator, "voice", null, 100).items()).isEmpty();
            assertThat(slice(correlator, "chat", null, 100).items()).hasSize(3);
        }
    }

    @Test
    void anAlertWhoseHoldEndedIsNotListed() {
        try (CorrelatorDriver correlator = silencedChatAlerts("fp-1")) {
            correlator.input(correlator.topics.silences()).pipeInput("s-1", null);
            correlator.driver.advanceWallClockTime(Duration.ofMinutes(1)); // the punctuator releases it

            assertThat(slice(correlator, null, null, 100).items()).isEmpty();
        }
    }

    private CorrelatorDriver silencedChatAlerts(String... fingerprints) {
        CorrelatorDriver correlator =
                new CorrelatorDriver(Policy.defaults(), stateDir, T0, Duration.ofSeconds(10), Duration.ofMillis(100));
        correlator.input(correlator.topics.silences()).pipeInput("s-1", silence());
        for (String fingerprint : fingerprints) {
            correlator
                    .input(correlator.topics.alerts())
                    .pipeInput(new TestRecord<>("chat", alert(fingerprint), T0.plus(Duration.ofMinutes(1))));
        }
        return correlator;
    }

    private static IncidentPages.Slice slice(CorrelatorDriver correlator, String product, String position, int limit) {
        KeyValueStore<String, String> held = correlator.driver.getKeyValueStore(CorrelatorStores.HELD_ALERTS);
        KeyValueStore<String, TrackedAlert> alerts = correlator.driver.getKeyValueStore(CorrelatorStores.ALERTS);
        KeyValueStore<String, Silence> silences = correlator.driver.getKeyValueStore(CorrelatorStores.SILENCES);
        Function<String, Optional<Instant>> ends =
                id -> Optional.ofNullable(silences.get(id)).map(Silence::getEndsAt);
        return IncidentQueryApi.heldSlice(held, alerts, ends, product, position, limit);
    }

    private static Silence silence() {
        return Silence.newBuilder()
                .setSilenceId("s-1")
                .setMatchers(List.of(new SilenceMatcher("alertname", "ChatLatency", false, true)))
                .setStartsAt(T0.minus(Duration.ofHours(1)))
                .setEndsAt(SILENCE_ENDS)
                .setCreatedBy("oncall")
                .setComment("known")
                .setUpdatedAt(T0)
                .build();
    }

    private static MonitoringAlert alert(String fingerprint) {
        return MonitoringAlert.newBuilder()
                .setAlertId(fingerprint)
                .setFingerprint(fingerprint)
                .setSource(AlertSource.ALERTMANAGER)
                .setSourceName("test")
                .setStatus(AlertStatus.FIRING)
                .setProduct("chat")
                .setComponent("api")
                .setRegion("eu-1")
                .setSignal(Signal.LATENCY)
                .setSeverityHint(SeverityHint.HIGH)
                .setSummary("latency high")
                .setLabels(Map.of("alertname", "ChatLatency"))
                .setStartsAt(T0)
                .setReceivedAt(T0)
                .build();
    }
}
