package dev.tocsin.publisher.browser;

import static dev.tocsin.publisher.web.Html.element;
import static dev.tocsin.publisher.web.Html.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.web.AtomFeed;
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
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rendered status page in a real browser: served over HTTP like production (the language from
 * {@code ?locale=}), loaded by headless Chromium, checked in the DOM the browser built, and photographed
 * at phone width to {@code target/screenshots/status-page-<locale>.png} for people to look at.
 */
class StaticPageBrowserTest {

    private static final int PHONE_WIDTH = 390;
    private static final int PHONE_HEIGHT = 1400;

    private static HttpServer server;
    private Chromium chromium;
    private static final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", StaticPageBrowserTest::serve);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Per test, so that a missing browser shows as skipped (or failed) tests rather than none at all. */
    @BeforeEach
    void browserAndFreshRequestLog() {
        chromium = Chromium.require();
        requests.clear();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "en | Minor Service Outage        | Partial outage | Active incidents   | Upcoming maintenance | Identified",
                "de | Geringfügiger Dienstausfall | Teilausfall    | Aktuelle Vorfälle  | Geplante Wartungen   | Ursache erkannt",
                "ja | 軽微なサービス障害が発生しています | 部分的な障害 | 発生中のインシデント | 今後のメンテナンス | 原因特定",
            })
    void pageShowsBannerComponentStatusAndUpdateInEachLanguage(
            String locale,
            String banner,
            String chatStatus,
            String incidentsHeading,
            String maintenanceHeading,
            String updateStatus)
            throws IOException {
        // Given the page with a Sev-2 on chat and an upcoming maintenance, served in the requested language
        URI page = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/?locale=" + locale);

        // When a browser loads it
        String dom = chromium.dumpDom(page);

        // Then the DOM the browser built has the language, the banner, the component's status and the update
        assertThat(dom).contains("<html lang=\"" + locale + "\">");
        assertThat(text(element(dom, "id=\"page-status\""))).contains(banner);
        assertThat(text(element(dom, "data-component=\"chat\""))).endsWith(chatStatus);
        assertThat(element(dom, "data-component=\"chat\"")).contains("data-status=\"partial_outage\"");
        assertThat(text(element(dom, "class=\"update\"")))
                .contains(updateStatus, "Messages are delayed by up to five minutes.");
        assertThat(text(element(dom, "id=\"active-incidents-heading\""))).isEqualTo(incidentsHeading);
        assertThat(text(element(dom, "id=\"upcoming-maintenance\""))).contains(maintenanceHeading, "Database upgrade");
        assertThat(element(dom, "aria-current=\"page\"")).contains("hreflang=\"" + locale + "\"");
        // and the page asked the server for nothing but itself (no stylesheet, script, font or image)
        assertThat(requests)
                .contains("/?locale=" + locale)
                .allMatch(r -> r.equals("/?locale=" + locale) || r.equals("/favicon.ico"));

        // And a phone-sized screenshot is saved for people to look at
        Path png = chromium.screenshot(
                page, screenshots().resolve("status-page-" + locale + ".png"), PHONE_WIDTH, PHONE_HEIGHT);
        assertThat(png).exists().isNotEmptyFile();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG image").isNotNull();
        assertThat(image.getWidth()).isEqualTo(PHONE_WIDTH);
    }

    private static void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            requests.add(exchange.getRequestURI().toString());
            String language = Messages.resolve(
                    query != null && query.startsWith("locale=") ? query.substring("locale=".length()) : null,
                    exchange.getRequestHeaders().getFirst("Accept-Language"));
            String body;
            String contentType;
            if (path.equals("/")) {
                body = StatusPageHtml.render(Pages.sev2OnChatWithUpcomingMaintenance(language), "/");
                contentType = "text/html; charset=utf-8";
            } else if (path.equals("/" + StatusPageHtml.FEED_PATH)) {
                body = AtomFeed.render(Pages.sev2OnChatWithUpcomingMaintenance(language), "http://127.0.0.1/");
                contentType = AtomFeed.CONTENT_TYPE;
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** {@code target/screenshots} of this module (surefire runs in the module directory and sets basedir). */
    private static Path screenshots() throws IOException {
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
        Files.createDirectories(dir);
        return dir;
    }
}
