package dev.tocsin.embedded.peers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus Alertmanager process (Debian package prometheus-alertmanager) for tests: started
 * on a free port with a config file, up once {@code /api/v2/status} answers, stopped on close. Tests
 * that need it call {@link #requireInstalled()} first: skipped where it is not installed, failed
 * instead where {@code TOCSIN_REQUIRE_PEERS=true} (CI, which installs it).
 */
public final class RealAlertmanager implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of("/usr/bin/prometheus-alertmanager");
    /** Alertmanager's command line client, from the same package. */
    public static final Path AMTOOL = Path.of("/usr/bin/amtool");
    /** alert-ingest's address in the connect guide's snippets (docs/connect/). */
    public static final String GUIDE_INGEST_URL = "https://tocsin-ingest.example.net";
    /** The file holding an alerts token, in the connect guide's Alertmanager snippets. */
    public static final String GUIDE_ALERTS_TOKEN_FILE = "/etc/alertmanager/tocsin-alerts.token";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Process process;
    private final String api;
    private final Path log;

    private RealAlertmanager(Process process, String api, Path log) {
        this.process = process;
        this.api = api;
        this.log = log;
    }

    /**
     * Skips the calling test where the package (Alertmanager and amtool) is not installed, or fails
     * it where peers are required.
     */
    public static void requireInstalled() {
        boolean available = Files.isExecutable(EXECUTABLE) && Files.isExecutable(AMTOOL);
        if (!available && "true".equals(System.getenv("TOCSIN_REQUIRE_PEERS"))) {
            throw new AssertionError("prometheus-alertmanager is required (apt-get install prometheus-alertmanager)");
        }
        Assumptions.assumeTrue(available, "prometheus-alertmanager not installed");
    }

    /**
     * The connect guide's Alertmanager config ({@code guideSnippet}, a file of docs/connect/) with
     * {@code ingestUrl} and a token file holding {@code alertsToken}, written to {@code workDir}; its
     * route is replaced by a quick one to {@code receiver} (the guide's waits are minutes).
     */
    public static Path guideConfig(
            String guideSnippet,
            String ingestUrl,
            String alertsToken,
            Path workDir,
            String receiver,
            String groupBy,
            String interval)
            throws IOException {
        Path token = Files.writeString(workDir.resolve("alerts.token"), alertsToken);
        ObjectNode config = (ObjectNode) YAML.readTree(
                guideSnippet.replace(GUIDE_INGEST_URL, ingestUrl).replace(GUIDE_ALERTS_TOKEN_FILE, token.toString()));
        ObjectNode route = config.putObject("route");
        route.put("receiver", receiver);
        route.putArray("group_by").add(groupBy);
        route.put("group_wait", interval).put("group_interval", interval).put("repeat_interval", "1h");
        return Files.writeString(workDir.resolve("alertmanager.yml"), YAML.writeValueAsString(config));
    }

    /** Alertmanager with {@code config}, its data and log under {@code workDir}, up and answering. */
    public static RealAlertmanager start(Path config, Path workDir) throws IOException, InterruptedException {
        int port = freePort();
        Path log = workDir.resolve("alertmanager.log");
        Process process = new ProcessBuilder(
                        EXECUTABLE.toString(),
                        "--config.file=" + config,
                        "--storage.path=" + workDir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=",
                        "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        RealAlertmanager alertmanager = new RealAlertmanager(process, "http://127.0.0.1:" + port + "/api/v2", log);
        try {
            alertmanager.awaitUp();
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            alertmanager.close();
            throw e;
        }
        return alertmanager;
    }

    /** Its API v2 base URL, {@code http://127.0.0.1:<port>/api/v2}. */
    public String api() {
        return api;
    }

    /** What it logged so far (for assertion messages). */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitUp() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(api + "/status"))
                                                .timeout(Duration.ofSeconds(1))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Alertmanager did not start; log: " + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
