package dev.tocsin.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP servers of a service. The main port serves the service's own routes and nothing else
 * (for status-publisher it is the public page); the management port serves {@code /health} (the
 * process is up), {@code /ready} (it can do its work, per the service's {@link HealthCheck}) and
 * {@code /metrics} (Prometheus), which are for the orchestrator and monitoring only. Every error on
 * either port, including unknown routes and unexpected exceptions, answers with an RFC 9457 problem
 * body; an unexpected exception never leaks its message to the client.
 */
public final class ServiceHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceHttpServer.class);

    /** One JSON mapper for every service: ISO-8601 times, no failure on empty beans. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** Threads of the management server at most. */
    private static final int MANAGEMENT_THREADS = 8;

    private final Javalin app;
    private final Javalin management;
    private final String service;

    private ServiceHttpServer(Javalin app, Javalin management, String service) {
        this.app = app;
        this.management = management;
        this.service = service;
    }

    /** Starts building the servers of {@code service}. */
    public static Builder builder(String service, ServiceMetrics metrics, HealthCheck readiness) {
        return new Builder(service, metrics, readiness);
    }

    /** What the servers of one service listen on and serve. */
    public static final class Builder {
        private final String service;
        private final ServiceMetrics metrics;
        private final HealthCheck readiness;
        private String host = "0.0.0.0";
        private int port;
        private int managementPort;
        private long maxRequestBytes = 1_048_576;
        private InstanceToken instances;
        private Consumer<Javalin> routes = app -> {};

        private Builder(String service, ServiceMetrics metrics, HealthCheck readiness) {
            this.service = service;
            this.metrics = metrics;
            this.readiness = readiness;
        }

        /** Main and management port on {@code host} (0 = any free port). */
        public Builder listen(String host, int port, int managementPort) {
            this.host = host;
            this.port = port;
            this.managementPort = managementPort;
            return this;
        }

        /** Bodies larger than this are refused with 413 (default 1 MiB). */
        public Builder maxRequestBytes(long maxRequestBytes) {
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        /** Internal flags (e.g. {@code local=true}) are refused with 403 unless the request carries this token. */
        public Builder internalFlagsOnlyFrom(InstanceToken instances) {
            this.instances = instances;
            return this;
        }

        /** Adds the service's own routes to the main port. */
        public Builder routes(Consumer<Javalin> routes) {
            this.routes = routes;
            return this;
        }

        public ServiceHttpServer start() {
            Javalin app = javalin(maxRequestBytes, null);
            if (instances != null) {
                app.before(instances::refuseInternalFlagsFromOutside);
            }
            routes.accept(app);
            // probes and scrapes come one at a time: a few threads, not a second request-sized pool
            QueuedThreadPool managementThreads = new QueuedThreadPool(MANAGEMENT_THREADS, 2, 60_000);
            managementThreads.setName(service + "-management");
            Javalin management = javalin(1024, managementThreads);
            management.get("/health", ctx -> ctx.json(Map.of("status", "UP", "service", service)));
            management.get("/ready", ctx -> ready(ctx, service, readiness));
            management.get(
                    "/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                            .result(metrics.scrape()));
            app.start(host, port);
            try {
                management.start(host, managementPort);
            } catch (RuntimeException e) {
                app.stop();
                throw e;
            }
            LOG.info(
                    "{} HTTP listening on {}:{}, management (/metrics, /health, /ready) on {}:{}",
                    service,
                    host,
                    app.port(),
                    host,
                    management.port());
            return new ServiceHttpServer(app, management, service);
        }
    }

    /** A server with the shared JSON mapper and problem answers for every error; Javalin's thread pool when null. */
    private static Javalin javalin(long maxRequestBytes, ThreadPool threads) {
        Javalin app = Javalin.create(config -> {
            if (threads != null) {
                config.jetty.threadPool = threads;
            }
            config.http.maxRequestSize = maxRequestBytes;
            config.showJavalinBanner = false;
            config.useVirtualThreads = false;
            config.jsonMapper(new JavalinJackson(JSON, false));
            config.http.defaultContentType = "application/json";
            // requests Jetty refuses itself (431, 414, a bad request line) answer with a problem body too
            config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler(JSON)));
        });
        app.exception(ProblemException.class, (e, ctx) -> respond(ctx, e.problem(), e.headers()));
        app.exception(
                HttpResponseException.class,
                (e, ctx) -> respond(
                        ctx,
                        Problem.of(
                                e.getStatus(),
                                HttpStatus.forStatus(e.getStatus()).getMessage(),
                                e.getMessage()),
                        Map.of()));
        // Interactive queries can fail lazily (while iterating) during a rebalance or restore: that is a 503, not a
        // bug.
        app.exception(InvalidStateStoreException.class, (e, ctx) -> {
            LOG.info("State not queryable for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            respond(
                    ctx,
                    Problem.of(503, "Service Unavailable", "State is being restored or rebalanced; retry shortly."),
                    Map.of("Retry-After", "2"));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
            respond(
                    ctx,
                    Problem.of(
                            500, "Internal Server Error", "The request could not be processed; the error was logged."),
                    Map.of());
        });
        app.error(HttpStatus.NOT_FOUND, ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith(Problem.CONTENT_TYPE)) {
                respond(ctx, Problem.of(404, "Not Found", "No route " + ctx.method() + " " + ctx.path()), Map.of());
            }
        });
        app.error(
                HttpStatus.METHOD_NOT_ALLOWED,
                ctx -> respond(
                        ctx,
                        Problem.of(405, "Method Not Allowed", ctx.method() + " is not allowed on " + ctx.path()),
                        Map.of()));
        return app;
    }

    public int port() {
        return app.port();
    }

    /** The port of /metrics, /health and /ready. */
    public int managementPort() {
        return management.port();
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
        management.stop();
        LOG.info("{} HTTP stopped", service);
    }
}
