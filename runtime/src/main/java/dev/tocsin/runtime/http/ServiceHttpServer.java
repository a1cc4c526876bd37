package dev.tocsin.runtime.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of a service: its own routes plus {@code /health} (the process is up),
 * {@code /ready} (it can do its work, per the service's {@link HealthCheck}) and {@code /metrics}
 * (Prometheus). Every error, including unknown routes and unexpected exceptions, answers with an
 * RFC 9457 problem body; an unexpected exception never leaks its message to the client.
 */
public final class ServiceHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceHttpServer.class);

    /** One JSON mapper for every service: ISO-8601 times, no failure on empty beans. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final Javalin app;
    private final String service;

    private ServiceHttpServer(Javalin app, String service) {
        this.app = app;
        this.service = service;
    }

    /**
     * Starts serving on {@code host:port} (0 = any free port).
     *
     * @param routes adds the service's own routes
     */
    public static ServiceHttpServer start(String service, String host, int port, ServiceMetrics metrics,
                                          HealthCheck readiness, Consumer<Javalin> routes) {
        return start(service, host, port, 1_048_576, metrics, readiness, routes);
    }

    /**
     * Starts serving; bodies larger than {@code maxRequestBytes} are refused with 413.
     */
    public static ServiceHttpServer start(String service, String host, int port, long maxRequestBytes,
                                          ServiceMetrics metrics, HealthCheck readiness, Consumer<Javalin> routes) {
        Javalin app = Javalin.create(config -> {
            config.http.maxRequestSize = maxRequestBytes;
            config.showJavalinBanner = false;
            config.useVirtualThreads = false;
            config.jsonMapper(new JavalinJackson(JSON, false));
            config.http.defaultContentType = "application/json";
        });
        app.get("/health", ctx -> ctx.json(Map.of("status", "UP", "service", service)));
        app.get("/ready", ctx -> ready(ctx, service, readiness));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        routes.accept(app);
        app.exception(ProblemException.class, (e, ctx) -> respond(ctx, e.problem(), e.headers()));
        app.exception(HttpResponseException.class, (e, ctx) -> respond(ctx,
                Problem.of(e.getStatus(), HttpStatus.forStatus(e.getStatus()).getMessage(), e.getMessage()), Map.of()));
        // Interactive queries can fail lazily (while iterating) during a rebalance or restore: that is a 503, not a bug.
        app.exception(InvalidStateStoreException.class, (e, ctx) -> {
            LOG.info("State not queryable for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            respond(ctx, Problem.of(503, "Service Unavailable",
                    "State is being restored or rebalanced; retry shortly."), Map.of("Retry-After", "2"));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, Problem.of(500, "Internal Server Error",
                    "The request could not be processed; the error was logged."), Map.of());
        });
        app.error(HttpStatus.NOT_FOUND, ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith(Problem.CONTENT_TYPE)) {
                respond(ctx, Problem.of(404, "Not Found", "No route " + ctx.method() + " " + ctx.path()), Map.of());
            }
        });
        app.error(HttpStatus.METHOD_NOT_ALLOWED, ctx -> respond(ctx,
                Problem.of(405, "Method Not Allowed", ctx.method() + " is not allowed on " + ctx.path()), Map.of()));
        app.start(host, port);
        LOG.info("{} HTTP listening on {}:{}", service, host, app.port());
        return new ServiceHttpServer(app, service);
    }

    public int port() {
        return app.port();
    }

    /** Writes {@code problem} as the response. */
    public static void respond(Context ctx, Problem problem, Map<String, String> headers) {
        headers.forEach(ctx::header);
        try {
            ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(JSON.writeValueAsString(problem));
        } catch (Exception e) {
            ctx.status(problem.status()).result("{\"status\":" + problem.status() + "}");
        }
    }

    private static void ready(Context ctx, String service, HealthCheck readiness) {
        HealthCheck.Status status = readiness.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.ready() ? "READY" : "NOT_READY");
        body.put("service", service);
        body.put("detail", status.detail());
        ctx.status(status.ready() ? 200 : 503).json(body);
    }

    @Override
    public void close() {
        app.stop();
        LOG.info("{} HTTP stopped", service);
    }
}
