package dev.tocsin.e2e.faults;

import dev.tocsin.e2e.bench.StormAlerts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for a fault: clients post Alertmanager webhooks to alert-ingest, every alert with its own id
 * (alert {@code i} has the label {@code instance=host-i}, see {@link StormAlerts}), and remember which
 * alerts were acknowledged with 202. A batch that fails (refused, timed out, connection lost) is
 * never resent: its alerts were not acknowledged, and a resend would make a legitimate duplicate that
 * the checker could not tell from a real one.
 */
final class TaggedAlertLoad implements AutoCloseable {

    /** One answered request: when it was sent and answered (nanoTime) and its status. */
    record Answer(long sentNanos, long answeredNanos, int status) {}

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final URI url;
    private final AtomicLong next;
    private final long first;
    private final String productPrefix;
    private final int perBatch;
    private final Duration pause;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * Alerts numbered from {@code first}, for the products {@code productPrefix0 .. productPrefix3}; each
     * client posts {@code perBatch} alerts, then waits {@code pause}.
     */
    TaggedAlertLoad(String ingestUrl, long first, String productPrefix, int perBatch, Duration pause) {
        this.url = URI.create(ingestUrl + "/api/v1/alerts/alertmanager");
        this.first = first;
        this.productPrefix = productPrefix;
        this.next = new AtomicLong(first);
        this.perBatch = perBatch;
        this.pause = pause;
    }

    /** The id an alert carries: its {@code instance} label. */
    static String id(long i) {
        return "host-" + i;
    }

    TaggedAlertLoad start(int clientCount) {
        for (int c = 0; c < clientCount; c++) {
            Thread client = new Thread(
                    () -> {
                        while (!stopped) {
                            postOnce();
                            try {
                                Thread.sleep(pause.toMillis());
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "fault-load-" + c);
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
        return this;
    }

    private void postOnce() {
        long batch = next.getAndAdd(perBatch);
        byte[] body = StormAlerts.webhook(batch, perBatch, productPrefix, FaultStack.PRODUCTS, Instant.now());
        long sent = System.nanoTime();
        int status;
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(Duration.ofSeconds(20))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + FaultStack.TOKEN)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
        } catch (IOException e) {
            status = 0; // connection refused or lost, timed out: not acknowledged
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        answers.add(new Answer(sent, System.nanoTime(), status));
        statuses.computeIfAbsent(status, s -> new AtomicLong()).addAndGet(perBatch);
        if (status == 202) {
            for (long i = batch; i < batch + perBatch; i++) {
                acknowledged.add(id(i));
            }
        }
    }

    /** Ids of the alerts acknowledged with 202. */
    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Whether {@code id} belongs to this load's alerts (sent or not). */
    boolean owns(String id) {
        if (!id.startsWith("host-")) {
            return false;
        }
        long i = Long.parseLong(id.substring(5));
        return i >= first && i < next.get();
    }

    /** Requests sent after {@code fromNanos} and answered 2xx before {@code toNanos}. */
    long acceptedBetween(long fromNanos, long toNanos) {
        return answers.stream()
                .filter(a -> a.sentNanos() >= fromNanos && a.answeredNanos() <= toNanos)
                .filter(a -> a.status() / 100 == 2)
                .count();
    }

    /** Alerts per answer status (0: no answer), for the log. */
    Map<Integer, AtomicLong> statuses() {
        return statuses;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread client : clients) {
            client.join(30_000);
        }
    }
}
