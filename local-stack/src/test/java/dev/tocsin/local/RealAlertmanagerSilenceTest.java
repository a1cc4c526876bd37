package dev.tocsin.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.embedded.peers.RealAlertmanager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline with a real Prometheus Alertmanager wired as the connect guide says: a silence
 * made through alert-ingest's Alertmanager-compatible API holds back the alerts it matches in the
 * correlator (Alertmanager itself knows nothing of it and delivers them), and expiring it releases
 * the alert still firing, although Alertmanager does not send it again.
 */
class RealAlertmanagerSilenceTest {

    private static final String TOKEN = "local-dev-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generous: two cores shared with other builds; every wait polls and returns as soon as it holds. */
    private static final long WAIT_MILLIS = 60_000;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @Test
    void silencedAlertFromARealAlertmanagerOpensNoIncidentUntilTheSilenceIsExpired() throws Exception {
        RealAlertmanager.requireInstalled();
        try (LocalStack stack = new LocalStack()) {
            stack.start(EphemeralStack.environment(dataDir));
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            HttpResponse<String> created = send(HttpRequest.newBuilder(
                            URI.create(stack.ingestUrl() + "/api/v2/silences"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"matchers":[{"name":"alertname","value":"VoiceGatewayDown","isRegex":false,"isEqual":true}],
                             "startsAt":"%s","endsAt":"%s","createdBy":"it-operator","comment":"SBC firmware upgrade"}
                            """.formatted(now, now.plus(2, ChronoUnit.HOURS)))));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            String silenceId = JSON.readTree(created.body()).path("silenceID").asText();

            Path config = RealAlertmanager.guideConfig(
                    Files.readString(Path.of("..", "docs", "connect", "alertmanager.yml")),
                    stack.ingestUrl(),
                    TOKEN,
                    work,
                    "tocsin",
                    "alertname",
                    "1s");
            try (RealAlertmanager alertmanager = RealAlertmanager.start(config, work)) {
                HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(alertmanager.api() + "/alerts"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                [{"labels":{"alertname":"VoiceGatewayDown","product":"voice","severity":"critical"},
                                  "annotations":{"summary":"Voice gateway unreachable"},"startsAt":"%1$s"},
                                 {"labels":{"alertname":"ChatDown","product":"chat","severity":"critical"},
                                  "annotations":{"summary":"Chat API probe failed"},"startsAt":"%1$s"}]
                                """.formatted(now))));
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

                long deadline = System.currentTimeMillis() + WAIT_MILLIS;
                assertThat(openIncidentsOf(stack, "chat", n -> n > 0, deadline))
                        .as("the unsilenced alert opens an incident; alertmanager log: " + alertmanager.log())
                        .isEqualTo(1);
                assertThat(awaitSilencedCount(stack, deadline))
                        .as("the correlator received the silenced alert and held it; alertmanager log: "
                                + alertmanager.log())
                        .isGreaterThanOrEqualTo(1);
                assertThat(openIncidentsOf(stack, "voice", n -> true, deadline))
                        .as("the silenced alert opens no incident")
                        .isZero();

                HttpResponse<String> expired =
                        send(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/v2/silence/" + silenceId))
                                .header("Authorization", "Bearer " + TOKEN)
                                .DELETE());
                assertThat(expired.statusCode()).as(expired.body()).isEqualTo(200);

                // Alertmanager sends the voice alert only once (repeat_interval 1h): the correlator's clock releases it
                long released = System.currentTimeMillis() + WAIT_MILLIS;
                assertThat(openIncidentsOf(stack, "voice", n -> n > 0, released))
                        .as("the alert still firing when its silence ends is correlated")
                        .isEqualTo(1);
            }
        }
    }

    /**
     * Open incidents of the product once {@code done} holds for their number or the deadline passes; a
     * 503 (state still restoring) is retried.
     */
    private int openIncidentsOf(LocalStack stack, String product, Predicate<Integer> done, long deadline)
            throws Exception {
        HttpResponse<String> response = null;
        int count = -1;
        do {
            if (response != null) {
                Thread.sleep(500);
            }
            response = send(HttpRequest.newBuilder(
                            URI.create(stack.correlatorUrl() + "/api/v1/incidents?status=open&product=" + product))
                    .header("Authorization", "Bearer " + TOKEN)
                    .GET());
            count = response.statusCode() == 200
                    ? JSON.readTree(response.body()).path("incidents").size()
                    : -1;
        } while ((count < 0 || !done.test(count)) && System.currentTimeMillis() < deadline);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return count;
    }

    /** The correlator's tocsin_correlator_alerts_silenced_total once at least 1, or when the deadline passes. */
    private double awaitSilencedCount(LocalStack stack, long deadline) throws Exception {
        double silenced = 0;
        while (silenced < 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            String metrics = send(HttpRequest.newBuilder(URI.create(
                                    stack.managementUrl(dev.tocsin.correlator.CorrelatorService.NAME) + "/metrics"))
                            .GET())
                    .body();
            silenced = metrics.lines()
                    .filter(l -> l.startsWith("tocsin_correlator_alerts_silenced_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
        }
        return silenced;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
