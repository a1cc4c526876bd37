package dev.tocsin.e2e.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tocsin.local.LocalStack;
import dev.tocsin.runtime.config.Environment;

/**
 * Alert in, degraded component out: the time from POSTing one Alertmanager alert to alert-ingest
 * until status-publisher's {@code /api/v2/components.json} shows that product's component as not
 * operational, through the whole local stack (embedded broker and registry, alert-ingest,
 * incident-correlator, status-publisher; exactly-once everywhere, default commit intervals).
 *
 * <p>Each incident is a new product, so every alert opens a new incident and changes one component.
 * Incidents are opened one after another; a poller thread reads the page every few milliseconds
 * (with If-None-Match, as a status widget would) and stamps the first moment each component is
 * down. Prints p50/p90/p99/max over all incidents.
 *
 * <p>usage: StatusLatencyBenchmark [incidents=100] [pollMillis=5]
 */
public final class StatusLatencyBenchmark {

    private static final Pattern COMPONENT = Pattern.compile("\"name\":\"(P\\d+)\",\"status\":\"([a-z_]+)\"");

    private StatusLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long pollMillis = args.length > 1 ? Long.parseLong(args[1]) : 5;
        Path dir = Files.createTempDirectory("tocsin-status-latency");
        Environment env = new Environment(Map.of(
                "TOCSIN_LOCAL_DATA_DIR", dir.toString(),
                "TOCSIN_LOCAL_KAFKA_PORT", "0",
                "TOCSIN_LOCAL_REGISTRY_PORT", "0",
                "TOCSIN_LOCAL_INGEST_PORT", "0",
                "TOCSIN_LOCAL_CORRELATOR_PORT", "0",
                "TOCSIN_LOCAL_PUBLISHER_PORT", "0",
                "TOCSIN_LOCAL_DEMO", "false"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (LocalStack stack = new LocalStack()) {
            stack.start(env);
            String ingest = stack.ingestUrl();
            String page = stack.publisherUrl() + "/api/v2/components.json";
            Map<String, Long> firstSeenDown = new ConcurrentHashMap<>();
            AtomicBoolean polling = new AtomicBoolean(true);
            AtomicReference<String> etag = new AtomicReference<>("\"none\"");
            long[] polls = new long[2];
            Thread poller = new Thread(() -> {
                while (polling.get()) {
                    try {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(page))
                                .header("If-None-Match", etag.get()).GET().build(), HttpResponse.BodyHandlers.ofString());
                        long now = System.nanoTime();
                        polls[0]++;
                        if (answer.statusCode() == 200) {
                            polls[1]++;
                            answer.headers().firstValue("ETag").ifPresent(etag::set);
                            Matcher m = COMPONENT.matcher(answer.body());
                            while (m.find()) {
                                if (!m.group(2).equals("operational")) {
                                    firstSeenDown.putIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT), now);
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
            }, "page-poller");
            poller.start();

            long[] latencies = new long[incidents];
            long[] accepted = new long[incidents];
            for (int i = 0; i < incidents; i++) {
                String product = String.format("p%03d", i + 1);
                long sent = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingest + "/api/v1/alerts/alertmanager"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer local-dev-token")
                        .POST(HttpRequest.BodyPublishers.ofString(alert(product))).build(), HttpResponse.BodyHandlers.ofString());
                accepted[i] = System.nanoTime() - sent;
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("ingest answered " + response.statusCode() + ": " + response.body());
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!firstSeenDown.containsKey(product)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(product + " never showed as degraded on the status page");
                    }
                    Thread.sleep(1);
                }
                latencies[i] = firstSeenDown.get(product) - sent;
            }
            polling.set(false);
            poller.interrupt();
            poller.join(5_000);

            Arrays.sort(latencies);
            Arrays.sort(accepted);
            Runtime rt = Runtime.getRuntime();
            System.out.printf("%nAlert -> degraded component on the status page, local stack, %d incidents (poll every %d ms)%n",
                    incidents, pollMillis);
            System.out.printf("  end to end ms   p50/p90/p99/max : %.0f / %.0f / %.0f / %.0f  (mean %.0f)%n",
                    pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), latencies[incidents - 1] / 1e6,
                    Arrays.stream(latencies).average().orElse(0) / 1e6);
            System.out.printf("  ingest 202 ms   p50/p99         : %.1f / %.1f%n", pct(accepted, 50), pct(accepted, 99));
            System.out.printf("  page polls      : %d (%d answered 200, the rest 304 Not Modified)%n", polls[0], polls[1]);
            System.out.printf("  heap used       : %d MiB%n", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        }
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

    private static double pct(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
