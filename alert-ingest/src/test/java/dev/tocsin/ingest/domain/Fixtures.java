package dev.tocsin.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test data: the copied real-world fixtures, a fixed request context and the settings the tests use. */
final class Fixtures {

    /** A default mapper, as the HTTP layer uses: integers stay exact. */
    static final ObjectMapper JSON = new ObjectMapper();

    /** Receive time with sub-millisecond digits, to show they are cut to the records' millisecond precision. */
    static final Instant RECEIVED = Instant.parse("2026-01-15T10:00:00.123456789Z");

    static final Instant RECEIVED_MILLIS = Instant.parse("2026-01-15T10:00:00.123Z");

    private Fixtures() {}

    /** A context whose ids count up: id-1, id-2, ... */
    static IngestContext ctx() {
        AtomicInteger next = new AtomicInteger();
        return new IngestContext(RECEIVED, () -> "id-" + next.incrementAndGet());
    }

    /** A copied fixture, e.g. {@code alertmanager/am-03-...json}. */
    static JsonNode load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture whose name starts with the prefix, e.g. {@code am-03}. */
    static JsonNode fixture(String prefix) {
        return load(name(prefix));
    }

    static String name(String prefix) {
        String dir = switch (prefix.substring(0, prefix.indexOf('-'))) {
            case "am" -> "alertmanager";
            case "gr" -> "grafana";
            case "pd" -> "pagerduty";
            case "zd" -> "zendesk";
            case "og" -> "opsgenie";
            case "dd" -> "datadog";
            case "keep" -> "keep";
            default -> throw new IllegalArgumentException(prefix);
        };
        try (Stream<Path> files = Files.list(directory(dir))) {
            return dir + "/"
                    + files.map(f -> f.getFileName().toString())
                            .filter(f -> f.startsWith(prefix + "-"))
                            .findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("no fixture " + prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fixture file of a directory, sorted. */
    static List<Path> all(String dir) {
        try (Stream<Path> files = Files.list(directory(dir))) {
            return files.filter(
                            f -> f.toString().endsWith(".json") || f.toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path directory(String dir) {
        URL url = Fixtures.class.getResource("/fixtures/" + dir);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode parse(Path file) {
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Settings that let the fixtures, which rarely carry a product label, name one: after
     * product and service come team, job, host and alertname; instance is the component and zone
     * the region.
     */
    static NormalizerSettings fixtureSettings() {
        return NormalizerSettings.defaults()
                .withProductLabels(List.of("product", "service", "team", "job", "host", "alertname"))
                .withPlacementLabels("instance", "zone");
    }

    /** A catalog mapping some fixture values onto products as aliases. */
    static ProductCatalog fixtureCatalog() {
        return ProductCatalog.of(Map.of(
                "chat", List.of("blue"),
                "talk", List.of("andromeda"),
                "voice", List.of("System"),
                "messaging", List.of("rabbitmq"),
                "support", List.of("prod-datapipe")));
    }

    /** The violations of a call that must reject its payload (and throw nothing else). */
    static List<Violation> violations(ThrowingCallable call) {
        InvalidPayloadException rejection = catchThrowableOfType(InvalidPayloadException.class, call);
        assertThat(rejection).as("the payload should have been rejected").isNotNull();
        return rejection.violations();
    }
}
