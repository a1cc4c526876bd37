package dev.tocsin.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.ingest.support.RunningIngest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus Alertmanager (Debian package prometheus-alertmanager) with a webhook receiver
 * pointing at alert-ingest: an alert fired through its API reaches tocsin.alerts with the right
 * product, Alertmanager's own fingerprint and status, firing and then resolved.
 */
class RealAlertmanagerTest {

    private static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void alertFiredInAlertmanagerArrivesFiringThenResolvedWithItsFingerprint() throws Exception {
        requirePeer();
        try (RunningIngest ingest = RunningIngest.start(SharedTestStack.bootstrapServers(), SharedTestStack.registryUrl(),
                Map.of())) {
            int port = freePort();
            Path config = work.resolve("alertmanager.yml");
            Files.writeString(config, """
                    route:
                      receiver: tocsin
                      group_by: ['alertname']
                      group_wait: 1s
                      group_interval: 1s
                      repeat_interval: 1h
                    receivers:
                      - name: tocsin
                        webhook_configs:
                          - url: '%s/api/v1/alerts/alertmanager'
                            send_resolved: true
                            http_config:
                              authorization:
                                type: Bearer
                                credentials: '%s'
                    """.formatted(ingest.url(), RunningIngest.ALERTS_TOKEN));
            try (RunningAlertmanager alertmanager = startAlertmanager(config, port)) {
                String api = alertmanager.api();
                Instant started = Instant.now().minusSeconds(30);
                postAlert(api, started, null);

                List<ConsumerRecord<String, MonitoringAlert>> firing = ingest.read(ingest.topics().alerts(), 1);
                assertThat(firing).as("alertmanager log: " + Files.readString(work.resolve("alertmanager.log"))).isNotEmpty();
                MonitoringAlert first = firing.get(0).value();
                assertThat(firing.get(0).key()).isEqualTo("chat");
                assertThat(first.getStatus()).isEqualTo(AlertStatus.FIRING);
                assertThat(first.getSource()).isEqualTo(AlertSource.ALERTMANAGER);
                assertThat(first.getFingerprint()).isEqualTo(fingerprintIn(api));
                assertThat(first.getComponent()).isEqualTo("api");

                postAlert(api, started, Instant.now().minusSeconds(1));
                long deadline = System.currentTimeMillis() + 30_000;
                List<ConsumerRecord<String, MonitoringAlert>> all;
                do {
                    all = ingest.read(ingest.topics().alerts(), 2);
                } while (all.stream().noneMatch(r -> r.value().getStatus() == AlertStatus.RESOLVED)
                        && System.currentTimeMillis() < deadline);
                assertThat(all).filteredOn(r -> r.value().getStatus() == AlertStatus.RESOLVED)
                        .isNotEmpty()
                        .allSatisfy(r -> assertThat(r.value().getFingerprint()).isEqualTo(first.getFingerprint()));
            }
        }
    }

    /**
     * The ops center's wiring on its worst day: {@code group_by: [product]}, {@code max_alerts: 0}, so
     * each notification carries a whole product's alerts (3 000 here, ~4 MB, over the old 1 MiB limit).
     * Alertmanager drops a notification after any 4xx, so every alert arriving proves none was refused.
     */
    @Test
    void alertmanagerStormGroupedByProductArrivesWhole() throws Exception {
        requirePeer();
        int products = 2;
        int perProduct = 3000;
        try (RunningIngest ingest = RunningIngest.start(SharedTestStack.bootstrapServers(), SharedTestStack.registryUrl(),
                Map.of())) {
            int port = freePort();
            Path config = work.resolve("alertmanager.yml");
            Files.writeString(config, """
                    route:
                      receiver: tocsin
                      group_by: ['product']
                      group_wait: 5s
                      group_interval: 5s
                      repeat_interval: 1h
                    receivers:
                      - name: tocsin
                        webhook_configs:
                          - url: '%s/api/v1/alerts/alertmanager'
                            max_alerts: 0
                            http_config:
                              authorization:
                                type: Bearer
                                credentials: '%s'
                    """.formatted(ingest.url(), RunningIngest.ALERTS_TOKEN));
            try (RunningAlertmanager alertmanager = startAlertmanager(config, port)) {
                String api = alertmanager.api();
                String run = Long.toHexString(System.nanoTime());
                Instant startsAt = Instant.now().minusSeconds(30);
                for (int chunk = 0; chunk < products * perProduct; chunk += 1000) {
                    StringBuilder alerts = new StringBuilder("[");
                    for (int i = chunk; i < chunk + 1000; i++) {
                        alerts.append(i == chunk ? "" : ",").append("""
                                {"labels":{"alertname":"NodeDown","product":"storm-%s-%d","instance":"host-%d",
                                 "severity":"critical"},"annotations":{"summary":"Node unreachable","description":"%s"},
                                 "startsAt":"%s"}""".formatted(run, i % products, i, "x".repeat(1000), startsAt));
                    }
                    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(api + "/alerts"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(alerts.append(']').toString())).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
                }

                // a group notified before all alerts were posted is notified again whole: count distinct alerts
                Set<String> fingerprints = new HashSet<>();
                int records = products * perProduct;
                long deadline = System.currentTimeMillis() + 90_000;
                while (fingerprints.size() < products * perProduct && System.currentTimeMillis() < deadline) {
                    List<ConsumerRecord<String, MonitoringAlert>> arrived = ingest.readMatching(ingest.topics().alerts(),
                            r -> r.value().getProduct().startsWith("storm-" + run), records);
                    arrived.forEach(r -> fingerprints.add(r.value().getFingerprint()));
                    records = arrived.size() + 1;
                }

                String log = Files.readString(work.resolve("alertmanager.log"));
                assertThat(log).doesNotContain("unrecoverable");
                assertThat(fingerprints).as("alertmanager log: " + log).hasSize(products * perProduct);
            }
        }
    }

    private void postAlert(String api, Instant startsAt, Instant endsAt) throws Exception {
        String alert = """
                [{"labels":{"alertname":"ChatApiDown","product":"chat","component":"api","severity":"critical"},
                  "annotations":{"summary":"Chat API probe failed"},
                  "startsAt":"%s"%s}]
                """.formatted(startsAt, endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/alerts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alert)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String fingerprintIn(String api) throws Exception {
        JsonNode alerts = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(api + "/alerts")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return alerts.get(0).path("fingerprint").asText();
    }

    /** A real Alertmanager on {@code port} with {@code config}, up and answering; stopped on close. */
    private RunningAlertmanager startAlertmanager(Path config, int port) throws Exception {
        Process process = new ProcessBuilder(ALERTMANAGER.toString(), "--config.file=" + config,
                "--storage.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=", "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(work.resolve("alertmanager.log").toFile()).start();
        RunningAlertmanager alertmanager = new RunningAlertmanager(process, "http://127.0.0.1:" + port + "/api/v2");
        try {
            awaitUp(alertmanager.api() + "/status");
        } catch (Exception | AssertionError e) {
            alertmanager.close();
            throw e;
        }
        return alertmanager;
    }

    private record RunningAlertmanager(Process process, String api) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitUp(String url) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Alertmanager did not start; log: " + Files.readString(work.resolve("alertmanager.log")));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void requirePeer() {
        boolean available = Files.isExecutable(ALERTMANAGER);
        if (!available && "true".equals(System.getenv("TOCSIN_REQUIRE_PEERS"))) {
            throw new AssertionError("prometheus-alertmanager is required (apt-get install prometheus-alertmanager)");
        }
        assumeTrue(available, "prometheus-alertmanager not installed");
    }
}
