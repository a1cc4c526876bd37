package dev.tocsin.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.ingest.domain.PayloadParser;
import dev.tocsin.ingest.domain.Source;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in a request body: insists on JSON within the route's size limit and the in-flight byte
 * budget, checks a Zendesk webhook's signature, and parses the body straight from the socket (no
 * copy of it in memory) with the {@link PayloadParser} the raw topic uses too.
 */
public final class RequestBodies {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);
    static final String RETRY_AFTER_BUSY_SECONDS = "1";

    private final BodyLimits limits;
    private final InFlightBytes inFlight;
    private final ZendeskSignature zendeskSignature;

    /** @param zendeskSignature checks Zendesk webhooks; null: they need no signature */
    public RequestBodies(BodyLimits limits, ZendeskSignature zendeskSignature, IngestMetrics metrics) {
        this.limits = limits;
        this.inFlight = new InFlightBytes(limits.inFlightBytes());
        this.zendeskSignature = zendeskSignature;
        metrics.inFlightBytes(inFlight::used);
    }

    /** Checks type and declared size, then reserves the body's bytes from the in-flight budget (503 if taken). */
    InFlightBytes.Reservation admit(Context ctx, Route route) {
        String type = ctx.contentType();
        if (type == null || !isJson(type)) {
            throw Rejection.of(
                    "unsupported-media-type",
                    415,
                    "Unsupported Media Type",
                    "Content-Type must be application/json, was " + (type == null ? "missing" : "'" + type + "'")
                            + ".");
        }
        int limit = limits.forRoute(route);
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(declared + " bytes", limit);
        }
        InFlightBytes.Reservation reserved = inFlight.tryReserve(declared >= 0 ? declared : limit);
        if (reserved == null) {
            throw Rejection.unavailable(
                    "busy",
                    "Too many request bytes are being handled right now (" + inFlight.budget()
                            + " at most); nothing was written. Retry later.",
                    RETRY_AFTER_BUSY_SECONDS);
        }
        return reserved;
    }

    /** Parses the body, failing once it passes the route's limit. */
    JsonNode read(Context ctx, Route route) {
        int limit = limits.forRoute(route);
        LimitedInputStream in = new LimitedInputStream(ctx.bodyInputStream(), limit);
        try {
            JsonNode node;
            if (route.source() == Source.ZENDESK && zendeskSignature != null) {
                byte[] raw = in.readAllBytes(); // the signature covers the exact bytes
                verifyZendesk(ctx, raw);
                node = PayloadParser.parse(raw);
            } else {
                node = PayloadParser.parse(in);
            }
            if (node == null || node.isMissingNode()) {
                throw Rejection.of("invalid-json", 400, "Invalid JSON", "The body is empty.");
            }
            return node;
        } catch (JsonProcessingException e) {
            if (in.exceeded()) {
                throw tooLarge("over " + limit + " bytes", limit);
            }
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw Rejection.of(
                    "invalid-json",
                    400,
                    "Invalid JSON",
                    "The body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            // past the limit (413), else the connection broke and the sender will not see any answer
            if (in.exceeded()) {
                throw tooLarge("over " + limit + " bytes", limit);
            }
            throw Rejection.of("unreadable-body", 400, "Bad Request", "The body could not be read: " + e.getMessage());
        }
    }

    private static Rejection tooLarge(String size, int limit) {
        return Rejection.of(
                "too-large",
                413,
                "Payload Too Large",
                "The body is " + size + "; at most " + limit + " are accepted on this route.");
    }

    private static boolean isJson(String contentType) {
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return base.equals("application/json") || (base.startsWith("application/") && base.endsWith("+json"));
    }

    private void verifyZendesk(Context ctx, byte[] raw) {
        String reason = zendeskSignature.rejection(
                ctx.header(ZendeskSignature.SIGNATURE_HEADER), ctx.header(ZendeskSignature.TIMESTAMP_HEADER), raw);
        if (reason != null) {
            LOG.warn("Rejected Zendesk webhook from {}: {}", ctx.ip(), reason);
            throw Rejection.of("bad-signature", 403, "Forbidden", "The webhook signature is not valid.");
        }
    }
}
