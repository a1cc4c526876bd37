package dev.tocsin.publisher.http;

import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.domain.PublicState;
import dev.tocsin.publisher.web.AtomFeed;
import dev.tocsin.publisher.web.StatusPageHtml;
import dev.tocsin.publisher.web.StatuspageJson;
import dev.tocsin.publisher.web.UptimeJson;
import dev.tocsin.runtime.http.Problem;
import dev.tocsin.runtime.http.ProblemException;
import dev.tocsin.runtime.http.ServiceHttpServer;
import dev.tocsin.runtime.text.BoundedMemo;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The public status page served from the publisher's state stores: Statuspage-compatible JSON
 * under {@code /api/v2}, the HTML page at {@code /} and the Atom feed at {@code /history.atom}.
 *
 * <p>The page lives on one partition, so one instance owns its task; every instance keeps its own
 * copy of the page's inputs ({@link PageReplica}, read from the page stores' changelogs), renders
 * each route and language once per page change ({@link RenderedPages}) and serves the bytes from
 * memory, so any instance answers without the owner. Every response carries a strong ETag and a
 * Last-Modified computed from the page's inputs, not from the clock, so pollers get a 304 until
 * something changes; {@code Cache-Control: no-cache} makes them revalidate every time.
 * The language comes from {@code ?locale=} or {@code Accept-Language}.
 */
public final class StatusApi {

    private static final String JSON = "application/json; charset=utf-8";

    /**
     * Parsing Accept-Language and Accept-Encoding costs more than sending the cached page; browsers
     * send few distinct values, so each answer is remembered per header value.
     */
    private static final int HEADER_VALUES = 256;

    private static final Function<String, String> LANGUAGE_OF_ACCEPT_LANGUAGE =
            new BoundedMemo<>(HEADER_VALUES, Messages::fromAcceptLanguage);
    private static final Function<String, Boolean> GZIP_ACCEPTED =
            new BoundedMemo<>(HEADER_VALUES, StatusApi::acceptsGzip);

    private final PageFeed feed;
    private final RenderedPages pages;
    private final StatuspageJson json;
    private final StatuspageJson.Page page;
    private final ComponentCatalog catalog;
    /** Whether the page links the self-service subscription form. */
    private final boolean subscriptions;

    /**
     * @param feed this instance's copy of the page's inputs
     */
    public StatusApi(PageFeed feed, ComponentCatalog catalog, StatuspageJson.Page page) {
        this(feed, catalog, page, false);
    }

    /**
     * @param subscriptions whether the page links the subscription form ({@code /subscribe})
     */
    public StatusApi(PageFeed feed, ComponentCatalog catalog, StatuspageJson.Page page, boolean subscriptions) {
        this.catalog = catalog;
        this.subscriptions = subscriptions;
        this.feed = feed;
        this.pages = new RenderedPages(catalog, page.createdAt());
        this.json = new StatuspageJson(page);
        this.page = page;
    }

    public void register(Javalin app) {
        // Javalin tries routes in the order they were added, one regex each: the two routes pollers
        // hammer come first, so a request for them does not pay for every other route's pattern.
        // Relative language links keep working behind any host name or reverse-proxy path.
        app.get(
                "/",
                ctx -> serve(
                        ctx,
                        "/",
                        "text/html; charset=utf-8",
                        state -> StatusPageHtml.render(state, "", subscriptions)));
        jsonRoute(app, "/api/v2/summary.json", json::summary);
        jsonRoute(app, "/api/v2/status.json", json::status);
        jsonRoute(app, "/api/v2/components.json", json::components);
        jsonRoute(app, "/api/v2/incidents.json", json::incidents);
        jsonRoute(app, "/api/v2/incidents/unresolved.json", json::unresolvedIncidents);
        jsonRoute(app, "/api/v2/scheduled-maintenances.json", json::scheduledMaintenances);
        jsonRoute(app, "/api/v2/scheduled-maintenances/upcoming.json", json::upcomingMaintenances);
        jsonRoute(app, "/api/v2/scheduled-maintenances/active.json", json::activeMaintenances);
        jsonRoute(app, "/api/v2/uptime.json", UptimeJson::render);
        app.get("/history.atom", this::history);
    }

    /** The whole page's feed, or one component's with {@code ?component=<product>} (a product of the catalog). */
    private void history(Context ctx) throws java.io.IOException {
        String product = ctx.queryParam("component");
        if (product == null || product.isBlank()) {
            serve(ctx, "/history.atom", AtomFeed.CONTENT_TYPE, state -> AtomFeed.render(state, page.url()));
            return;
        }
        if (!catalog.products().contains(product)) {
            throw new ProblemException(Problem.invalid(
                    "component must be one of " + catalog.products(),
                    List.of(new Problem.FieldError("component", "not a component of this page"))));
        }
        serve(
                ctx,
                "/history.atom?component=" + product,
                AtomFeed.CONTENT_TYPE,
                state -> AtomFeed.render(state, page.url(), product));
    }

    private void jsonRoute(
            Javalin app, String path, java.util.function.Function<PublicState, Map<String, Object>> body) {
        app.get(
                path,
                ctx -> serve(ctx, path, JSON, state -> {
                    try {
                        return ServiceHttpServer.JSON.writeValueAsString(body.apply(state));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException("cannot render " + path, e);
                    }
                }));
    }

    private void serve(Context ctx, String route, String contentType, Function<PublicState, String> render)
            throws java.io.IOException {
        PageFeed.Inputs inputs = feed.current();
        if (inputs == null) {
            throw unavailable();
        }
        String language = languageOf(ctx);
        RenderedPages.Rendered rendered = pages.get(inputs, route, language, contentType, render);
        boolean gzip = rendered.gzipped() != null && GZIP_ACCEPTED.apply(ctx.header("Accept-Encoding"));
        String etag = gzip ? rendered.gzippedEtag() : rendered.etag();
        ctx.header("ETag", etag);
        ctx.header("Last-Modified", rendered.lastModifiedHeader());
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Vary", "Accept-Language, Accept-Encoding");
        ctx.header("Content-Language", language);
        if (notModified(ctx, etag, rendered.lastModified())) {
            ctx.status(304);
            return;
        }
        // the bytes go out as they are (already compressed when the client takes gzip), past Javalin's per-request
        // compression
        byte[] body = gzip ? rendered.gzipped() : rendered.body();
        if (gzip) {
            ctx.header("Content-Encoding", "gzip");
        }
        ctx.contentType(rendered.contentType());
        ctx.res().setContentLength(body.length);
        ctx.res().getOutputStream().write(body);
    }

    /** Whether Accept-Encoding allows gzip (listed, or {@code *}, without {@code q=0}). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            String name = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            boolean refused = parts.length > 1 && parts[1].replace(" ", "").matches("q=0(\\.0*)?");
            if ((name.equals("gzip") || name.equals("*")) && !refused) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9110: If-None-Match decides when present; otherwise If-Modified-Since (second precision). */
    static boolean notModified(Context ctx, String etag, Instant lastModified) {
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String candidate = tag.trim();
                if (candidate.startsWith("W/")) {
                    candidate = candidate.substring(2);
                }
                if (candidate.equals(etag) || candidate.equals("*")) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = ctx.header("If-Modified-Since");
        if (ifModifiedSince != null) {
            try {
                Instant since = ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
            } catch (DateTimeParseException ignored) {
                return false;
            }
        }
        return false;
    }

    /** The page language: a supported {@code ?locale=} (anything else is a 400), else Accept-Language, else English. */
    private static String languageOf(Context ctx) {
        String requested = ctx.queryParam("locale");
        if (requested != null && !requested.isBlank() && !Messages.isSupported(requested)) {
            throw new ProblemException(Problem.invalid(
                    "locale must be one of " + Messages.SUPPORTED,
                    List.of(new Problem.FieldError(
                            "locale", "must be one of " + Messages.SUPPORTED + ", was '" + requested + "'"))));
        }
        String acceptLanguage = ctx.header("Accept-Language");
        return requested == null || requested.isBlank()
                ? LANGUAGE_OF_ACCEPT_LANGUAGE.apply(acceptLanguage)
                : Messages.resolve(requested, acceptLanguage);
    }

    private static ProblemException unavailable() {
        return new ProblemException(
                Problem.of(
                        503, "Service Unavailable", "The status page is being restored or rebalanced; retry shortly."),
                Map.of("Retry-After", "2"));
    }
}
