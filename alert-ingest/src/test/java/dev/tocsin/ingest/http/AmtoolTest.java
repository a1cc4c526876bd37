package dev.tocsin.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.embedded.peers.RealAlertmanager;
import dev.tocsin.ingest.support.RunningIngest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's {@code amtool} (package prometheus-alertmanager) manages silences on alert-ingest
 * unchanged, pointed at it with {@code --alertmanager.url} and the operator token in its
 * {@code --http.config.file}: add, query, update, expire, as the guide shows.
 */
class AmtoolTest {

    private static final Path AMTOOL = RealAlertmanager.AMTOOL;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private record Run(int exitCode, String out, String err) {}

    @Test
    void amtoolAddsQueriesUpdatesAndExpiresASilence() throws Exception {
        RealAlertmanager.requireInstalled();
        try (RunningIngest ingest =
                RunningIngest.start(SharedTestStack.bootstrapServers(), SharedTestStack.registryUrl(), Map.of())) {
            Path httpConfig = work.resolve("amtool-http.yml");
            Files.writeString(httpConfig, """
                    authorization:
                      credentials: %s
                    """.formatted(RunningIngest.OPERATOR_TOKEN));
            List<String> base = List.of(
                    AMTOOL.toString(), "--alertmanager.url=" + ingest.url(), "--http.config.file=" + httpConfig);
            String name = "Amtool" + UUID.randomUUID().toString().substring(0, 8);

            Run added = amtool(
                    base,
                    "silence",
                    "add",
                    "alertname=" + name,
                    "job=~\"chat-.*\"",
                    "--author=alice",
                    "--comment=deploy of chat",
                    "--duration=1h");
            assertThat(added.exitCode()).as(added.err()).isZero();
            String id = added.out().strip();
            assertThat(id).matches("[0-9a-f-]{36}");

            Run table = amtool(base, "silence", "query", "alertname=" + name);
            assertThat(table.exitCode()).as(table.err()).isZero();
            assertThat(table.out())
                    .contains(id)
                    .contains("alertname=\"" + name + "\"")
                    .contains("job=~\"chat-.*\"")
                    .contains("alice")
                    .contains("deploy of chat");

            Run asJson = amtool(base, "silence", "query", "-o", "json", "alertname=" + name);
            JsonNode listed = JSON.readTree(asJson.out());
            assertThat(listed).singleElement().satisfies(s -> {
                assertThat(s.path("id").asText()).isEqualTo(id);
                assertThat(s.path("status").path("state").asText()).isEqualTo("active");
            });

            // (not -q: amtool 0.25 then prints a Go pointer instead of the id)
            Run updated = amtool(base, "silence", "update", "--duration=2h", id);
            assertThat(updated.exitCode()).as(updated.err()).isZero();
            assertThat(updated.out()).contains(id); // an active silence's end moves in place, keeping its id
            assertThat(amtool(base, "silence", "query", "-q", "alertname=" + name)
                            .out()
                            .strip())
                    .isEqualTo(id);

            Run expired = amtool(base, "silence", "expire", id);
            assertThat(expired.exitCode()).as(expired.err()).isZero();

            assertThat(amtool(base, "silence", "query", "-q", "alertname=" + name)
                            .out())
                    .isBlank();
            assertThat(amtool(base, "silence", "query", "--expired", "-q", "alertname=" + name)
                            .out()
                            .strip())
                    .isEqualTo(id);

            Run again = amtool(base, "silence", "expire", id);
            assertThat(again.exitCode()).isNotZero();
        }
    }

    @Test
    void amtoolWithoutTheTokenIsRefused() throws Exception {
        RealAlertmanager.requireInstalled();
        try (RunningIngest ingest =
                RunningIngest.start(SharedTestStack.bootstrapServers(), SharedTestStack.registryUrl(), Map.of())) {
            Run refused = amtool(
                    List.of(AMTOOL.toString(), "--alertmanager.url=" + ingest.url()),
                    "silence",
                    "add",
                    "alertname=Foo",
                    "--comment=x");
            assertThat(refused.exitCode()).isNotZero();
        }
    }

    private Run amtool(List<String> base, String... args) throws Exception {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "amtool", ".out");
        Path err = Files.createTempFile(work, "amtool", ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("amtool did not finish within 30 s: " + command);
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
