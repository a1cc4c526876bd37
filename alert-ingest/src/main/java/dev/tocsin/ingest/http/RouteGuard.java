package dev.tocsin.ingest.http;

import dev.tocsin.runtime.http.Credentials;
import dev.tocsin.runtime.http.ServiceHttpServer;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/**
 * What runs around every alert-ingest route, keyed by its {@link Route} role: before the handler,
 * authenticate the caller with the route group's credentials (401) and rate-limit the credential
 * (429; 503 for group webhooks, whose senders drop a notification after any 4xx); after it, even
 * when it was rejected, count the request by route and status and a {@link Rejection} by reason.
 */
public final class RouteGuard {

    private static final String REJECTION = "tocsin.ingest.rejection";

    private final Map<RouteGroup, Credentials> credentials;
    private final RateLimiter rateLimiter;
    private final IngestMetrics metrics;

    public RouteGuard(Map<RouteGroup, Credentials> credentials, RateLimiter rateLimiter, IngestMetrics metrics) {
        this.credentials = Map.copyOf(credentials);
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
    }

    public void install(Javalin app) {
        app.beforeMatched(ctx -> {
            Route route = routeOf(ctx);
            if (route != null) {
                rateLimit(route, authenticate(ctx, route));
            }
        });
        app.exception(Rejection.class, (rejection, ctx) -> {
            ctx.attribute(REJECTION, rejection);
            ServiceHttpServer.respond(ctx, rejection.problem(), rejection.headers());
        });
        app.afterMatched(ctx -> {
            Route route = routeOf(ctx);
            if (route == null) {
                return;
            }
            Rejection rejection = ctx.attribute(REJECTION);
            if (rejection != null) {
                metrics.rejected(route.name(), rejection.reason());
            }
            metrics.request(route.name(), ctx.statusCode());
        });
    }

    /** Who the caller is (for the rate limit), by the credentials of the route's group. */
    private String authenticate(Context ctx, Route route) {
        Credentials accepted = credentials.get(route.group());
        if (accepted == null || accepted.isEmpty()) {
            return "anonymous"; // only possible in the local stack; production refuses to start without credentials
        }
        return accepted.authenticate(ctx.header("Authorization"))
                .orElseThrow(() -> Rejection.of(
                                "unauthorized", 401, "Unauthorized", "Valid credentials are required for this route.")
                        .withHeader("WWW-Authenticate", Credentials.CHALLENGE));
    }

    private void rateLimit(Route route, String who) {
        long wait = rateLimiter.acquire(route.group().label() + "/" + who);
        if (wait > 0) {
            throw Rejection.of(
                            "rate-limited",
                            route.groupWebhook() ? 503 : 429,
                            "Too Many Requests",
                            "Rate limit for " + route.group().label() + " routes exceeded; retry after " + wait + " s.")
                    .withHeader("Retry-After", String.valueOf(wait));
        }
    }

    private static Route routeOf(Context ctx) {
        return ctx.routeRoles().stream()
                .filter(Route.class::isInstance)
                .map(Route.class::cast)
                .findFirst()
                .orElse(null);
    }
}
