package dev.tocsin.publisher.delivery;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on a free local port: answers from a script (the last answer repeats) and
 * remembers every request. Its URL carries a token, as real webhook URLs do, so tests can check
 * it never leaks.
 */
final class Receiver implements AutoCloseable {

    static final String TOKEN = "hook-token-7f3a9c";

    /** One answer: status, extra response headers, and how long to wait before answering. */
    record Answer(int status, Map<String, String> headers, Duration delay) {
        static Answer status(int status) {
            return new Answer(status, Map.of(), Duration.ZERO);
        }

        static Answer status(int status, String header, String value) {
            return new Answer(status, Map.of(header, value), Duration.ZERO);
        }

        static Answer slow(int status, Duration delay) {
            return new Answer(status, Map.of(), delay);
        }
    }

    /** One request as received. */
    record Request(String method, String path, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Answer> script;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private Receiver(List<Answer> answers) {
        this.script = new ArrayDeque<>(answers);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static Receiver answering(Answer... answers) {
        return new Receiver(List.of(answers));
    }

    static Receiver answering(int... statuses) {
        return new Receiver(
                java.util.Arrays.stream(statuses).mapToObj(Answer::status).toList());
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/hooks/" + TOKEN;
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            Headers headers = new Headers();
            headers.putAll(exchange.getRequestHeaders());
            requests.add(new Request(
                    exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, in.readAllBytes()));
            Answer answer = next();
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(answer.status(), -1);
        }
    }

    private synchronized Answer next() {
        return script.size() > 1 ? script.poll() : script.peek();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
