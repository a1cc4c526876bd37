package dev.tocsin.e2e.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alert in, degraded component out. A poller thread reads status-publisher's
 * {@code /api/v2/components.json} every few milliseconds with If-None-Match (as a status widget
 * would) and stamps the first moment each component shows as not operational; {@link #measure}
 * posts one alert for a fresh product to alert-ingest (through {@link AlertLoad}, so overload
 * answers are retried) and waits for its component to go down. Products must be named like {@code p123} (their component is displayed as P123).
 */
final class LatencyProbe implements AutoCloseable {

    private static final Pattern COMPONENT = Pattern.compile("\"name\":\"(P\\d+)\",\"status\":\"([a-z_]+)\"");

    private final HttpClient http;
    private final AlertLoad alerts;
    private final Map<String, Long> firstSeenDown = new ConcurrentHashMap<>();
    private final AtomicReference<String> etag = new AtomicReference<>("\"none\"");
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong fullAnswers = new AtomicLong();
    private final Thread poller;
    private volatile boolean polling = true;

    LatencyProbe(HttpClient http, String ingestUrl, String publisherUrl, long pollMillis) {
        this.http = http;
        this.alerts = AlertLoad.tocsin(ingestUrl);
        URI page = URI.create(publisherUrl + "/api/v2/components.json");
        poller = new Thread(() -> poll(page, pollMillis), "page-poller");
        poller.setDaemon(true);
        poller.start();
    }

    /** One measurement. */
    record Sample(long acceptedNanos, long pageNanos) {
        boolean timedOut() {
            return pageNanos < 0;
        }
    }

    /** Posts one alert for {@code product} and waits until its component is down; pageNanos -1 after the timeout. */
    Sample measure(String product, Duration timeout) throws Exception {
        long sent = System.nanoTime();
        alerts.post(alert(product).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long accepted = System.nanoTime() - sent;
        long deadline = sent + timeout.toNanos();
        while (!firstSeenDown.containsKey(product)) {
            if (System.nanoTime() > deadline) {
                return new Sample(accepted, -1);
            }
            Thread.sleep(1);
        }
        return new Sample(accepted, firstSeenDown.get(product) - sent);
    }

    long polls() {
        return polls.get();
    }

    /** Polls answered 200 (the rest were 304 Not Modified). */
    long fullAnswers() {
        return fullAnswers.get();
    }

    private void poll(URI page, long pollMillis) {
        while (polling) {
            try {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(page)
                                .header("If-None-Match", etag.get())
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                long now = System.nanoTime();
                polls.incrementAndGet();
                if (answer.statusCode() == 200) {
                    fullAnswers.incrementAndGet();
                    answer.headers().firstValue("ETag").ifPresent(etag::set);
                    Matcher m = COMPONENT.matcher(answer.body());
                    while (m.find()) {
                        if (!m.group(2).equals("operational")) {
                            firstSeenDown.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), now);
                        }
                    }
                }
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // 503 while the page's task starts; keep polling
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        polling = false;
        poller.interrupt();
        poller.join(5_000);
    }

    private static String alert(String product) {
        Instant now = Instant.now();
        return "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"ErrorRateHigh\\\"}\",\"status\":\"firing\","
                + "\"receiver\":\"tocsin\",\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},"
                + "\"externalURL\":\"http://alertmanager:9093\",\"truncatedAlerts\":0,\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"alertname\":\"ErrorRateHigh\",\"product\":\"" + product + "\",\"component\":\"api\","
                + "\"severity\":\"critical\",\"instance\":\"host-1\"},\"annotations\":{\"summary\":\"5xx above 5%\"},"
                + "\"startsAt\":\"" + now + "\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                + "\"generatorURL\":\"http://prometheus:9090/graph\",\"fingerprint\":\"" + product + "-errors\"}]}";
    }
}
