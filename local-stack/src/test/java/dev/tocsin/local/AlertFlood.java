package dev.tocsin.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients posting batches of generic alerts, each alert with a unique summary, and remembering
 * which alerts alert-ingest acknowledged with 202. A request cut off by a crash is not acknowledged.
 */
final class AlertFlood implements AutoCloseable {

    private static final String[] PRODUCTS = {"chat", "voice", "talk", "guide"};

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final String url;
    private final String prefix;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean stopped;

    AlertFlood(String ingestUrl, String prefix) {
        this.url = ingestUrl + "/api/v1/alerts";
        this.prefix = prefix;
    }

    /** Starts {@code clients} threads posting batches of {@code perBatch} alerts back to back. */
    AlertFlood start(int clients, int perBatch) {
        for (int c = 0; c < clients; c++) {
            Thread client = new Thread(
                    () -> {
                        while (!stopped) {
                            try {
                                post(perBatch);
                            } catch (IOException e) {
                                pause(); // the stack is down: nothing was acknowledged
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "alert-flood-" + c);
            client.setDaemon(true);
            this.clients.add(client);
            client.start();
        }
        return this;
    }

    /** Posts one batch; returns its status and remembers its alerts when it is 202. */
    int post(int perBatch) throws IOException, InterruptedException {
        List<String> summaries = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < perBatch; i++) {
            int n = next.getAndIncrement();
            String summary = prefix + "-" + n;
            summaries.add(summary);
            body.append(i == 0 ? "" : ",")
                    .append("{\"source\":\"kill-nine\",\"status\":\"firing\",\"product\":\"")
                    .append(PRODUCTS[n % PRODUCTS.length])
                    .append("\",\"component\":\"api\",\"summary\":\"")
                    .append(summary)
                    .append("\"}");
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer local-dev-token")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                body.append(']').toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 202) {
            acknowledged.addAll(summaries);
        }
        return response.statusCode();
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread client : clients) {
            client.join(35_000);
        }
    }
}
