package dev.tocsin.publisher.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for tests: loads a URL in a fresh profile and returns the DOM after load, or saves a
 * screenshot. The binary is {@code $TOCSIN_CHROMIUM}, else the first of {@code chromium},
 * {@code chromium-browser} and {@code google-chrome} on the {@code PATH}.
 *
 * <p>Tests get an instance through {@link #require()}: without a browser they are skipped, unless
 * {@code TOCSIN_REQUIRE_PEERS=true} (CI), where a missing browser is a failure so browser tests can
 * never silently stop running.
 *
 * <p>Every run is one short-lived process with its own temporary user-data directory (no shared profile,
 * no lock between parallel runs), no network services of its own (no sync, updates, QUIC or background
 * requests), a {@value #TIMEOUT_SECONDS}-second limit, and its stderr kept for the error message.
 */
public final class Chromium {

    public static final String BINARY_ENV = "TOCSIN_CHROMIUM";
    public static final String REQUIRE_ENV = "TOCSIN_REQUIRE_PEERS";
    public static final long TIMEOUT_SECONDS = 60;

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage");
    private static final int STDERR_TAIL = 4000;

    private final Path binary;

    public Chromium(Path binary) {
        this.binary = binary;
    }

    /** The browser binary, if one is configured or on the {@code PATH}. */
    public static Optional<Path> find() {
        String configured = System.getenv(BINARY_ENV);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.trim());
            return executable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = System.getenv("PATH");
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String name : NAMES) {
            for (String dir : searchPath.split(File.pathSeparator)) {
                if (!dir.isEmpty() && executable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name));
                }
            }
        }
        return Optional.empty();
    }

    public static boolean available() {
        return find().isPresent();
    }

    /**
     * A browser for the test, or the test ends: failed when {@code TOCSIN_REQUIRE_PEERS=true}, skipped
     * (assumption) otherwise.
     */
    public static Chromium require() {
        Optional<Path> binary = find();
        if (binary.isPresent()) {
            return new Chromium(binary.get());
        }
        String configured = System.getenv(BINARY_ENV);
        String why = configured != null && !configured.isBlank()
                ? BINARY_ENV + "=" + configured + " is not an executable file"
                : "no " + String.join(", ", NAMES) + " on PATH and " + BINARY_ENV + " not set";
        if ("true".equalsIgnoreCase(System.getenv(REQUIRE_ENV))) {
            return Assertions.fail("headless Chromium required (" + REQUIRE_ENV + "=true) but " + why);
        }
        Assumptions.abort("headless Chromium not available: " + why);
        throw new AssertionError("unreachable");
    }

    public Path binary() {
        return binary;
    }

    /** The serialized DOM of the page after it loaded. */
    public String dumpDom(URI uri) {
        return run(List.of("--dump-dom"), uri);
    }

    /**
     * Saves a PNG of the page at the given viewport size (any older file is replaced).
     *
     * @return {@code file}
     */
    public Path screenshot(URI uri, Path file, int width, int height) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + target, e);
        }
        run(List.of("--screenshot=" + target, "--window-size=" + width + "," + height), uri);
        if (!Files.isRegularFile(target)) {
            throw new IllegalStateException("Chromium reported success but wrote no screenshot to " + target);
        }
        return file;
    }

    /** Runs the browser once and returns its stdout; throws with stderr on failure or timeout. */
    private String run(List<String> mode, URI uri) {
        Path profile = null;
        Path stdout = null;
        Path stderr = null;
        try {
            profile = Files.createTempDirectory("tocsin-chromium-profile");
            stdout = Files.createTempFile("tocsin-chromium", ".out");
            stderr = Files.createTempFile("tocsin-chromium", ".err");
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(FLAGS);
            command.add("--user-data-dir=" + profile);
            command.addAll(mode);
            command.add(uri.toString());
            // Files, not pipes: a chatty browser can never block on a full pipe buffer.
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("Chromium did not finish " + uri + " within " + TIMEOUT_SECONDS + " s: "
                        + command + "\n" + tail(stderr));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue() + " for " + uri + ": "
                        + command + "\n" + tail(stderr));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary + (stderr == null ? "" : "\n" + tail(stderr)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Chromium loaded " + uri, e);
        } finally {
            deleteQuietly(profile);
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private static String tail(Path stderr) {
        try {
            String text = Files.readString(stderr, StandardCharsets.UTF_8);
            return text.length() <= STDERR_TAIL ? text : "..." + text.substring(text.length() - STDERR_TAIL);
        } catch (IOException | UncheckedIOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    private static boolean executable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /** Best effort: a helper process that outlives the browser by a moment may still hold a file. */
    private static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // temp files only; the OS cleans up what is left
        }
    }
}
