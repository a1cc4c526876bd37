package dev.tocsin.ingest.kafka;

import static dev.tocsin.ingest.support.RunningIngest.ALERTS_TOKEN;
import static dev.tocsin.ingest.support.RunningIngest.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Silence;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.ingest.support.RunningIngest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service on a real broker with retentions of a second: tombstones for what is past them, nothing else. */
class RetentionSweeperTest {

    private static RunningIngest ingest;

    @BeforeAll
    static void start() throws Exception {
        ingest = RunningIngest.start(
                SharedTestStack.bootstrapServers(),
                SharedTestStack.registryUrl(),
                Map.of(
                        "TOCSIN_INGEST_PAGERDUTY_RETENTION", "PT1S",
                        "TOCSIN_INGEST_SILENCE_RETENTION", "PT1S",
                        "TOCSIN_INGEST_RETENTION_SWEEP_INTERVAL", "300ms"));
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    @Test
    void aResolvedPagerDutyKeyGetsATombstoneAfterItsRetentionAndAFiringOneDoesNot() throws Exception {
        String resolved = "pd-" + UUID.randomUUID();
        String firing = "pd-" + UUID.randomUUID();
        assertThat(ingest.postJson("/api/v1/alerts/pagerduty", ALERTS_TOKEN, trigger(firing))
                        .statusCode())
                .isEqualTo(202);
        assertThat(ingest.postJson("/api/v1/alerts/pagerduty", ALERTS_TOKEN, trigger(resolved))
                        .statusCode())
                .isEqualTo(202);
        assertThat(ingest.postJson("/api/v1/alerts/pagerduty", ALERTS_TOKEN, """
                {"routing_key":"r0000000000000000000000000000000","event_action":"resolve","dedup_key":"%s"}
                """.formatted(resolved))
                        .statusCode())
                .isEqualTo(202);

        List<ConsumerRecord<String, MonitoringAlert>> tombstones = ingest.readMatching(
                ingest.topics().pagerDutyAlerts(),
                r -> r.value() == null && (r.key().equals(resolved) || r.key().equals(firing)),
                1);

        assertThat(tombstones).extracting(ConsumerRecord::key).containsExactly(resolved);
        assertThat(ingest.management("/metrics").body())
                .containsPattern("tocsin_ingest_retention_tombstones_total\\{[^}]*topic=\"pagerduty-alerts\"");
    }

    @Test
    void anExpiredSilenceIsRemovedAfterItsRetentionAndAnActiveOneStays() throws Exception {
        Instant now = Instant.now();
        String expired = postSilence(now.minusSeconds(5), now.plus(Duration.ofHours(1)));
        String active = postSilence(now.minusSeconds(5), now.plus(Duration.ofHours(1)));
        assertThat(ingest.send("DELETE", "/api/v2/silence/" + expired, OPERATOR_TOKEN, null)
                        .statusCode())
                .isEqualTo(200);

        List<ConsumerRecord<String, Silence>> tombstones = ingest.readMatching(
                ingest.topics().silences(),
                r -> r.value() == null && (r.key().equals(expired) || r.key().equals(active)),
                1);

        assertThat(tombstones).extracting(ConsumerRecord::key).containsExactly(expired);
        long deadline = System.currentTimeMillis() + 10_000; // the table (and so the API) forgets it a poll later
        while (ingest.send("GET", "/api/v2/silence/" + expired, OPERATOR_TOKEN, null)
                                .statusCode()
                        != 404
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(ingest.send("GET", "/api/v2/silence/" + expired, OPERATOR_TOKEN, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(ingest.send("GET", "/api/v2/silence/" + active, OPERATOR_TOKEN, null)
                        .statusCode())
                .isEqualTo(200);
    }

    private static String trigger(String dedupKey) {
        return """
                {"routing_key":"r0000000000000000000000000000000","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"IVR queue depth 700","source":"ivr-1","severity":"error","custom_details":{"product":"talk"}}}
                """.formatted(dedupKey);
    }

    private static String postSilence(Instant start, Instant end) throws Exception {
        String body = """
                {"matchers":[{"name":"alertname","value":"Retention%s","isRegex":false,"isEqual":true}],
                 "startsAt":"%s","endsAt":"%s","createdBy":"alice","comment":"deploy"}
                """.formatted(
                        UUID.randomUUID().toString().replace("-", ""),
                        start.truncatedTo(ChronoUnit.MILLIS),
                        end.truncatedTo(ChronoUnit.MILLIS));
        HttpResponse<String> response = ingest.send("POST", "/api/v2/silences", OPERATOR_TOKEN, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body()).path("silenceID").asText();
    }
}
