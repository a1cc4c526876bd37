package dev.tocsin.e2e.bench;

import dev.tocsin.local.LocalStack;
import dev.tocsin.runtime.config.Environment;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

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

    private StatusLatencyBenchmark() {}

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
                "TOCSIN_LOCAL_DEMO", "false",
                // the components are the allow-list of public products: one per probed product
                "TOCSIN_PUBLISHER_COMPONENTS",
                        java.util.stream.IntStream.rangeClosed(1, incidents)
                                .mapToObj(i -> String.format("p%03d", i))
                                .collect(java.util.stream.Collectors.joining(","))));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (LocalStack stack = new LocalStack()) {
            stack.start(env);
            long[] latencies = new long[incidents];
            long[] accepted = new long[incidents];
            long polls;
            long fullAnswers;
            try (LatencyProbe probe = new LatencyProbe(http, stack.ingestUrl(), stack.publisherUrl(), pollMillis)) {
                for (int i = 0; i < incidents; i++) {
                    LatencyProbe.Sample sample = probe.measure(String.format("p%03d", i + 1), Duration.ofSeconds(60));
                    if (sample.timedOut()) {
                        throw new IllegalStateException("p" + (i + 1) + " never showed as degraded on the status page");
                    }
                    latencies[i] = sample.pageNanos();
                    accepted[i] = sample.acceptedNanos();
                }
                polls = probe.polls();
                fullAnswers = probe.fullAnswers();
            }

            Arrays.sort(latencies);
            Arrays.sort(accepted);
            Runtime rt = Runtime.getRuntime();
            System.out.printf(
                    "%nAlert -> degraded component on the status page, local stack, %d incidents (poll every %d ms)%n",
                    incidents, pollMillis);
            System.out.printf(
                    "  end to end ms   p50/p90/p99/max : %.0f / %.0f / %.0f / %.0f  (mean %.0f)%n",
                    pct(latencies, 50),
                    pct(latencies, 90),
                    pct(latencies, 99),
                    latencies[incidents - 1] / 1e6,
                    Arrays.stream(latencies).average().orElse(0) / 1e6);
            System.out.printf(
                    "  ingest 202 ms   p50/p99         : %.1f / %.1f%n", pct(accepted, 50), pct(accepted, 99));
            System.out.printf(
                    "  page polls      : %d (%d answered 200, the rest 304 Not Modified)%n", polls, fullAnswers);
            System.out.printf("  heap used       : %d MiB%n", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        }
    }

    private static double pct(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
