package dev.tocsin.ingest.http;

import static dev.tocsin.ingest.support.RunningIngest.ALERTS_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.ingest.support.RunningIngest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * What an Alertmanager storm needs at the door: a whole alert group in one large webhook is
 * accepted, a 413 is kept for bodies over the route's own limit, and overload answers a status the
 * sender retries (Alertmanager retries only 5xx) with Retry-After.
 */
class StormWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALERTMANAGER = "/api/v1/alerts/alertmanager";

    @Test
    void alertmanagerWebhookOf12MegabytesIsAcceptedAndEveryAlertLandsOnTheAlertsTopic() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        byte[] storm = stormWebhook(run, 3000, 12 * 1024 * 1024);
        assertThat(storm.length).isGreaterThanOrEqualTo(12 * 1024 * 1024);
        try (RunningIngest ingest =
                RunningIngest.start(SharedTestStack.bootstrapServers(), SharedTestStack.registryUrl(), Map.of())) {
            HttpResponse<String> response =
                    ingest.post(ALERTMANAGER, ALERTS_TOKEN, "application/json", storm, Map.of());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.path("accepted").asInt()).isEqualTo(3000);
            List<ConsumerRecord<String, MonitoringAlert>> stored =
                    ingest.read(ingest.topics().alerts(), 3000);
            Set<String> fingerprints = new HashSet<>();
            stored.forEach(r -> fingerprints.add(r.value().getFingerprint()));
            assertThat(stored).hasSize(3000);
            assertThat(fingerprints).hasSize(3000);
            assertThat(stored)
                    .allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getProduct()));
        }
    }

    @Test
    void bodyOverTheRoutesOwnLimitIs413AndOtherRoutesKeepTheirSmallerLimit() throws Exception {
        try (RunningIngest ingest = RunningIngest.start(
                SharedTestStack.bootstrapServers(),
                SharedTestStack.registryUrl(),
                Map.of("TOCSIN_INGEST_MAX_BODY_BYTES", "65536", "TOCSIN_INGEST_WEBHOOK_MAX_BODY_BYTES", "262144"))) {
            byte[] underWebhookLimit = stormWebhook("mid", 40, 200_000);
            byte[] overWebhookLimit = stormWebhook("big", 60, 300_000);

            assertThat(ingest.post(ALERTMANAGER, ALERTS_TOKEN, "application/json", underWebhookLimit, Map.of())
                            .statusCode())
                    .as("over the generic limit, under the webhook limit")
                    .isEqualTo(202);
            HttpResponse<String> tooLarge =
                    ingest.post(ALERTMANAGER, ALERTS_TOKEN, "application/json", overWebhookLimit, Map.of());
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(tooLarge.body()).contains("262144");

            HttpResponse<String> chunked = postChunked(ingest, ALERTMANAGER, overWebhookLimit);
            assertThat(chunked.statusCode())
                    .as("no Content-Length: the limit holds while streaming")
                    .isEqualTo(413);

            byte[] genericOverItsLimit = ("{\"status\":\"firing\",\"product\":\"chat\",\"summary\":\""
                            + "x".repeat(70_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(ingest.post("/api/v1/alerts", ALERTS_TOKEN, "application/json", genericOverItsLimit, Map.of())
                            .statusCode())
                    .isEqualTo(413);
        }
    }

    @Test
    void rateLimitedAlertmanagerIs503WithRetryAfterBecauseAlertmanagerDropsA4xx() throws Exception {
        try (RunningIngest ingest = RunningIngest.start(
                SharedTestStack.bootstrapServers(),
                SharedTestStack.registryUrl(),
                Map.of("TOCSIN_INGEST_RATE_PER_SECOND", "1", "TOCSIN_INGEST_RATE_BURST", "1"))) {
            byte[] webhook = stormWebhook("limited", 2, 0);
            assertThat(ingest.post(ALERTMANAGER, ALERTS_TOKEN, "application/json", webhook, Map.of())
                            .statusCode())
                    .isEqualTo(202);

            HttpResponse<String> limited =
                    ingest.post(ALERTMANAGER, ALERTS_TOKEN, "application/json", webhook, Map.of());

            assertThat(limited.statusCode()).isEqualTo(503);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertThat(JSON.readTree(limited.body()).path("detail").asText()).contains("Rate limit");
        }
    }

    @Test
    void bodiesBeyondTheInFlightByteBudgetAre503WithRetryAfterAndNothingIsWritten() throws Exception {
        try (RunningIngest ingest = RunningIngest.start(
                SharedTestStack.bootstrapServers(),
                SharedTestStack.registryUrl(),
                Map.of("TOCSIN_INGEST_IN_FLIGHT_BYTES", "100000"))) {
            byte[] slow = stormWebhook("slow", 10, 60_000);
            byte[] second = stormWebhook("second", 10, 60_000);
            CountDownLatch release = new CountDownLatch(1);
            // the first body arrives slowly and holds its bytes of the budget meanwhile
            CompletableFuture<HttpResponse<String>> first = HttpClient.newHttpClient()
                    .sendAsync(
                            HttpRequest.newBuilder(URI.create(ingest.url() + ALERTMANAGER))
                                    .timeout(Duration.ofSeconds(60))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + ALERTS_TOKEN)
                                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                                            HttpRequest.BodyPublishers.ofInputStream(
                                                    () -> new HeldBackStream(slow, release)),
                                            slow.length))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> refused = awaitRefusal(ingest, second);
            release.countDown();

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(JSON.readTree(refused.body()).path("detail").asText()).contains("nothing was written");
            assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
            assertThat(ingest.post(ALERTMANAGER, ALERTS_TOKEN, "application/json", second, Map.of())
                            .statusCode())
                    .as("admitted again once the first was answered")
                    .isEqualTo(202);
        }
    }

    /** Posts until the first (held back) request holds its reservation and the second is refused. */
    private static HttpResponse<String> awaitRefusal(RunningIngest ingest, byte[] body) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            String metrics = ingest.management("/metrics").body();
            if (metrics.lines().anyMatch(l -> l.startsWith("tocsin_ingest_inflight_bytes") && !l.endsWith(" 0.0"))) {
                return ingest.post(ALERTMANAGER, ALERTS_TOKEN, "application/json", body, Map.of());
            }
            assertThat(System.currentTimeMillis()).as("first request admitted").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static HttpResponse<String> postChunked(RunningIngest ingest, String path, byte[] body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(ingest.url() + path))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + ALERTS_TOKEN)
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /**
     * An Alertmanager v4 notification shaped like the Zulip fixture, {@code alerts} distinct alerts over
     * 10 products, each annotation padded so the whole body reaches at least {@code minBytes}.
     */
    static byte[] stormWebhook(String run, int alerts, int minBytes) throws Exception {
        ObjectNode notification = (ObjectNode) JSON.readTree(
                RunningIngest.resource("/fixtures/alertmanager/am-10-zulip-fixture-firing-2alerts-same-labels.json"));
        JsonNode template = notification.path("alerts").get(0);
        int padding = minBytes == 0
                ? 0
                : Math.max(0, minBytes / alerts - template.toString().length()) + 64;
        ArrayNode list = notification.putArray("alerts");
        for (int i = 0; i < alerts; i++) {
            ObjectNode alert = template.deepCopy();
            ObjectNode labels = (ObjectNode) alert.path("labels");
            labels.put("product", "product-" + (i % 10));
            labels.put("host", "host-" + run + "-" + i);
            ((ObjectNode) alert.path("annotations"))
                    .put("description", "CPU core temperature is high on host-" + i + " " + "x".repeat(padding));
            alert.put("fingerprint", run + String.format("%08x", i));
            list.add(alert);
        }
        notification.putObject("groupLabels").put("product", "storm");
        return JSON.writeValueAsBytes(notification);
    }

    /** A body whose last byte is only sent once released: the request is admitted and stays in flight. */
    private static final class HeldBackStream extends InputStream {
        private final ByteArrayInputStream body;
        private final CountDownLatch release;

        HeldBackStream(byte[] body, CountDownLatch release) {
            this.body = new ByteArrayInputStream(body);
            this.release = release;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (body.available() == 1) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            return body.read(buffer, offset, Math.min(length, Math.max(1, body.available() - 1)));
        }
    }
}
