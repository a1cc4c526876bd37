package dev.tocsin.publisher.browser;

import static dev.tocsin.avro.ComponentStatus.DEGRADED_PERFORMANCE;
import static dev.tocsin.avro.ComponentStatus.MAJOR_OUTAGE;
import static dev.tocsin.avro.ComponentStatus.OPERATIONAL;
import static dev.tocsin.avro.ComponentStatus.PARTIAL_OUTAGE;
import static dev.tocsin.avro.ComponentStatus.UNDER_MAINTENANCE;
import static dev.tocsin.publisher.web.Html.element;
import static dev.tocsin.publisher.web.Html.elements;
import static dev.tocsin.publisher.web.Html.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.domain.PublicState;
import dev.tocsin.publisher.domain.UptimeHistory;
import dev.tocsin.publisher.web.Pages;
import dev.tocsin.publisher.web.StatusPageHtml;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The uptime bars in a real browser: the DOM keeps a text per bar, and a desktop-width screenshot
 * goes to {@code target/screenshots/status-page-uptime.png} for people to look at.
 */
class UptimeBarsBrowserTest {

    private static HttpServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] bytes = StatusPageHtml.render(state(), "/").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Two months of chat history with a few bad days and a maintenance; meet since last week; mail none. */
    private static PublicState state() {
        UptimeHistory history = new UptimeHistory()
                .at("2026-01-20T00:00:00Z", "chat", OPERATIONAL)
                .at("2026-02-03T09:00:00Z", "chat", DEGRADED_PERFORMANCE)
                .at("2026-02-03T12:00:00Z", "chat", OPERATIONAL)
                .at("2026-02-17T01:00:00Z", "chat", UNDER_MAINTENANCE)
                .at("2026-02-17T03:00:00Z", "chat", OPERATIONAL)
                .at("2026-03-02T14:00:00Z", "chat", PARTIAL_OUTAGE)
                .at("2026-03-02T18:00:00Z", "chat", OPERATIONAL)
                .at("2026-03-19T10:00:00Z", "chat", MAJOR_OUTAGE)
                .at("2026-03-19T11:30:00Z", "chat", OPERATIONAL)
                .at("2026-03-13T00:00:00Z", "meet", OPERATIONAL);
        return PublicState.of(Pages.CATALOG, List.of(), List.of(), history.aggregates(), Pages.NOW, Messages.english());
    }

    @Test
    void uptimeBarsRenderInABrowserWithATextPerBar() throws IOException {
        Chromium chromium = Chromium.require();
        URI page = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");

        String dom = chromium.dumpDom(page);

        String chat = element(element(dom, "id=\"uptime\""), "data-component=\"chat\"");
        assertThat(elements(chat, "class=\"bar "))
                .hasSize(90)
                .allSatisfy(bar -> assertThat(text(bar)).isNotBlank());
        assertThat(text(element(chat, "class=\"uptime-days\"")))
                .contains("19 Mar 2026: Major outage", "2 Mar 2026: Partial outage", "17 Feb 2026: Under maintenance");

        Path dir = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
        Files.createDirectories(dir);
        Path png = chromium.screenshot(page, dir.resolve("status-page-uptime.png"), 1024, 1800);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG image").isNotNull();
    }
}
