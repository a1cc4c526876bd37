package dev.tocsin.embedded.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One broker per test JVM: tests that need a real broker share it, paying the start-up once.
 * It runs on a free port with a throw-away data directory and stops when the JVM exits.
 * Tests isolate themselves by topic name, not by broker.
 */
public final class SharedKafka {

    private static EmbeddedKafka kafka;

    private SharedKafka() {}

    public static synchronized String bootstrapServers() {
        if (kafka == null) {
            Path dir = tempDir();
            kafka = EmbeddedKafka.builder().dataDir(dir).port(0).build().start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                kafka.close();
                                deleteRecursively(dir);
                            },
                            "shared-kafka-shutdown"));
        }
        return kafka.bootstrapServers();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tocsin-test-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir left behind is harmless
        }
    }
}
