package dev.tocsin.publisher.http;

import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.LastModified;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.domain.PublicState;
import dev.tocsin.publisher.domain.Uptime;
import dev.tocsin.publisher.web.StatusPageHtml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * Every route of the status page rendered once per page change, per language, and kept as bytes
 * with a strong ETag: a request (or a 304) is a map lookup, never a store query or a render.
 *
 * <p>A rendering is valid for one {@link PageFeed.Inputs} object (a new one per page change) and
 * until the next moment the clock alone changes the page (a maintenance window starting or ending,
 * a resolved incident leaving the list, see {@link LastModified#next}), and, with an uptime history,
 * at the next {@link Uptime#REFRESH} step of the clock; then the routes are rendered again on their
 * next request. Rendering "as of" the last change keeps the bytes, ETag and
 * Last-Modified identical on every instance.
 */
final class RenderedPages {

    /**
     * One route in one language, ready to send: as is, and gzipped (null when too small to gain) for
     * clients that accept it, with its own ETag, since it is another representation.
     */
    record Rendered(
            byte[] body,
            String etag,
            byte[] gzipped,
            String gzippedEtag,
            Instant lastModified,
            String lastModifiedHeader,
            String contentType) {}

    /** HTTP-date of Last-Modified, formatted once per rendering rather than per request. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** Bodies smaller than this are sent as they are: a compressed frame would not be much smaller. */
    static final int GZIP_FROM_BYTES = 1500;

    /** The renderings of one page version: valid for {@code inputs} until {@code validUntil} (null: no clock change due). */
    private record Generation(
            PageFeed.Inputs inputs,
            Instant lastModified,
            Instant validUntil,
            Map<String, PublicState> states,
            Map<String, Rendered> routes) {

        boolean validFor(PageFeed.Inputs current, Instant now) {
            return inputs == current && (validUntil == null || now.isBefore(validUntil));
        }
    }

    private static final Duration PAST_INCIDENTS = Duration.ofDays(StatusPageHtml.PAST_INCIDENT_DAYS);

    private final ComponentCatalog catalog;
    private final Instant fallback;
    private volatile Generation generation;

    /** @param fallback Last-Modified of an empty page */
    RenderedPages(ComponentCatalog catalog, Instant fallback) {
        this.catalog = catalog;
        this.fallback = fallback;
    }

    /** The route {@code route} in {@code language} for the page {@code inputs}, rendered now if this version was not yet. */
    Rendered get(
            PageFeed.Inputs inputs,
            String route,
            String language,
            String contentType,
            Function<PublicState, String> render) {
        Generation current = generationFor(inputs, Instant.now());
        return current.routes().computeIfAbsent(route + "\u0000" + language, key -> {
            PublicState state = current.states()
                    .computeIfAbsent(
                            language,
                            l -> PublicState.of(
                                    catalog,
                                    current.inputs().incidents(),
                                    current.inputs().windows(),
                                    current.inputs().days(),
                                    current.lastModified(),
                                    Messages.forLanguage(l)));
            byte[] body = render.apply(state).getBytes(StandardCharsets.UTF_8);
            String digest = digest(body);
            byte[] gzipped = body.length >= GZIP_FROM_BYTES ? gzip(body) : null;
            return new Rendered(
                    body,
                    "\"" + digest + "\"",
                    gzipped,
                    "\"" + digest + "-gzip\"",
                    current.lastModified(),
                    HTTP_DATE.format(current.lastModified()),
                    contentType);
        });
    }

    private Generation generationFor(PageFeed.Inputs inputs, Instant now) {
        Generation current = generation;
        if (current != null && current.validFor(inputs, now)) {
            return current;
        }
        Instant lastModified = LastModified.of(inputs.incidents(), inputs.windows(), now, PAST_INCIDENTS, fallback)
                .truncatedTo(ChronoUnit.MILLIS);
        Instant validUntil = LastModified.next(inputs.incidents(), inputs.windows(), now, PAST_INCIDENTS);
        if (!inputs.days().isEmpty()) {
            // the uptime history moves with the clock (today's open time): the page changes at each refresh step too
            Instant step = Uptime.refreshStep(now);
            lastModified = step.isAfter(lastModified) ? step : lastModified;
            Instant nextStep = step.plus(Uptime.REFRESH);
            validUntil = validUntil == null || nextStep.isBefore(validUntil) ? nextStep : validUntil;
        }
        Generation next =
                new Generation(inputs, lastModified, validUntil, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        generation = next;
        return next;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory gzip cannot fail", e);
        }
        return out.toByteArray();
    }

    private static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
