package dev.tocsin.ingest.http;

import dev.tocsin.ingest.domain.Source;
import io.javalin.security.RouteRole;
import java.util.Objects;

/**
 * The Javalin role every ingest route is registered with: its name in metrics and the group whose
 * credentials and rate limit apply ({@link RouteGuard} checks both before the handler runs).
 *
 * @param name   the route's tag in {@code tocsin.ingest.*} metrics
 * @param group  whose credentials it takes and whose rate limit it shares
 * @param source the alert or report source posting to it; null on operator routes
 */
public record Route(String name, RouteGroup group, Source source) implements RouteRole {

    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
    }

    /** The route a source posts to. */
    public static Route of(Source source) {
        return new Route(source.format(), source.yieldsReports() ? RouteGroup.REPORTS : RouteGroup.ALERTS, source);
    }

    /** A route for operators (commands, maintenance, subscriptions, silences). */
    public static Route operator(String name) {
        return new Route(name, RouteGroup.OPERATOR, null);
    }

    /**
     * Whether its senders batch whole alert groups and retry only 5xx: they get the large body
     * limit, and overload answers them 503, never 429.
     */
    public boolean groupWebhook() {
        return source != null && source.groupWebhook();
    }
}
