package dev.tocsin.e2e.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of the deployed shape (a broker node, the schema registry, a service) as an operating
 * system process, with the signals a fault needs: SIGKILL, SIGTERM, SIGSTOP and SIGCONT. Every start
 * appends to the same log file, headed by {@code ==== start N}.
 */
final class ChildProcess {

    /** Small heaps and the client compiler: eight JVMs share two cores. */
    private static final List<String> JVM_OPTIONS =
            List.of("-Xms32m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    private int starts;

    ChildProcess(String name, Path logDir, Map<String, String> env, String mainClass, String... args) {
        this.name = name;
        this.env = Map.copyOf(env);
        this.log = logDir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        this.command = List.copyOf(cmd);
    }

    String name() {
        return name;
    }

    synchronized void start() {
        if (alive()) {
            return;
        }
        try {
            Files.writeString(
                    log, "==== start " + (++starts) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** kill -9: no shutdown hook, no flush, no transaction ended on the way out. */
    synchronized void kill9() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, a clean shutdown; SIGKILL after 30 s. */
    synchronized void terminate() throws InterruptedException {
        if (alive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** SIGSTOP: the process is frozen, sockets open, as in a long GC pause or a hung VM. */
    void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        if (!alive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                    .inheritIO()
                    .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Waits until the current start's output contains {@code text}; fails when the process exits first. */
    void awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String header = "==== start " + starts + "\n";
        while (true) {
            String out = Files.readString(log);
            if (out.substring(out.lastIndexOf(header)).contains(text)) {
                return;
            }
            if (!alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name
                        + (alive()
                                ? " did not print '" + text + "' in " + timeout
                                : " exited with " + process.exitValue())
                        + "; see " + log);
            }
            Thread.sleep(200);
        }
    }

    /** Lines of the log (over every start) containing {@code text}. */
    long linesContaining(String text) throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    Path log() {
        return log;
    }
}
