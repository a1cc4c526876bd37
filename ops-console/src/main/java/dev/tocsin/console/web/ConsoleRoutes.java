package dev.tocsin.console.web;

import dev.tocsin.console.access.ConsoleRole;
import dev.tocsin.console.access.Session;
import dev.tocsin.console.access.Sessions;
import dev.tocsin.console.access.Users;
import dev.tocsin.console.domain.CommandForm;
import dev.tocsin.console.domain.IncidentFilter;
import dev.tocsin.console.domain.QueueForms;
import dev.tocsin.console.live.CommandOutcomes;
import dev.tocsin.console.live.LiveViews;
import dev.tocsin.console.upstream.CorrelatorClient;
import dev.tocsin.console.upstream.IngestClient;
import dev.tocsin.console.upstream.UpstreamAnswer;
import dev.tocsin.publisher.topology.PageOptions;
import dev.tocsin.runtime.http.Problem;
import dev.tocsin.runtime.http.ProblemException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's routes. Every page but the login needs a session (cookie {@value #COOKIE}:
 * HttpOnly, SameSite=Strict, Secure unless configured off); every POST needs the session's CSRF
 * token; every response carries a CSP without inline script or style. Reads go to the query API
 * and the live views, actions to alert-ingest's operator API with the user as actor.
 */
public final class ConsoleRoutes {

    static final String COOKIE = "tocsin_console_session";
    static final String CSP =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                    + "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    private static final String SESSION = "console.session";

    private final Users users;
    private final Sessions sessions;
    private final boolean secureCookie;
    private final CorrelatorClient correlator;
    private final IngestClient ingest;
    private final LiveViews views;
    private final String unclassifiedProduct;
    private final Clock clock;
    private final ListPage listPage;
    private final DetailPage detailPage;
    private final LiveEvents liveEvents;
    private final MeterRegistry registry;

    public ConsoleRoutes(
            Users users,
            Sessions sessions,
            boolean secureCookie,
            CorrelatorClient correlator,
            IngestClient ingest,
            LiveViews views,
            String unclassifiedProduct,
            Duration dueSoon,
            String statusPageUrl,
            PageOptions publicPage,
            Clock clock,
            MeterRegistry registry) {
        this.users = users;
        this.sessions = sessions;
        this.secureCookie = secureCookie;
        this.correlator = correlator;
        this.ingest = ingest;
        this.views = views;
        this.unclassifiedProduct = unclassifiedProduct;
        this.clock = clock;
        this.listPage = new ListPage(unclassifiedProduct, dueSoon);
        this.detailPage = new DetailPage(
                dueSoon,
                new PublicViewSection(
                        statusPageUrl, publicPage.catalog(), publicPage.publicProducts(), publicPage.history()));
        this.liveEvents = new LiveEvents(views.incidents, registry);
        this.registry = registry;
    }

    public void register(Javalin app) {
        app.before(this::secureHeaders);
        app.before(this::requireSession);
        app.get("/static/console.js", ctx -> asset(ctx, "console.js", "text/javascript; charset=utf-8"));
        app.get("/static/console.css", ctx -> asset(ctx, "console.css", "text/css; charset=utf-8"));
        app.get("/login", ctx -> html(ctx, LoginPage.render(null, safeNext(ctx.queryParam("next")))));
        app.post("/login", this::login);
        app.post("/logout", this::logout);
        app.get("/", this::list);
        app.get("/incidents/rows", this::rows);
        app.sse("/events", liveEvents::stream);
        app.get("/incidents/{id}", this::detail);
        app.post("/incidents/{id}/actions", this::act);
        app.get("/commands/{commandId}", this::outcome);
        app.get("/queues", ctx -> queues(ctx, null));
        app.post("/maintenance", this::saveMaintenance);
        app.post("/maintenance/{id}/end", this::endMaintenance);
        app.post("/silences", this::saveSilence);
        app.post("/silences/{id}/expire", this::expireSilence);
        app.get("/tickets", this::ticket);
    }

    public void close() {
        liveEvents.close();
    }

    private void secureHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }

    /** Pages need a session (else the login); POSTs need its CSRF token too. Login and assets are open. */
    private void requireSession(Context ctx) {
        String path = ctx.path();
        if (path.startsWith("/static/") || path.equals("/login")) {
            if (path.equals("/login") && ctx.method().name().equals("POST")) {
                refuseCrossOrigin(ctx);
            }
            return;
        }
        Optional<Session> session = sessions.find(ctx.cookie(COOKIE));
        if (session.isEmpty()) {
            if (ctx.method().name().equals("GET")
                    && !path.equals("/events")
                    && !path.startsWith("/commands/")
                    && !path.equals("/incidents/rows")) {
                ctx.redirect(
                        "/login?next=" + Html.url(path + (ctx.queryString() == null ? "" : "?" + ctx.queryString())),
                        HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
                return;
            }
            throw new ProblemException(Problem.of(401, "Unauthorized", "Log in to the console first."));
        }
        if (ctx.method().name().equals("POST")) {
            String token = Optional.ofNullable(ctx.formParam("csrf")).orElse(ctx.header("X-CSRF-Token"));
            if (!Sessions.csrfMatches(session.get(), token)) {
                throw new ProblemException(Problem.of(
                        403, "Forbidden", "The form's CSRF token is missing or not this session's; reload the page."));
            }
        }
        ctx.attribute(SESSION, session.get());
    }

    /** A login posted from another site is refused (login CSRF); browsers send Origin on every POST. */
    private static void refuseCrossOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin != null && !"null".equals(origin) && host != null && !origin.endsWith("//" + host)) {
            throw new ProblemException(Problem.of(403, "Forbidden", "Log in from the console's own page."));
        }
    }

    private static Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    private void login(Context ctx) {
        String user = ctx.formParam("user");
        Optional<ConsoleRole> role = users.login(user, ctx.formParam("password"));
        if (role.isEmpty()) {
            count("tocsin_console_logins_total", "outcome", "refused");
            ctx.status(401);
            html(ctx, LoginPage.render("Unknown user or wrong password.", safeNext(ctx.formParam("next"))));
            return;
        }
        count("tocsin_console_logins_total", "outcome", "ok");
        sessions.close(ctx.cookie(COOKIE));
        Session session = sessions.open(user.trim(), role.get());
        ctx.header(
                "Set-Cookie",
                COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "")
                        + "; Max-Age=" + sessions.idle().toSeconds());
        ctx.redirect(safeNext(ctx.formParam("next")), HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        sessions.close(ctx.cookie(COOKIE));
        ctx.header(
                "Set-Cookie",
                COOKIE + "=; Path=/; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "") + "; Max-Age=0");
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    /** Only a path of this site: never an open redirect. */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }

    private void list(Context ctx) {
        IncidentFilter filter = IncidentFilter.from(ctx::queryParam);
        html(
                ctx,
                listPage.render(
                        session(ctx),
                        filter,
                        views.incidents.all(),
                        views.readiness().ready(),
                        clock.instant()));
    }

    private void rows(Context ctx) {
        html(ctx, listPage.rows(IncidentFilter.from(ctx::queryParam), views.incidents.all(), clock.instant()));
    }

    private void detail(Context ctx) {
        detail(ctx, ctx.pathParam("id"), ctx.queryParam("notice"), ctx.queryParam("command"));
    }

    private void detail(Context ctx, String id, String notice, String pendingCommand) {
        Session session = session(ctx);
        UpstreamAnswer incident = correlator.incident(id);
        if (!incident.ok()) {
            ctx.status(incident.status() == 404 ? 404 : 502);
            html(
                    ctx,
                    Layout.page(
                            id,
                            session,
                            "<h1>" + Html.text(id) + "</h1><p class=\"error\" role=\"alert\">"
                                    + Html.text(incident.reason()) + "</p>"));
            return;
        }
        int alertsOffset = offset(ctx.queryParam("alerts"));
        int ticketsOffset = offset(ctx.queryParam("tickets"));
        UpstreamAnswer alerts =
                session.role().mayReadAlerts() ? correlator.alerts(id, alertsOffset, DetailPage.PAGE) : null;
        UpstreamAnswer tickets = correlator.tickets(id, ticketsOffset, DetailPage.PAGE);
        html(
                ctx,
                detailPage.render(
                        session,
                        incident.body(),
                        new DetailPage.Extras(
                                views.incidents.get(id).orElse(null),
                                alerts,
                                alertsOffset,
                                tickets,
                                ticketsOffset,
                                notice,
                                pendingCommand),
                        clock.instant()));
    }

    private static int offset(String raw) {
        try {
            return raw == null ? 0 : Math.max(0, Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void act(Context ctx) {
        Session session = session(ctx);
        String id = ctx.pathParam("id");
        CommandForm.Result form = CommandForm.of(ctx.formParam("action"), session.user(), ctx::formParam);
        if (form.refused().isPresent()) {
            countAction(ctx.formParam("action"), "invalid");
            ctx.status(422);
            detail(ctx, id, "Not sent: " + form.refusal(), null);
            return;
        }
        if (!session.role().maySend(form.type())) {
            countAction(form.type(), "forbidden");
            throw new ProblemException(Problem.of(
                    403, "Forbidden", "Support can link and unlink tickets; " + form.type() + " is for operators."));
        }
        String key = Optional.ofNullable(ctx.formParam("idempotencyKey"))
                .filter(k -> !k.isBlank())
                .orElse(java.util.UUID.randomUUID().toString());
        UpstreamAnswer answer = ingest.command(id, form.command(), key);
        if (!answer.ok()) {
            countAction(form.type(), "refused");
            ctx.status(answer.status() >= 500 ? 502 : 422);
            detail(ctx, id, form.type() + " refused by alert-ingest: " + answer.reason(), null);
            return;
        }
        countAction(form.type(), "sent");
        String commandId = answer.body()
                .path("commandId")
                .asText(answer.body().path("ids").path(0).asText(""));
        ctx.redirect(
                "/incidents/" + Html.url(id) + "?command=" + Html.url(commandId) + "&notice="
                        + Html.url(form.type() + " sent; waiting for the correlator…"),
                HttpStatus.SEE_OTHER);
    }

    /** What became of a command: pending, applied or rejected with the correlator's reason (polled by the page's script). */
    private void outcome(Context ctx) {
        Optional<CommandOutcomes.Outcome> outcome = views.outcomes.of(ctx.pathParam("commandId"));
        ctx.json(outcome.map(o -> Map.of("state", o.rejected() ? "rejected" : "applied", "message", o.message()))
                .orElse(Map.of("state", "pending", "message", "")));
    }

    private void queues(Context ctx, String notice) {
        List<dev.tocsin.avro.Incident> unclassified = views.incidents.all().stream()
                .filter(i -> unclassifiedProduct.equals(i.getProduct()))
                .sorted(ListPage.ORDER)
                .toList();
        QueuesPage.Queues q = new QueuesPage.Queues(
                unclassified,
                views.unclassifiedAlerts.newestFirst(),
                views.tickets.standardTroubleshooting(),
                views.maintenance.values().stream()
                        .sorted((a, b) -> b.getStartsAt().compareTo(a.getStartsAt()))
                        .toList(),
                views.silences.values().stream()
                        .sorted((a, b) -> b.getEndsAt().compareTo(a.getEndsAt()))
                        .toList(),
                views.notifications.newestFirst(),
                views.undelivered.newestFirst(),
                views.withheld.newestFirst(),
                session(ctx).role().mayReadAlerts()
                        ? correlator.heldAlerts(ctx.queryParam("heldCursor"), QueuesPage.HELD_PAGE)
                        : null);
        html(ctx, QueuesPage.render(session(ctx), q, notice, clock.instant()));
    }

    private void requireQueueRights(Context ctx) {
        if (!session(ctx).role().mayManageQueues()) {
            throw new ProblemException(
                    Problem.of(403, "Forbidden", "Maintenance windows and silences are for operators."));
        }
    }

    private void saveMaintenance(Context ctx) {
        requireQueueRights(ctx);
        QueueForms.Body form = QueueForms.maintenance(ctx::formParam);
        String id = Optional.ofNullable(ctx.formParam("id")).orElse("").trim();
        answerQueue(ctx, "Maintenance window " + id, form, () -> ingest.putMaintenance(id, form.body()));
    }

    private void endMaintenance(Context ctx) {
        requireQueueRights(ctx);
        String id = ctx.pathParam("id");
        String state = "cancelled".equals(ctx.formParam("state")) ? "cancelled" : "completed";
        if (state.equals("cancelled")) {
            answerQueue(
                    ctx,
                    "Maintenance window " + id + " cancel",
                    new QueueForms.Body(Map.of(), null),
                    () -> ingest.cancelMaintenance(id));
            return;
        }
        // completing keeps the window's products and times: send it back whole with the new state
        Optional<dev.tocsin.avro.MaintenanceWindow> window = views.maintenance.get(id);
        if (window.isEmpty()) {
            ctx.status(404);
            queues(ctx, "Maintenance window " + id + " is not in the console's view.");
            return;
        }
        dev.tocsin.avro.MaintenanceWindow w = window.get();
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("products", w.getProducts());
        body.put("title", w.getTitle());
        if (w.getDescription() != null) {
            body.put("description", w.getDescription());
        }
        if (w.getReason() != null) {
            body.put("reason", w.getReason());
        }
        body.put("startsAt", w.getStartsAt().toString());
        body.put("endsAt", w.getEndsAt().toString());
        body.put("state", "completed");
        answerQueue(
                ctx,
                "Maintenance window " + id + " complete",
                new QueueForms.Body(body, null),
                () -> ingest.putMaintenance(id, body));
    }

    private void saveSilence(Context ctx) {
        requireQueueRights(ctx);
        QueueForms.Body form = QueueForms.silence(ctx::formParam, session(ctx).user(), clock.instant());
        answerQueue(ctx, "Silence", form, () -> ingest.postSilence(form.body()));
    }

    private void expireSilence(Context ctx) {
        requireQueueRights(ctx);
        String id = ctx.pathParam("id");
        answerQueue(
                ctx, "Silence " + id + " expire", new QueueForms.Body(Map.of(), null), () -> ingest.expireSilence(id));
    }

    private void answerQueue(
            Context ctx, String what, QueueForms.Body form, java.util.function.Supplier<UpstreamAnswer> send) {
        if (form.refusal() != null) {
            ctx.status(422);
            queues(ctx, what + " not sent: " + form.refusal());
            return;
        }
        UpstreamAnswer answer = send.get();
        count("tocsin_console_queue_changes_total", "outcome", answer.ok() ? "sent" : "refused");
        if (!answer.ok()) {
            ctx.status(answer.status() >= 500 ? 502 : 422);
            queues(ctx, what + " refused by alert-ingest: " + answer.reason());
            return;
        }
        ctx.redirect(
                "/queues?notice=" + Html.url(what + ": accepted; the list follows in a moment"), HttpStatus.SEE_OTHER);
    }

    private void ticket(Context ctx) {
        String id = Optional.ofNullable(ctx.queryParam("id")).orElse("").trim();
        UpstreamAnswer answer = id.isEmpty() ? null : correlator.ticket(id);
        html(ctx, TicketPage.render(session(ctx), id, answer, id.isEmpty() ? List.of() : views.tickets.of(id)));
    }

    private static void html(Context ctx, String body) {
        ctx.contentType("text/html; charset=utf-8").result(body);
    }

    private void countAction(String action, String outcome) {
        Counter.builder("tocsin_console_actions_total")
                .description("Incident actions from the console, by outcome")
                .tag("action", action == null ? "none" : action)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private void count(String name, String tag, String value) {
        Counter.builder(name).tag(tag, value).register(registry).increment();
    }

    private static void asset(Context ctx, String name, String type) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/dev/tocsin/console/static/" + name)) {
            if (in == null) {
                throw new ProblemException(Problem.of(404, "Not Found", name));
            }
            ctx.header("Cache-Control", "no-cache").contentType(type).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
