package dev.tocsin.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the local stack like a small operations center would: every cycle an Alertmanager group
 * for Chat latency and errors, Grafana alerts for Voice, a PagerDuty trigger for Talk, a wave of
 * customer tickets (four organisations about Chat, one Wi-Fi complaint) and, half a cycle later,
 * the matching resolved notifications. A few seconds after each burst, a demo operator publishes
 * the open Chat incident on the status page with a public update (as an operations center would).
 * Payloads are templates under {@code demo/} with
 * {@code ${now}}-style placeholders, posted over HTTP with the local token, exactly as real
 * sources would.
 */
final class DemoFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoFeed.class);

    private final String ingestUrl;
    private final String correlatorUrl;
    private final String token;
    private final String queryToken;
    private final Duration cycle;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-feed");
        thread.setDaemon(true);
        return thread;
    });
    private int round;

    /** @param token for ingest's routes; @param queryToken an operator's token on the correlator's query API */
    DemoFeed(String ingestUrl, String correlatorUrl, String token, String queryToken, Duration cycle, Clock clock) {
        this.ingestUrl = ingestUrl;
        this.correlatorUrl = correlatorUrl;
        this.token = token;
        this.queryToken = queryToken;
        this.cycle = cycle;
        this.clock = clock;
    }

    void start() {
        scheduler.scheduleAtFixedRate(this::fireSafely, 2, cycle.toSeconds(), TimeUnit.SECONDS);
    }

    private void fireSafely() {
        try {
            int n = ++round;
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            int accepted = 0;
            accepted += post("/api/v1/alerts/alertmanager", "alertmanager-chat-firing.json", now, n);
            accepted += post("/api/v1/alerts/grafana", "grafana-voice-firing.json", now, n);
            accepted += post("/api/v1/alerts/pagerduty", "pagerduty-talk-trigger.json", now, n);
            accepted += post("/api/v1/reports", "reports-chat-wave.json", now, n);
            LOG.info("Demo feed round {}: {} records accepted; resolving in {} s", n, accepted, cycle.toSeconds() / 2);
            scheduler.schedule(this::publishChatSafely, Math.min(10, cycle.toSeconds() / 4), TimeUnit.SECONDS);
            scheduler.schedule(() -> resolveSafely(n), cycle.toSeconds() / 2, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.warn("Demo feed round failed: {}", e.getMessage());
        }
    }

    private void resolveSafely(int n) {
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            post("/api/v1/alerts/alertmanager", "alertmanager-chat-resolved.json", now, n);
            post("/api/v1/alerts/grafana", "grafana-voice-resolved.json", now, n);
            post("/api/v1/alerts/pagerduty", "pagerduty-talk-resolve.json", now, n);
        } catch (RuntimeException e) {
            LOG.warn("Demo feed resolve failed: {}", e.getMessage());
        }
    }

    /** The demo operator publishes the open Chat incident with a public update. */
    private void publishChatSafely() {
        try {
            HttpResponse<String> open = http.send(
                    HttpRequest.newBuilder(URI.create(correlatorUrl + "/api/v1/incidents?product=chat&status=open"))
                            .header("Authorization", "Bearer " + queryToken)
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            com.fasterxml.jackson.databind.JsonNode incidents = dev.tocsin.runtime.http.ServiceHttpServer.JSON
                    .readTree(open.body())
                    .path("incidents");
            if (!incidents.isArray() || incidents.isEmpty()) {
                LOG.info("Demo feed: no open Chat incident to publish yet");
                return;
            }
            String id = incidents.get(0).path("id").asText();
            if (incidents.get(0).path("published").asBoolean(false)) {
                return;
            }
            command(id, "{\"type\":\"PUBLISH\",\"actor\":\"demo-operator\"}");
            command(
                    id,
                    "{\"type\":\"SET_STATUS\",\"actor\":\"demo-operator\",\"status\":\"identified\",\"message\":"
                            + "\"We have identified elevated error rates in Chat after a release and are rolling it back.\"}");
        } catch (IOException | RuntimeException e) {
            LOG.warn("Demo feed publish failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void command(String incidentId, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(ingestUrl + "/api/v1/incidents/" + incidentId + "/commands"))
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            LOG.warn("Demo feed command on {} -> {} {}", incidentId, response.statusCode(), response.body());
        }
    }

    /** Posts one template; returns how many records ingest accepted (0 on a rejection, which is logged). */
    int post(String path, String template, Instant now, int round) {
        String body = render(template, now, round);
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                LOG.warn("Demo feed {} -> {} {}", template, response.statusCode(), response.body());
                return 0;
            }
            String accepted = response.body().replaceAll(".*\"accepted\":(\\d+).*", "$1");
            return accepted.matches("\\d+") ? Integer.parseInt(accepted) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Demo feed cannot reach " + ingestUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static String render(String template, Instant now, int round) {
        String text = read(template);
        for (String[] pair : List.of(
                new String[] {"${now}", now.toString()},
                new String[] {"${minus2m}", now.minusSeconds(120).toString()},
                new String[] {"${minus5m}", now.minusSeconds(300).toString()},
                new String[] {"${round}", String.valueOf(round)})) {
            text = text.replace(pair[0], pair[1]);
        }
        return text;
    }

    private static String read(String template) {
        try (InputStream in = DemoFeed.class.getResourceAsStream("/demo/" + template)) {
            if (in == null) {
                throw new IllegalStateException("Missing demo template " + template);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
