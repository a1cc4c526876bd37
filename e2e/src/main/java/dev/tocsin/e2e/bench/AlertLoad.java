package dev.tocsin.e2e.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * The storm's client: posts pre-serialized alert batches over several connections at once (Java
 * HttpClient, HTTP/1.1 keep-alive). An overload answer (429/503) is retried after its Retry-After,
 * as Alertmanager would; any other refusal stops the benchmark, since it means alerts were lost.
 */
final class AlertLoad {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI url;
    private final String[] headers;
    private final AtomicLong refusals = new AtomicLong();

    /** {@code headers}: name, value, name, value ... */
    AlertLoad(String url, String... headers) {
        this.url = URI.create(url);
        this.headers = headers;
    }

    /** Tocsin's Alertmanager webhook route, with the local stack's token. */
    static AlertLoad tocsin(String ingestUrl) {
        return new AlertLoad(
                ingestUrl + "/api/v1/alerts/alertmanager",
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer local-dev-token");
    }

    /** Alertmanager's own API, where Prometheus posts. */
    static AlertLoad alertmanager(String alertmanagerUrl) {
        return new AlertLoad(alertmanagerUrl + "/api/v2/alerts", "Content-Type", "application/json");
    }

    /** What one flood achieved: alerts accepted, wall time, and the client's own CPU (cores busy on average). */
    record Result(long alerts, double seconds, long refusals, double clientCores) {
        double alertsPerSecond() {
            return alerts / seconds;
        }
    }

    /** Posts every body once, {@code concurrency} requests in flight; the clock runs from the first send to the last 2xx. */
    Result flood(List<byte[]> bodies, int alertsPerBody, int concurrency) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        long refusedBefore = refusals.get();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(thread("storm-client-" + w, () -> {
                try {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        post(bodies.get(i));
                    }
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    next.set(bodies.size());
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cores = (processCpuNanos() - cpu0) / 1e9 / seconds;
        return new Result((long) bodies.size() * alertsPerBody, seconds, refusals.get() - refusedBefore, cores);
    }

    /** Background load: fresh batches ({@code body.apply(sequence)}) at a fixed rate until closed. */
    Paced paced(LongFunction<byte[]> body, int alertsPerBody, double alertsPerSecond, int concurrency) {
        return new Paced(body, alertsPerBody, alertsPerSecond, concurrency);
    }

    final class Paced implements AutoCloseable {
        private final AtomicLong sequence = new AtomicLong();
        private final AtomicLong accepted = new AtomicLong();
        private final List<Thread> workers = new ArrayList<>();
        private final long started = System.nanoTime();
        private volatile boolean running = true;

        private Paced(LongFunction<byte[]> body, int alertsPerBody, double alertsPerSecond, int concurrency) {
            long interval = (long) (1e9 * alertsPerBody / alertsPerSecond);
            for (int w = 0; w < concurrency; w++) {
                workers.add(thread("storm-background-" + w, () -> {
                    while (running) {
                        long seq = sequence.getAndIncrement();
                        long wait = started + seq * interval - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        try {
                            post(body.apply(seq));
                            accepted.addAndGet(alertsPerBody);
                        } catch (RuntimeException e) {
                            // keep the load going; the achieved rate shows what was accepted
                        }
                    }
                }));
            }
        }

        /** Alerts/s accepted since the load started. */
        double achievedPerSecond() {
            return accepted.get() / ((System.nanoTime() - started) / 1e9);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread worker : workers) {
                worker.interrupt();
                worker.join(10_000);
            }
        }
    }

    /** Posts one body until it is accepted (2xx), retrying overload answers; fails on any other refusal. */
    void post(byte[] body) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(url)
                                .headers(headers)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return;
                }
                if (status != 429 && status != 503) {
                    throw new IllegalStateException(url + " answered " + status + ": " + response.body());
                }
                refusals.incrementAndGet();
                Thread.sleep(retryAfterSeconds(response) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.io.IOException e) {
                if (attempt >= 3) {
                    throw new IllegalStateException(url + " failed: " + e, e);
                }
                refusals.incrementAndGet();
            }
        }
    }

    /** Retry-After in seconds; 1 when absent or an HTTP date. */
    private static long retryAfterSeconds(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse("1").trim();
        return value.matches("\\d+") ? Math.max(1, Long.parseLong(value)) : 1;
    }

    static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
