package dev.tocsin.e2e.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Accepted alerts per second of alert-ingest for Alertmanager webhooks of 100 alerts each, sent
 * by {@code concurrency} clients, each one request at a time (as one Alertmanager sends a group):
 * every 202 means the batch was committed to Kafka (acks=all, in a group-committed transaction).
 * Runs broker, registry and ingest in this JVM on loopback. Prints throughput, request latency
 * percentiles, transactions and heap.
 *
 * <p>usage: {@code [TOCSIN_INGEST_*=...] e2e/bench/ingest-alertmanager.sh [requests] [alertsPerRequest] [concurrency]}
 */
public final class IngestBenchmark {

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int perRequest = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int warmup = Math.max(50, requests / 10);
        try (StandaloneIngest ingest = new StandaloneIngest(Files.createTempDirectory("tocsin-bench"), 0, 0)) {
            String url = ingest.url() + "/api/v1/alerts/alertmanager";
            HttpClient http = HttpClient.newHttpClient();
            runConcurrently(http, url, 0, warmup, perRequest, concurrency, new long[warmup]);
            long[] latencies = new long[requests];
            long started = System.nanoTime();
            runConcurrently(http, url, warmup, requests, perRequest, concurrency, latencies);
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(latencies);
            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create(ingest.managementUrl() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(
                    "%nalert-ingest, Alertmanager webhook, %d alerts/request, %d client(s), %d requests (after %d warm-up)%n",
                    perRequest, concurrency, requests, warmup);
            System.out.printf("  accepted alerts/s : %.0f%n", requests * (double) perRequest / seconds);
            System.out.printf("  requests/s        : %.1f%n", requests / seconds);
            System.out.printf(
                    "  latency ms p50/p95/p99/max : %.2f / %.2f / %.2f / %.2f%n",
                    pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), latencies[latencies.length - 1] / 1e6);
            double transactions = metric(metrics, "tocsin_ingest_transactions_total{", "outcome=\"committed\"");
            double shared = metric(metrics, "tocsin_ingest_transaction_requests_sum", "");
            System.out.printf(
                    "  Kafka transactions: %s%n",
                    transactions < 0
                            ? "one per request (no group commit)"
                            : String.format(
                                    "%.0f, %.1f requests each on average", transactions, shared / transactions));
            System.out.printf(
                    "  heap used MiB     : %d (JVM uptime %d s, %d cores)%n",
                    (rt.totalMemory() - rt.freeMemory()) >> 20,
                    ManagementFactory.getRuntimeMXBean().getUptime() / 1000,
                    rt.availableProcessors());
        }
    }

    /** {@code concurrency} clients share the {@code requests} (client c sends every c-th); distinct alerts throughout. */
    private static void runConcurrently(
            HttpClient http,
            String url,
            int firstRequest,
            int requests,
            int perRequest,
            int concurrency,
            long[] latencies)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    run(http, url, firstRequest, requests, perRequest, client, concurrency, latencies);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdown();
        }
    }

    private static void run(
            HttpClient http,
            String url,
            int firstRequest,
            int requests,
            int perRequest,
            int client,
            int concurrency,
            long[] latencies)
            throws Exception {
        for (int i = client; i < requests; i += concurrency) {
            byte[] body = StormAlerts.webhook((long) (firstRequest + i) * perRequest, perRequest, 50, Instant.now());
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer local-dev-token")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            latencies[i] = System.nanoTime() - t0;
            if (response.statusCode() != 202) {
                throw new IllegalStateException(
                        "request " + i + " got " + response.statusCode() + ": " + response.body());
            }
        }
    }

    /** The value of the first Prometheus sample line starting with {@code name} and containing {@code label}; -1 if none. */
    private static double metric(String scrape, String name, String label) {
        return scrape.lines()
                .filter(l -> l.startsWith(name) && l.contains(label))
                .findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElse(-1.0);
    }

    private static double pct(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
