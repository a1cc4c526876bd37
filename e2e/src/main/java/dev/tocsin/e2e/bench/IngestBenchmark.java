package dev.tocsin.e2e.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;

/**
 * Accepted alerts per second of alert-ingest for Alertmanager webhooks of 100 alerts each, sent
 * by one client, one request at a time (as one Alertmanager sends a group): every 202 means the
 * batch was committed to Kafka (acks=all, one transaction). Runs broker, registry and ingest in
 * this JVM on loopback. Prints throughput, request latency percentiles and heap.
 *
 * <p>usage: {@code e2e/bench/ingest-alertmanager.sh [requests] [alertsPerRequest]}
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int perRequest = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int warmup = Math.max(50, requests / 10);
        try (StandaloneIngest ingest = new StandaloneIngest(Files.createTempDirectory("tocsin-bench"), 0)) {
            String url = ingest.url() + "/api/v1/alerts/alertmanager";
            HttpClient http = HttpClient.newHttpClient();
            run(http, url, warmup, perRequest, new long[warmup]);
            long[] latencies = new long[requests];
            long started = System.nanoTime();
            run(http, url, requests, perRequest, latencies);
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(latencies);
            Runtime rt = Runtime.getRuntime();
            System.out.printf("%nalert-ingest, Alertmanager webhook, %d alerts/request, 1 client, %d requests (after %d warm-up)%n",
                    perRequest, requests, warmup);
            System.out.printf("  accepted alerts/s : %.0f%n", requests * (double) perRequest / seconds);
            System.out.printf("  requests/s        : %.1f%n", requests / seconds);
            System.out.printf("  latency ms p50/p95/p99/max : %.2f / %.2f / %.2f / %.2f%n", pct(latencies, 50),
                    pct(latencies, 95), pct(latencies, 99), latencies[latencies.length - 1] / 1e6);
            System.out.printf("  heap used MiB     : %d (JVM uptime %d s, %d cores)%n",
                    (rt.totalMemory() - rt.freeMemory()) >> 20, ManagementFactory.getRuntimeMXBean().getUptime() / 1000,
                    rt.availableProcessors());
        }
    }

    private static void run(HttpClient http, String url, int requests, int perRequest, long[] latencies)
            throws Exception {
        for (int i = 0; i < requests; i++) {
            byte[] body = StormAlerts.webhook((long) i * perRequest, perRequest, 50, Instant.now());
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer local-dev-token")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            latencies[i] = System.nanoTime() - t0;
            if (response.statusCode() != 202) {
                throw new IllegalStateException("request " + i + " got " + response.statusCode() + ": " + response.body());
            }
        }
    }

    private static double pct(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
