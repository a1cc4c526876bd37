package dev.tocsin.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.shaded.com.github.dockerjava.core.DefaultDockerClientConfig;
import org.testcontainers.shaded.com.github.dockerjava.core.DockerClientImpl;

/**
 * The real probe against a fake Docker engine (the few Engine API calls it makes, answered by a
 * local HTTP server): how it reads an engine that answers, one that cannot pull, a pull that
 * never finishes and an engine that never answers, on a machine without Docker.
 */
@Timeout(60)
class TestcontainersProbeTest {

    private static final String PRESENT = "apache/kafka:4.3.1";
    private static final String MISSING = "confluentinc/cp-schema-registry:8.1.0";

    private final CountDownLatch released = new CountDownLatch(1);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer engine;

    private enum Pulls {
        FAIL,
        HANG
    }

    @AfterEach
    void stopEngine() {
        released.countDown();
        if (engine != null) {
            engine.stop(0);
        }
    }

    /** Starts a fake engine holding {@code images}, whose pulls fail or hang, or which never answers at all. */
    private TestcontainersProbe probe(Set<String> images, Pulls pulls, boolean answers, Duration timeouts)
            throws IOException {
        engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        engine.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-docker-engine");
            thread.setDaemon(true);
            return thread;
        }));
        engine.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            if (!answers || (path.contains("/images/create") && pulls == Pulls.HANG)) {
                awaitRelease();
                exchange.close();
            } else if (path.endsWith("/_ping")) {
                reply(exchange, 200, "OK");
            } else if (path.endsWith("/version")) {
                reply(exchange, 200, "{\"Version\":\"28.2.2\",\"ApiVersion\":\"1.44\",\"Os\":\"linux\"}");
            } else if (path.contains("/images/create")) {
                reply(
                        exchange,
                        500,
                        "{\"message\":\"Get \\\"https://registry-1.docker.io/v2/\\\": dial tcp: lookup "
                                + "registry-1.docker.io: no such host\"}");
            } else if (path.contains("/images/") && path.endsWith("/json")) {
                String image = path.substring(
                        path.indexOf("/images/") + "/images/".length(), path.length() - "/json".length());
                if (images.contains(image)) {
                    reply(exchange, 200, "{\"Id\":\"sha256:0123\",\"RepoTags\":[\"" + image + "\"]}");
                } else {
                    reply(exchange, 404, "{\"message\":\"No such image: " + image + "\"}");
                }
            } else {
                reply(exchange, 404, "{\"message\":\"page not found\"}");
            }
        });
        engine.start();
        URI address = URI.create("tcp://127.0.0.1:" + engine.getAddress().getPort());
        return new TestcontainersProbe(
                () -> TransportConfig.builder().dockerHost(address).build(),
                TestcontainersProbeTest::plainClient,
                timeouts,
                timeouts);
    }

    /**
     * A docker-java client without Testcontainers' registry-credential lookup, which asks the
     * engine Testcontainers found (none here) rather than the fake one. docker-java's core is
     * shaded into Testcontainers; its transport is not.
     */
    private static DockerClient plainClient(TransportConfig transport) {
        return DockerClientImpl.getInstance(
                DefaultDockerClientConfig.createDefaultConfigBuilder()
                        .withDockerHost(transport.getDockerHost().toString())
                        .withApiVersion("1.44")
                        .build(),
                new ZerodepDockerHttpClient.Builder()
                        .dockerHost(transport.getDockerHost())
                        .build());
    }

    @Test
    void engineThatAnswersIsReachableAndIsNamedWithItsVersion() throws Exception {
        ImageGate.Engine answer =
                probe(Set.of(), Pulls.FAIL, true, Duration.ofSeconds(20)).engine();

        assertThat(answer.reachable()).as(answer.description()).isTrue();
        assertThat(answer.description()).contains("tcp://127.0.0.1").contains("Docker 28.2.2");
    }

    @Test
    void imagePresentLocallyIsUsedWithoutAPull() throws Exception {
        TestcontainersProbe probe = probe(Set.of(PRESENT), Pulls.FAIL, true, Duration.ofSeconds(20));
        probe.engine();

        assertThat(probe.image(PRESENT).availability()).isEqualTo(ImageGate.Availability.PRESENT);
        assertThat(requests).noneMatch(request -> request.contains("/images/create"));
    }

    @Test
    void engineThatCannotPullDisablesTheTestsNamingTheImageAndTheEnginesAnswer() throws Exception {
        TestcontainersProbe probe =
                probe(Set.of(PRESENT, TestcontainersProbe.RYUK_IMAGE), Pulls.FAIL, true, Duration.ofSeconds(20));

        ImageGate.Verdict verdict =
                new ImagesAvailableCondition(new CachingProbe(probe), false).verdict(List.of(PRESENT, MISSING));

        assertThat(verdict.enabled()).isFalse();
        assertThat(verdict.reason())
                .contains(MISSING)
                .contains("pull")
                .contains("no such host")
                .doesNotContain(PRESENT + " (");
        assertThat(requests).anyMatch(request -> request.startsWith("POST") && request.contains("/images/create"));
    }

    @Test
    void pullThatDoesNotFinishInTimeMakesTheImageUnavailableInsteadOfHangingTheBuild() throws Exception {
        TestcontainersProbe probe = probe(Set.of(), Pulls.HANG, true, Duration.ofSeconds(1));
        probe.engine();

        ImageGate.Image image = probe.image(MISSING);

        assertThat(image.availability()).isEqualTo(ImageGate.Availability.UNAVAILABLE);
        assertThat(image.detail()).contains("unfinished after 1 s");
    }

    @Test
    void engineThatNeverAnswersIsUnreachableOnceItsDeadlinePassed() throws Exception {
        ImageGate.Engine answer =
                probe(Set.of(), Pulls.FAIL, false, Duration.ofSeconds(1)).engine();

        assertThat(answer.reachable()).isFalse();
        assertThat(answer.description()).contains("no answer within 1 s");
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", status == 200 && body.equals("OK") ? "text/plain" : "application/json");
        exchange.getResponseHeaders().set("Api-Version", "1.44");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
