package dev.tocsin.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.embedded.peers.RealAlertmanager;
import dev.tocsin.ingest.support.ConnectGuide;
import dev.tocsin.ingest.support.RunningIngest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus Alertmanager (Debian package prometheus-alertmanager) with a webhook receiver
 * pointing at alert-ingest: an alert fired through its API reaches tocsin.alerts with the right
 * product, Alertmanager's own fingerprint and status, firing and then resolved. Its receivers are
 * the ones the guide (docs/connect/) tells operators to copy, with this test's address and token.
 */
class RealAlertmanagerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void alertFiredInAlertmanagerArrivesFiringThenResolvedWithItsFingerprint() throws Exception {
        RealAlertmanager.requireInstalled();
        try (RunningIngest ingest =
                RunningIngest.start(SharedTestStack.bootstrapServers(), SharedTestStack.registryUrl(), Map.of())) {
            Path config = guideConfig("alertmanager.yml", ingest, "tocsin", "alertname", "1s");
            try (RealAlertmanager alertmanager = RealAlertmanager.start(config, work)) {
                String api = alertmanager.api();
                Instant started = Instant.now().minusSeconds(30);
                postAlert(api, started, null);

                List<ConsumerRecord<String, MonitoringAlert>> firing =
                        ingest.read(ingest.topics().alerts(), 1);
                assertThat(firing).as("alertmanager log: " + alertmanager.log()).isNotEmpty();
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
                assertThat(all)
                        .filteredOn(r -> r.value().getStatus() == AlertStatus.RESOLVED)
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
        RealAlertmanager.requireInstalled();
        int products = 2;
        int perProduct = 3000;
        try (RunningIngest ingest =
                RunningIngest.start(SharedTestStack.bootstrapServers(), SharedTestStack.registryUrl(), Map.of())) {
            Path config = guideConfig("alertmanager.yml", ingest, "tocsin", "product", "5s");
            try (RealAlertmanager alertmanager = RealAlertmanager.start(config, work)) {
                String api = alertmanager.api();
                String run = Long.toHexString(System.nanoTime());
                Instant startsAt = Instant.now().minusSeconds(30);
                for (int chunk = 0; chunk < products * perProduct; chunk += 1000) {
                    StringBuilder alerts = new StringBuilder("[");
                    for (int i = chunk; i < chunk + 1000; i++) {
                        alerts.append(i == chunk ? "" : ",")
                                .append("""
                                {"labels":{"alertname":"NodeDown","product":"storm-%s-%d","instance":"host-%d",
                                 "severity":"critical"},"annotations":{"summary":"Node unreachable","description":"%s"},
                                 "startsAt":"%s"}""".formatted(run, i % products, i, "x".repeat(1000), startsAt));
                    }
                    HttpResponse<String> posted = http.send(
                            HttpRequest.newBuilder(URI.create(api + "/alerts"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            alerts.append(']').toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
                }

                // a group notified before all alerts were posted is notified again whole: count distinct alerts
                Set<String> fingerprints = new HashSet<>();
                int records = products * perProduct;
                long deadline = System.currentTimeMillis() + 90_000;
                while (fingerprints.size() < products * perProduct && System.currentTimeMillis() < deadline) {
                    List<ConsumerRecord<String, MonitoringAlert>> arrived = ingest.readMatching(
                            ingest.topics().alerts(),
                            r -> r.value().getProduct().startsWith("storm-" + run),
                            records);
                    arrived.forEach(r -> fingerprints.add(r.value().getFingerprint()));
                    records = arrived.size() + 1;
                }

                String log = alertmanager.log();
                assertThat(log).doesNotContain("unrecoverable");
                assertThat(fingerprints).as("alertmanager log: " + log).hasSize(products * perProduct);
            }
        }
    }

    /** Alertmanager's PagerDuty integration, as the guide configures it, triggers and resolves through the Events route. */
    @Test
    void alertmanagersPagerDutyIntegrationFromTheGuideFiresThenResolves() throws Exception {
        RealAlertmanager.requireInstalled();
        try (RunningIngest ingest =
                RunningIngest.start(SharedTestStack.bootstrapServers(), SharedTestStack.registryUrl(), Map.of())) {
            Path config = guideConfig("alertmanager-pagerduty.yml", ingest, "tocsin-pagerduty", "alertname", "1s");
            try (RealAlertmanager alertmanager = RealAlertmanager.start(config, work)) {
                Instant started = Instant.now().minusSeconds(30);
                postAlert(alertmanager.api(), started, null);

                List<ConsumerRecord<String, MonitoringAlert>> firing =
                        ingest.read(ingest.topics().alerts(), 1);
                assertThat(firing).as("alertmanager log: " + alertmanager.log()).isNotEmpty();
                MonitoringAlert first = firing.get(0).value();
                assertThat(firing.get(0).key()).isEqualTo("chat");
                assertThat(first.getSource()).isEqualTo(AlertSource.PAGERDUTY);
                assertThat(first.getStatus()).isEqualTo(AlertStatus.FIRING);

                postAlert(alertmanager.api(), started, Instant.now().minusSeconds(1));
                List<ConsumerRecord<String, MonitoringAlert>> resolved = ingest.readMatching(
                        ingest.topics().alerts(), r -> r.value().getStatus() == AlertStatus.RESOLVED, 1);
                assertThat(resolved)
                        .as("alertmanager log: " + alertmanager.log())
                        .singleElement()
                        .satisfies(r -> assertThat(r.value().getFingerprint()).isEqualTo(first.getFingerprint()));
            }
        }
    }

    /** amtool reads the guide's HTTP client config (the operator token for alert-ingest's silences API). */
    @Test
    void amtoolTakesTheGuidesHttpConfigFile() throws Exception {
        RealAlertmanager.requireInstalled();
        try (RunningIngest ingest =
                RunningIngest.start(SharedTestStack.bootstrapServers(), SharedTestStack.registryUrl(), Map.of())) {
            Path config = guideConfig("alertmanager.yml", ingest, "tocsin", "alertname", "1s");
            try (RealAlertmanager alertmanager = RealAlertmanager.start(config, work)) {
                postAlert(alertmanager.api(), Instant.now().minusSeconds(30), null);
                Path operatorToken = Files.writeString(work.resolve("operator.token"), RunningIngest.OPERATOR_TOKEN);
                Path httpConfig = Files.writeString(
                        work.resolve("amtool-http-config.yml"),
                        ConnectGuide.snippet("amtool-http-config.yml")
                                .replace(ConnectGuide.OPERATOR_TOKEN_FILE, operatorToken.toString()));

                Process amtool = new ProcessBuilder(
                                RealAlertmanager.AMTOOL.toString(),
                                "alert",
                                "query",
                                "-o",
                                "json",
                                "--alertmanager.url=" + alertmanager.api().replace("/api/v2", ""),
                                "--http.config.file=" + httpConfig)
                        .redirectErrorStream(true)
                        .start();
                String out = new String(amtool.getInputStream().readAllBytes());
                assertThat(amtool.waitFor(30, TimeUnit.SECONDS)).isTrue();

                assertThat(amtool.exitValue()).as(out).isZero();
                assertThat(out).contains("ChatApiDown");
            }
        }
    }

    private Path guideConfig(String file, RunningIngest ingest, String receiver, String groupBy, String interval)
            throws Exception {
        return RealAlertmanager.guideConfig(
                ConnectGuide.snippet(file),
                ingest.url(),
                RunningIngest.ALERTS_TOKEN,
                work,
                receiver,
                groupBy,
                interval);
    }

    private void postAlert(String api, Instant startsAt, Instant endsAt) throws Exception {
        String alert = """
                [{"labels":{"alertname":"ChatApiDown","product":"chat","component":"api","severity":"critical"},
                  "annotations":{"summary":"Chat API probe failed"},
                  "startsAt":"%s"%s}]
                """.formatted(startsAt, endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"");
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(api + "/alerts"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(alert))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String fingerprintIn(String api) throws Exception {
        JsonNode alerts = new ObjectMapper()
                .readTree(http.send(
                                HttpRequest.newBuilder(URI.create(api + "/alerts"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
        return alerts.get(0).path("fingerprint").asText();
    }
}
