package dev.tocsin.publisher.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.TimelineEntry;
import dev.tocsin.publisher.PublisherService;
import dev.tocsin.publisher.browser.Chromium;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.schemas.topics.Topics;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real browser reads the page a running status-publisher serves during an incident: headless
 * Chromium loads {@code /?locale=..}, and the DOM it built must show the banner, the component's
 * status text and the incident update, translated. Screenshots are kept as test artifacts in
 * {@code target/screenshots/}.
 */
class StatusPageBrowserTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String UPDATE = "Calls drop after a few minutes for some customers; a fix is being deployed.";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static Chromium chromium;
    private static PublisherService publisher;

    @BeforeAll
    static void startPublisherDuringAnIncident() throws Exception {
        chromium = Chromium.require();
        Topics topics = PublisherHarness.topics();
        publisher = PublisherHarness.start(
                topics, "publisher-browser-" + UUID.randomUUID().toString().substring(0, 8), Map.of());
        PublisherHarness.produce(
                topics.incidents(),
                "voice-0000abcd",
                Incident.newBuilder()
                        .setIncidentId("voice-0000abcd")
                        .setProduct("voice")
                        .setTitle("internal: carrier trunk eu-2 flapping")
                        .setSeverity(Severity.SEV2)
                        .setScope(Scope.PLATFORM)
                        .setStatus(PublicStatus.IDENTIFIED)
                        .setPublished(true)
                        .setOpenedAt(NOW.minus(Duration.ofMinutes(20)))
                        .setUpdatedAt(NOW)
                        .setVersion(3)
                        .setTimeline(List.of(TimelineEntry.newBuilder()
                                .setAt(NOW.minus(Duration.ofMinutes(5)))
                                .setType(IncidentEventType.STATUS_CHANGED)
                                .setMessage(UPDATE)
                                .setIsPublic(true)
                                .setStatus(PublicStatus.IDENTIFIED)
                                .build()))
                        .build(),
                NOW);
        Instant start = NOW.plus(Duration.ofDays(3));
        PublisherHarness.produce(
                topics.maintenanceWindows(),
                "mw-db",
                MaintenanceWindow.newBuilder()
                        .setWindowId("mw-db")
                        .setProducts(List.of("chat"))
                        .setTitle("Chat database upgrade")
                        .setDescription("Chat is read-only for 10 minutes.")
                        .setReason("Security patches.")
                        .setStartsAt(start)
                        .setEndsAt(start.plus(Duration.ofHours(2)))
                        .setState(MaintenanceState.SCHEDULED)
                        .setUpdatedAt(NOW)
                        .build(),
                NOW);
        PublisherHarness.getUntil(
                publisher.port(),
                "/api/v2/summary.json",
                r -> r.statusCode() == 200
                        && r.body().contains("partial_outage")
                        && r.body().contains("Chat database upgrade"),
                Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (publisher != null) {
            publisher.close();
        }
    }

    @ParameterizedTest(name = "locale {0}")
    @ValueSource(strings = {"en", "de", "ja"})
    void browserShowsBannerComponentStatusAndUpdateInTheRequestedLanguage(String language) throws Exception {
        Messages messages = Messages.forLanguage(language);
        URI page = URI.create("http://127.0.0.1:" + publisher.port() + "/?locale=" + language);

        String dom = chromium.dumpDom(page);

        assertThat(dom).contains("<html lang=\"" + language + "\"");
        assertThat(section(dom, "id=\"page-status\"")).contains(messages.text("page.status.minor_outage"));
        assertThat(section(dom, "data-component=\"voice\""))
                .contains("data-status=\"partial_outage\"")
                .contains(messages.text("component.status." + ComponentStatus.PARTIAL_OUTAGE.name()));
        assertThat(section(dom, "data-component=\"chat\"")).contains(messages.text("component.status.OPERATIONAL"));
        assertThat(dom)
                .contains(UPDATE)
                .contains(messages.format("incident.name.PARTIAL_OUTAGE", "Voice"))
                .contains(messages.text("incident.status.IDENTIFIED"))
                .contains("Chat database upgrade")
                .doesNotContain("carrier trunk");

        Path shot =
                chromium.screenshot(page, SCREENSHOTS.resolve("status-page-incident-" + language + ".png"), 420, 1400);
        assertThat(Files.size(shot)).isGreaterThan(5_000);
    }

    /** The element carrying {@code marker}, up to its closing tag ({@code </section>} or {@code </li>}). */
    private static String section(String dom, String marker) {
        int at = dom.indexOf(marker);
        assertThat(at).as("page has an element with " + marker).isGreaterThanOrEqualTo(0);
        String closing = dom.lastIndexOf("<section", at) > dom.lastIndexOf("<li", at) ? "</section>" : "</li>";
        int start = Math.max(dom.lastIndexOf("<section", at), dom.lastIndexOf("<li", at));
        return dom.substring(start, dom.indexOf(closing, at) + closing.length());
    }
}
