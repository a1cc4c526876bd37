package dev.tocsin.console.web;

import dev.tocsin.avro.Incident;
import dev.tocsin.console.live.IncidentBoard;
import io.javalin.http.sse.SseClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Server-sent events to every open console: which incidents changed. Changes are gathered and
 * sent every {@value #FLUSH_MS} ms from one thread of their own, so neither the topic reader nor a
 * slow browser waits for the other; the browser then fetches the rows its filters show.
 */
final class LiveEvents {

    static final long FLUSH_MS = 250;
    /** A comment line now and then keeps proxies from closing a quiet stream. */
    static final long KEEP_ALIVE_MS = 15_000;

    private final Set<SseClient> clients = new CopyOnWriteArraySet<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ops-console-sse");
        thread.setDaemon(true);
        return thread;
    });
    private final IncidentBoard board;
    private final Consumer<Incident> listener = this::changed;
    private long lastKeepAlive = System.currentTimeMillis();

    LiveEvents(IncidentBoard board, MeterRegistry registry) {
        this.board = board;
        board.onChange(listener);
        sender.scheduleWithFixedDelay(this::flush, FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
        registry.gaugeCollectionSize("tocsin_console_live_clients", java.util.List.of(), clients);
    }

    void stream(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendEvent("hello", "live");
    }

    private void changed(Incident incident) {
        synchronized (changed) {
            changed.add(incident.getIncidentId());
        }
    }

    private void flush() {
        String ids;
        synchronized (changed) {
            ids = changed.isEmpty() ? null : String.join(",", changed);
            changed.clear();
        }
        long now = System.currentTimeMillis();
        for (SseClient client : clients) {
            try {
                if (client.terminated()) {
                    clients.remove(client);
                } else if (ids != null) {
                    client.sendEvent("incidents", ids);
                } else if (now - lastKeepAlive >= KEEP_ALIVE_MS) {
                    client.sendComment("keep-alive");
                }
            } catch (RuntimeException gone) {
                clients.remove(client);
            }
        }
        if (ids == null && now - lastKeepAlive >= KEEP_ALIVE_MS) {
            lastKeepAlive = now;
        }
    }

    void close() {
        board.removeListener(listener);
        sender.shutdownNow();
        clients.forEach(SseClient::close);
    }
}
