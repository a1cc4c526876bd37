package dev.tocsin.e2e.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints the storm benchmark's six figures and the targets (issue 9), each with pass or fail. */
final class StormReport {

    private final Map<String, String> r;
    private final List<String[]> targets = new ArrayList<>();

    private StormReport(Map<String, String> results) {
        this.r = results;
    }

    static void print(Map<String, String> results) {
        new StormReport(results).print();
    }

    private void print() {
        long alerts = (long) num("alerts");
        System.out.printf(
                "%nStorm benchmark: %,d active alerts (batches of %s over %s products, first %s%% untimed warm-up), "
                        + "%s requests in flight, %d cores%n",
                alerts,
                env("STORM_BATCH", "100"),
                env("STORM_PRODUCTS", "10"),
                StormBenchmark.WARMUP_PERCENT,
                r.get("concurrency"),
                Runtime.getRuntime().availableProcessors());

        double am = num("am.accepted");
        double alone = num("ingestAlone.accepted");
        double withPipeline = num("pipeline.accepted");
        System.out.println("\n1. Accepted alerts/s, same client and alerts");
        System.out.printf(
                "   Alertmanager 0.25, POST /api/v2/alerts      %,10.0f   (client busy %.2f cores)%n",
                am, num("am.clientCores"));
        System.out.printf(
                "   Tocsin alert-ingest alone, webhook route    %,10.0f   (client busy %.2f cores, %s overload answers)%n",
                alone, num("ingestAlone.clientCores"), r.get("ingestAlone.refusals"));
        System.out.printf(
                "   Tocsin alert-ingest, whole pipeline running %,10.0f   (client busy %.2f cores, %s overload answers)%n",
                withPipeline, num("pipeline.clientCores"), r.get("pipeline.refusals"));
        System.out.printf("   ratio to Alertmanager: alone %.2f, with pipeline %.2f%n", alone / am, withPipeline / am);

        double drained = num("pipeline.drained");
        long lagLeft = (long) num("pipeline.lagLeft");
        System.out.println(
                "\n2. Whole pipeline, first POST until every consumer group committed to the end of its inputs");
        System.out.printf(
                "   %,.0f alerts/s  (%.1f s%s)%n",
                drained,
                num("pipeline.drainSeconds"),
                lagLeft > 0 ? ", NOT drained: " + lagLeft + " records left at the timeout" : "");

        System.out.println(
                "\n3. Alert -> status page (components.json polled every 5 ms with If-None-Match), fresh product each");
        double p99At1000 = Double.NaN;
        for (String level : env("STORM_LOAD_LEVELS", "1000,5000").split(",")) {
            String k = "latency." + level.trim();
            if (!r.containsKey(k + ".p99ms")) {
                continue;
            }
            System.out.printf(
                    "   background %,6d alerts/s (achieved %,6.0f): p50 %s  p99 %s  (%s samples, %s timed out, "
                            + "backlog at start %s records)%n",
                    Integer.parseInt(level.trim()),
                    num(k + ".achieved"),
                    ms(num(k + ".p50ms")),
                    ms(num(k + ".p99ms")),
                    r.get(k + ".samples"),
                    r.get(k + ".timeouts"),
                    r.get(k + ".lagAtStart"));
            if (level.trim().equals("1000")) {
                p99At1000 = num(k + ".p99ms");
            }
        }

        double amPerAlert = (num("am.rss.activeKiB") - num("am.rss.idleKiB")) * 1024 / alerts;
        double tocsinPerAlert = (num("tocsin.rss.activeKiB") - num("tocsin.rss.idleKiB")) * 1024 / alerts;
        System.out.printf(
                "%n4. Resident memory (VmRSS) at %,d active alerts: growth from idle per alert (total / alerts)%n",
                alerts);
        System.out.printf(
                "   Alertmanager            %,7.0f B  (%,.0f -> %,.0f MiB, %,.0f B; it holds %,.0f alerts)%n",
                amPerAlert,
                num("am.rss.idleKiB") / 1024,
                num("am.rss.activeKiB") / 1024,
                num("am.rss.activeKiB") * 1024 / alerts,
                num("am.activeAlerts"));
        System.out.printf(
                "   Tocsin, one JVM         %,7.0f B  (%,.0f -> %,.0f MiB, %,.0f B)%n",
                tocsinPerAlert,
                num("tocsin.rss.idleKiB") / 1024,
                num("tocsin.rss.activeKiB") / 1024,
                num("tocsin.rss.activeKiB") * 1024 / alerts);
        double amSettled = (num("am.rss.settledKiB") - num("am.rss.idleKiB")) * 1024 / alerts;
        double tocsinSettled = (num("tocsin.rss.settledKiB") - num("tocsin.rss.idleKiB")) * 1024 / alerts;
        System.out.printf(
                "   settled (%s s later, alerts still active): Alertmanager %,.0f B (%,.0f MiB), Tocsin %,.0f B (%,.0f MiB)%n",
                System.getenv().getOrDefault("STORM_SETTLE_SECONDS", "15"),
                amSettled,
                num("am.rss.settledKiB") / 1024,
                tocsinSettled,
                num("tocsin.rss.settledKiB") / 1024);
        System.out.println(
                "   (the local stack runs broker, registry and the three services in one JVM: the broker is not separable)");

        double bytesPerAlert = num("kafka.bytesPerAlert");
        System.out.println(
                "\n5. Kafka bytes written per alert (all topic partitions, describeLogDirs before/after the storm)");
        System.out.printf("   %,.0f B/alert; largest: %s%n", bytesPerAlert, r.get("kafka.topTopics"));
        System.out.println("   /metrics during the storm (scraped every 500 ms): p50 / max time, largest body");
        double worstScrape = 0;
        for (String service : List.of("alert-ingest", "incident-correlator", "status-publisher")) {
            String k = "metrics." + service;
            System.out.printf(
                    "   %-20s %6.1f / %6.1f ms, %,5.0f KB  (%s scrapes)%n",
                    service, num(k + ".p50ms"), num(k + ".maxms"), num(k + ".bytes") / 1000, r.get(k + ".scrapes"));
            worstScrape = Math.max(worstScrape, num(k + ".maxms"));
        }

        System.out.printf(
                "%n6. Status page, ab -k -c 16 -n %s, beside nginx serving the same bytes%n",
                env("STORM_PAGE_REQUESTS", "50000"));
        double worstPageRatio = Double.POSITIVE_INFINITY;
        for (String[] page : new String[][] {{"/", "page.root"}, {"/api/v2/summary.json", "page.summary"}}) {
            String k = page[1];
            double ratio = num(k + ".tocsin.rps") / num(k + ".nginx.rps");
            worstPageRatio = Math.min(worstPageRatio, ratio);
            System.out.printf(
                    "   %-21s %,6.0f B  Tocsin %,7.0f req/s p99 %3.0f ms | nginx %,7.0f req/s p99 %3.0f ms | %.2f of nginx%s%n",
                    page[0],
                    num(k + ".bytes"),
                    num(k + ".tocsin.rps"),
                    num(k + ".tocsin.p99ms"),
                    num(k + ".nginx.rps"),
                    num(k + ".nginx.p99ms"),
                    ratio,
                    num(k + ".tocsin.failed") > 0
                            ? " (" + r.get(k + ".tocsin.failed") + " answers differed in length or status)"
                            : "");
        }

        target(
                "whole pipeline >= 10 000 alerts/s (at least 5 000)",
                String.format("%,.0f alerts/s", drained),
                drained >= 10_000 && lagLeft == 0);
        target("ingest alone >= Alertmanager", String.format("%,.0f vs %,.0f", alone, am), alone >= am);
        target("alert -> page p99 < 1 s at 1 000 alerts/s", ms(p99At1000), p99At1000 < 1000);
        target("Kafka bytes per alert < 2 KB", String.format("%,.0f B", bytesPerAlert), bytesPerAlert < 2048);
        target(
                "memory per active alert <= Alertmanager (settled)",
                String.format("%,.0f vs %,.0f B", tocsinSettled, amSettled),
                tocsinSettled <= amSettled);
        target("/metrics < 100 ms during the storm", String.format("max %.0f ms", worstScrape), worstScrape < 100);
        target(
                "status page >= half of nginx (both routes)",
                String.format("%.2f of nginx", worstPageRatio),
                worstPageRatio >= 0.5);
        System.out.println("\nTargets (issue 9)");
        targets.forEach(t -> System.out.printf("   %-52s %-22s %s%n", t[0], t[1], t[2]));
    }

    private void target(String name, String measured, boolean pass) {
        targets.add(new String[] {name, measured, pass ? "PASS" : "FAIL"});
    }

    private double num(String key) {
        String value = r.get(key);
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    private static String ms(double millis) {
        return Double.isInfinite(millis)
                ? "timed out"
                : Double.isNaN(millis) ? "n/a" : String.format("%,.0f ms", millis);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
