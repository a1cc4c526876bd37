package dev.tocsin.e2e.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Scrapes each service's /metrics (on its management port) twice a second while the storm runs, as Prometheus would, timing each scrape. */
final class MetricsSampler implements AutoCloseable {

    private record Scrape(long nanos, int bytes) {}

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, List<Scrape>> scrapes = new TreeMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    MetricsSampler(Map<String, String> serviceUrls) {
        serviceUrls.keySet().forEach(service -> scrapes.put(service, new ArrayList<>()));
        thread = AlertLoad.thread("metrics-sampler", () -> {
            while (running) {
                serviceUrls.forEach((service, url) -> {
                    try {
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> answer = http.send(
                                HttpRequest.newBuilder(URI.create(url + "/metrics"))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        synchronized (scrapes) {
                            scrapes.get(service).add(new Scrape(System.nanoTime() - t0, answer.body().length));
                        }
                    } catch (Exception e) {
                        // a failed scrape leaves a gap, as in Prometheus
                    }
                });
                try {
                    Thread.sleep(500); // scrape interval
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** metrics.&lt;service&gt;.p50ms / .maxms / .bytes / .scrapes */
    void report(StormBenchmark.Results results) throws Exception {
        synchronized (scrapes) {
            for (Map.Entry<String, List<Scrape>> e : scrapes.entrySet()) {
                long[] nanos =
                        e.getValue().stream().mapToLong(Scrape::nanos).sorted().toArray();
                String key = "metrics." + e.getKey();
                results.put(key + ".scrapes", nanos.length);
                if (nanos.length > 0) {
                    results.put(key + ".p50ms", nanos[(nanos.length - 1) / 2] / 1e6);
                    results.put(key + ".maxms", nanos[nanos.length - 1] / 1e6);
                    results.put(
                            key + ".bytes",
                            e.getValue().stream().mapToInt(Scrape::bytes).max().orElse(0));
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
