package dev.tocsin.e2e.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;

/**
 * The client half of {@code e2e/bench/storm.sh}: the script starts and stops the servers (a real
 * Alertmanager, alert-ingest alone, the local stack, nginx) and calls one phase of this class
 * against each; every phase appends its figures as {@code key=value} lines to STORM_RESULTS, and
 * {@code report} prints them with the targets ({@link StormReport}).
 *
 * <p>Sizes come from the environment: STORM_ALERTS active alerts (the first STORM_WARMUP_PERCENT
 * of them warm the server up untimed), STORM_BATCH alerts per request over STORM_PRODUCTS
 * products, STORM_CONCURRENCY requests in flight, and so on (see storm.sh).
 */
public final class StormBenchmark {

    private static final Map<String, String> ENV = System.getenv();
    private static final int ALERTS = setting("STORM_ALERTS", 100_000);
    /** Seconds both peers get after a storm before their memory is read again: what they hold, not their garbage. */
    private static final int SETTLE_SECONDS = setting("STORM_SETTLE_SECONDS", 15);

    private static final int BATCH = setting("STORM_BATCH", 100);
    private static final int PRODUCTS = setting("STORM_PRODUCTS", 10);
    private static final int CONCURRENCY = setting("STORM_CONCURRENCY", 4);
    static final int WARMUP_PERCENT = setting("STORM_WARMUP_PERCENT", 30);
    private static final int DRAIN_TIMEOUT_SECONDS = setting("STORM_DRAIN_TIMEOUT_SECONDS", 600);
    private static final int LATENCY_SAMPLES = setting("STORM_LATENCY_SAMPLES", 40);
    private static final int LATENCY_LEVEL_SECONDS = setting("STORM_LATENCY_LEVEL_SECONDS", 60);
    private static final int PAGE_REQUESTS = setting("STORM_PAGE_REQUESTS", 50_000);
    private static final String LOAD_LEVELS = ENV.getOrDefault("STORM_LOAD_LEVELS", "1000,5000");
    private static final List<String> PAGES = List.of("/", "/api/v2/summary.json");

    private StormBenchmark() {}

    public static void main(String[] args) throws Exception {
        Results results = new Results(Path.of(ENV.getOrDefault("STORM_RESULTS", "storm-results.txt")));
        switch (args[0]) {
            case "alertmanager" -> alertmanager(results, args[1], Long.parseLong(args[2]));
            case "ingest-alone" -> ingestAlone(results, args[1]);
            case "pipeline" ->
                pipeline(
                        results,
                        args[1],
                        args[2],
                        args[3],
                        args[4],
                        Long.parseLong(args[5]),
                        List.of(args[6], args[7], args[8]));
            case "page-bytes" -> pageBytes(args[1], Path.of(args[2]));
            case "page-rate" -> pageRate(results, args[1], args[2]);
            case "latency" -> latency(results, args[1], args[2], args[3]);
            case "report" -> StormReport.print(results.read());
            default -> throw new IllegalArgumentException("unknown phase " + args[0]);
        }
    }

    /** 1 and 4 for Alertmanager: accepted alerts/s, then RSS with every alert active. */
    private static void alertmanager(Results results, String url, long pid) throws Exception {
        long idle = Rss.kib(pid);
        AlertLoad load = AlertLoad.alertmanager(url);
        AlertLoad.Result result = warmUpThenFlood(load, StormAlerts::alertmanagerApi);
        long active = Rss.kib(pid);
        Thread.sleep(SETTLE_SECONDS * 1000L);
        results.put("am.rss.settledKiB", Rss.kib(pid));
        String metrics = get(url + "/metrics");
        // alerts it holds, whatever their state (before its dispatcher's group_wait they are "unprocessed")
        Matcher m =
                Pattern.compile("alertmanager_alerts\\{state=\"\\w+\"} (\\S+)").matcher(metrics);
        double held = 0;
        while (m.find()) {
            held += Double.parseDouble(m.group(1));
        }
        results.put("am.accepted", result.alertsPerSecond());
        results.put("am.clientCores", result.clientCores());
        results.put("am.rss.idleKiB", idle);
        results.put("am.rss.activeKiB", active);
        results.put("am.activeAlerts", held);
        results.put("alerts", ALERTS);
        results.put("concurrency", CONCURRENCY);
        System.out.printf(
                "Alertmanager: %,.0f alerts/s accepted, RSS %,d -> %,d KiB%n", result.alertsPerSecond(), idle, active);
    }

    /** 1 for Tocsin: alert-ingest with nothing behind it. */
    private static void ingestAlone(Results results, String url) throws Exception {
        AlertLoad.Result result = warmUpThenFlood(AlertLoad.tocsin(url), StormAlerts::webhook);
        results.put("ingestAlone.accepted", result.alertsPerSecond());
        results.put("ingestAlone.clientCores", result.clientCores());
        results.put("ingestAlone.refusals", result.refusals());
        System.out.printf("alert-ingest alone: %,.0f alerts/s accepted%n", result.alertsPerSecond());
    }

    /** 1, 2, 4 and 5 for the whole local stack; {@code management} are the three services' management URLs. */
    private static void pipeline(
            Results results,
            String ingest,
            String correlator,
            String publisher,
            String bootstrap,
            long pid,
            List<String> management)
            throws Exception {
        AlertLoad load = AlertLoad.tocsin(ingest);
        List<byte[]> warmup = bodies(0, warmupAlerts(), StormAlerts::webhook);
        List<byte[]> storm = bodies(warmupAlerts(), ALERTS, StormAlerts::webhook);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            long idle = Rss.kib(pid);
            load.flood(warmup, BATCH, CONCURRENCY);
            drain(admin);
            Map<String, Long> before = KafkaBytes.byTopic(admin);
            MetricsSampler sampler = new MetricsSampler(Map.of(
                    "alert-ingest",
                    management.get(0),
                    "incident-correlator",
                    management.get(1),
                    "status-publisher",
                    management.get(2)));
            long t0 = System.nanoTime();
            AlertLoad.Result accepted = load.flood(storm, BATCH, CONCURRENCY);
            long lagLeft = drain(admin);
            double seconds = (System.nanoTime() - t0) / 1e9;
            sampler.close();
            Map<String, Long> after = KafkaBytes.byTopic(admin);
            long active = Rss.kib(pid);
            Thread.sleep(SETTLE_SECONDS * 1000L);
            results.put("tocsin.rss.settledKiB", Rss.kib(pid));

            long stormAlerts = accepted.alerts();
            results.put("pipeline.accepted", accepted.alertsPerSecond());
            results.put("pipeline.clientCores", accepted.clientCores());
            results.put("pipeline.refusals", accepted.refusals());
            results.put("pipeline.drained", stormAlerts / seconds);
            results.put("pipeline.drainSeconds", seconds);
            results.put("pipeline.lagLeft", lagLeft);
            List<Map.Entry<String, Long>> growth = new ArrayList<>();
            after.forEach((topic, bytes) -> growth.add(Map.entry(topic, bytes - before.getOrDefault(topic, 0L))));
            growth.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            results.put(
                    "kafka.bytesPerAlert",
                    growth.stream().mapToLong(Map.Entry::getValue).sum() / (double) stormAlerts);
            results.put(
                    "kafka.topTopics",
                    String.join(
                            " ",
                            growth.stream()
                                    .limit(4)
                                    .map(e -> e.getKey() + ":" + Math.round(e.getValue() / (double) stormAlerts) + "B")
                                    .toList()));
            results.put("tocsin.rss.idleKiB", idle);
            results.put("tocsin.rss.activeKiB", active);
            sampler.report(results);
            System.out.printf(
                    "pipeline: %,.0f alerts/s accepted, %,.0f alerts/s drained (%.1f s)%n",
                    accepted.alertsPerSecond(), stormAlerts / seconds, seconds);
        }
    }

    /** Waits until every consumer group is at the end of its inputs; returns the lag left (0, or what the timeout left). */
    private static long drain(Admin admin) throws Exception {
        long deadline =
                System.nanoTime() + Duration.ofSeconds(DRAIN_TIMEOUT_SECONDS).toNanos();
        long lag;
        while ((lag = Offsets.lagOfAllGroups(admin)) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling interval of the committed offsets, not a wait for the result
        }
        return lag;
    }

    /** 6, first half: the page's bytes as they are now, written where nginx serves them. */
    private static void pageBytes(String publisher, Path root) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String page : PAGES) {
            HttpResponse<byte[]> answer = http.send(
                    HttpRequest.newBuilder(URI.create(publisher + page)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            Path file = root.resolve(page.equals("/") ? "index.html" : page.substring(1));
            Files.createDirectories(file.getParent());
            Files.write(file, answer.body());
        }
    }

    /** 6: requests/s and p99 of ab -k -c 16 for each page, Tocsin then nginx with the same bytes. */
    private static void pageRate(Results results, String publisher, String nginx) throws Exception {
        for (String page : PAGES) {
            String key = page.equals("/") ? "page.root" : "page.summary";
            Ab.run(publisher + page, PAGE_REQUESTS); // warm-up: the JIT compiles the request path in the first ~50 000
            Ab.Result tocsin = Ab.run(publisher + page, PAGE_REQUESTS);
            Ab.Result plain = Ab.run(nginx + page, PAGE_REQUESTS);
            results.put(key + ".tocsin.rps", tocsin.requestsPerSecond());
            results.put(key + ".tocsin.p99ms", tocsin.p99Millis());
            results.put(key + ".tocsin.failed", tocsin.failed());
            results.put(key + ".nginx.rps", plain.requestsPerSecond());
            results.put(key + ".nginx.p99ms", plain.p99Millis());
            results.put(key + ".bytes", tocsin.documentBytes());
            System.out.printf(
                    "%s: Tocsin %,.0f req/s, nginx %,.0f req/s%n",
                    page, tocsin.requestsPerSecond(), plain.requestsPerSecond());
        }
    }

    /** 3: single alerts for fresh products while a background load runs at each level. */
    private static void latency(Results results, String ingest, String publisher, String bootstrap) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AlertLoad load = AlertLoad.tocsin(ingest);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
                LatencyProbe probe = new LatencyProbe(http, ingest, publisher, 5)) {
            for (String level : LOAD_LEVELS.split(",")) {
                int rate = Integer.parseInt(level.trim());
                results.put("latency." + rate + ".lagAtStart", drain(admin));
                long base = 1_000_000_000L + rate * 10_000_000L; // background alerts distinct from every other phase
                Instant startsAt = Instant.now();
                List<Long> latencies = new ArrayList<>();
                int timeouts = 0;
                double achieved;
                long budgetEnd = System.nanoTime()
                        + Duration.ofSeconds(LATENCY_LEVEL_SECONDS).toNanos();
                try (AlertLoad.Paced background = load.paced(
                        seq -> StormAlerts.webhook(base + seq * BATCH, BATCH, PRODUCTS, startsAt), BATCH, rate, 8)) {
                    for (int k = 1; k <= LATENCY_SAMPLES && System.nanoTime() < budgetEnd; k++) {
                        Duration left = Duration.ofNanos(Math.max(1_000_000_000L, budgetEnd - System.nanoTime()));
                        LatencyProbe.Sample sample = probe.measure("p" + (rate * 1000L + k), left);
                        if (sample.timedOut()) {
                            timeouts++;
                        } else {
                            latencies.add(sample.pageNanos());
                        }
                    }
                    achieved = background.achievedPerSecond();
                }
                long[] sorted =
                        latencies.stream().mapToLong(Long::longValue).sorted().toArray();
                int samples = sorted.length + timeouts;
                results.put("latency." + rate + ".samples", samples);
                results.put("latency." + rate + ".timeouts", timeouts);
                results.put("latency." + rate + ".achieved", achieved);
                // a timed-out sample is slower than every answered one
                results.put("latency." + rate + ".p50ms", percentile(sorted, samples, 50));
                results.put("latency." + rate + ".p99ms", percentile(sorted, samples, 99));
                System.out.printf("latency at %d alerts/s: %d samples, %d timed out%n", rate, samples, timeouts);
            }
        }
    }

    /** Percentile in ms over {@code samples}, the missing ones being timeouts (infinite). */
    private static double percentile(long[] sorted, int samples, int percentile) {
        int index = Math.max(0, (int) Math.ceil(percentile / 100.0 * samples) - 1);
        return index < sorted.length ? sorted[index] / 1e6 : Double.POSITIVE_INFINITY;
    }

    private interface Render {
        byte[] render(long first, int count, int products, Instant startsAt);
    }

    private static AlertLoad.Result warmUpThenFlood(AlertLoad load, Render render) throws Exception {
        load.flood(bodies(0, warmupAlerts(), render), BATCH, CONCURRENCY);
        return load.flood(bodies(warmupAlerts(), ALERTS, render), BATCH, CONCURRENCY);
    }

    private static int warmupAlerts() {
        return ALERTS * WARMUP_PERCENT / 100 / BATCH * BATCH;
    }

    private static List<byte[]> bodies(long from, long to, Render render) {
        Instant startsAt = Instant.now();
        List<byte[]> out = new ArrayList<>();
        for (long first = from; first < to; first += BATCH) {
            out.add(render.render(first, (int) Math.min(BATCH, to - first), PRODUCTS, startsAt));
        }
        return out;
    }

    static String get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static int setting(String name, int fallback) {
        String value = ENV.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    /** The figures of every phase, one key=value a line, appended as phases finish. */
    record Results(Path file) {
        void put(String key, Object value) throws IOException {
            String text = value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value);
            Files.writeString(
                    file,
                    key + "=" + text + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }

        Map<String, String> read() throws IOException {
            Map<String, String> out = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return out;
        }
    }
}
