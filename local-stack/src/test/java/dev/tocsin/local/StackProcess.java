package dev.tocsin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./tocsin local} as a separate JVM (the shape an operator runs), on ports chosen once so
 * a restart comes back where it was, with the data directory given. {@link #kill()} is SIGKILL:
 * no shutdown hook, no flush, no transaction aborted on the way out.
 */
final class StackProcess implements AutoCloseable {

    private static final String UP = "Tocsin local stack is up";

    private final Path dataDir;
    private final Path logDir;
    private final Map<String, String> env;
    private final int kafkaPort = freePort();
    private final int ingestPort = freePort();
    private final int registryPort = freePort();
    private final int correlatorPort = freePort();
    private final int publisherPort = freePort();
    private Process process;
    private int starts;

    /** Keeps each start's output in {@code logDir} (stack-1.log, stack-2.log, ...) and its data in {@code dataDir}. */
    StackProcess(Path dataDir, Path logDir, Map<String, String> env) throws IOException {
        this.dataDir = dataDir;
        this.logDir = Files.createDirectories(logDir);
        try (var old = Files.newDirectoryStream(logDir, "stack-*.log")) {
            for (Path log : old) {
                Files.delete(log); // an earlier run's
            }
        }
        this.env = Map.copyOf(env);
    }

    /** Starts the stack and returns once it printed its banner. */
    StackProcess start(Duration timeout) throws IOException, InterruptedException {
        Path log = logDir.resolve("stack-" + (++starts) + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=kill-nine-logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                LocalStack.class.getName()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> vars = builder.environment();
        vars.putAll(env);
        vars.put("TOCSIN_LOCAL_DATA_DIR", dataDir.resolve("data").toString());
        vars.put("TOCSIN_LOCAL_KAFKA_PORT", String.valueOf(kafkaPort));
        vars.put("TOCSIN_LOCAL_REGISTRY_PORT", String.valueOf(registryPort));
        vars.put("TOCSIN_LOCAL_INGEST_PORT", String.valueOf(ingestPort));
        vars.put("TOCSIN_LOCAL_CORRELATOR_PORT", String.valueOf(correlatorPort));
        vars.put("TOCSIN_LOCAL_PUBLISHER_PORT", String.valueOf(publisherPort));
        vars.put("TOCSIN_LOCAL_INGEST_MANAGEMENT_PORT", "0"); // nobody scrapes them here
        vars.put("TOCSIN_LOCAL_CORRELATOR_MANAGEMENT_PORT", "0");
        vars.put("TOCSIN_LOCAL_PUBLISHER_MANAGEMENT_PORT", "0");
        vars.put("TOCSIN_LOCAL_CONSOLE_PORT", "0");
        vars.put("TOCSIN_LOCAL_CONSOLE_MANAGEMENT_PORT", "0");
        vars.putIfAbsent("TOCSIN_LOCAL_DEMO", "false");
        process = builder.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log).contains(UP)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("The local stack did not come up; its log:\n" + tail(log));
            }
            Thread.sleep(200);
        }
        return this;
    }

    /** SIGKILL, as {@code kill -9}: the JVM gets no chance to close anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    String registryUrl() {
        return "http://127.0.0.1:" + registryPort;
    }

    /** Ctrl-C: the stack's shutdown hook closes everything. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
