package dev.tocsin.publisher.subscribe;

import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.Subscription;
import dev.tocsin.avro.SubscriptionScope;
import dev.tocsin.publisher.delivery.EmailConfig;
import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.runtime.http.Problem;
import dev.tocsin.runtime.http.ServiceHttpServer;
import dev.tocsin.schemas.rules.WebhookSecrets;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Self-service subscriptions on the status page's port:
 * <ul>
 *   <li>{@code GET /subscribe}: the form (address, components, language; and a webhook form when
 *       webhooks are delivered). {@code POST /subscribe} mails a signed, expiring confirmation link
 *       ({@link ConfirmationMail}) and answers the same whether or not the address is subscribed,
 *       known, or over its limit: the page never tells whether an address is subscribed.</li>
 *   <li>{@code GET /subscribe/confirm?t=} shows a confirm button, {@code POST} writes the
 *       subscriptions (double opt-in). GET never changes anything: mail scanners open links.</li>
 *   <li>{@code GET /unsubscribe?t=} shows an unsubscribe button; {@code POST} writes the
 *       subscription's tombstone, also as RFC 8058's one-click POST from a mail client.</li>
 *   <li>{@code POST /subscribe/webhook}: a webhook subscription whose signing secret is shown once.</li>
 * </ul>
 * The forms carry a CSRF token: a random nonce in a {@code SameSite=Strict} cookie, and the same
 * nonce signed in a hidden field; a post whose two do not match is refused. Confirmation and
 * unsubscribe posts need none: their signed token is the authority. Requests per client IP and
 * confirmation mails per address are limited per hour.
 */
public final class SubscriptionApi {

    static final String CONFIRM = "confirm";
    static final String FORM = "form";
    static final String FORM_COOKIE = "tocsin_form";
    static final Duration FORM_VALID = Duration.ofHours(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EmailConfig config;
    private final ComponentCatalog catalog;
    private final String pageUrl;
    private final String pageName;
    private final SubscriptionWriter writer;
    /** Master key of webhook secrets; null when webhooks are not delivered, and no webhook form is offered. */
    private final String webhookMaster;

    private final SignedTokens tokens;
    private final UnsubscribeLinks unsubscribeLinks;
    private final HourlyLimit perIp;
    private final HourlyLimit perAddress;
    private final Clock clock;
    private final boolean secureCookie;
    private final Counter mailed;
    private final Counter notMailed;
    private final Counter confirmed;
    private final Counter unsubscribed;
    private final Counter webhooks;

    public SubscriptionApi(
            EmailConfig config,
            ComponentCatalog catalog,
            String pageUrl,
            String pageName,
            SubscriptionWriter writer,
            String webhookMaster,
            MeterRegistry registry,
            Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.pageUrl = pageUrl.endsWith("/") ? pageUrl.substring(0, pageUrl.length() - 1) : pageUrl;
        this.pageName = pageName;
        this.writer = writer;
        this.webhookMaster = webhookMaster;
        this.tokens = new SignedTokens(config.secret());
        this.unsubscribeLinks = new UnsubscribeLinks(tokens, this.pageUrl);
        this.perIp = new HourlyLimit(config.perIpPerHour(), clock);
        this.perAddress = new HourlyLimit(config.perAddressPerHour(), clock);
        this.clock = clock;
        this.secureCookie = this.pageUrl.startsWith("https:");
        this.mailed = requests(registry, "mailed");
        this.notMailed = requests(registry, "address_limited");
        this.confirmed = Counter.builder("tocsin.subscribe.confirmed")
                .description("Subscriptions confirmed (double opt-in)")
                .register(registry);
        this.unsubscribed = Counter.builder("tocsin.subscribe.unsubscribed")
                .description("Subscriptions removed by their link")
                .register(registry);
        this.webhooks = Counter.builder("tocsin.subscribe.webhooks")
                .description("Webhook subscriptions created on the page")
                .register(registry);
    }

    private static Counter requests(MeterRegistry registry, String outcome) {
        return Counter.builder("tocsin.subscribe.requests")
                .description(
                        "Subscription form posts accepted: confirmation mailed, or not mailed (address over its hourly limit)")
                .tag("outcome", outcome)
                .register(registry);
    }

    public void register(Javalin app) {
        app.get("/subscribe", this::form);
        app.post("/subscribe", this::subscribe);
        app.get("/subscribe/confirm", this::confirmPage);
        app.post("/subscribe/confirm", this::confirm);
        app.get(UnsubscribeLinks.PATH, this::unsubscribePage);
        app.post(UnsubscribeLinks.PATH, this::unsubscribe);
        if (webhookMaster != null) {
            app.post("/subscribe/webhook", this::webhook);
        }
    }

    private void form(Context ctx) {
        Messages m = messages(ctx);
        html(ctx, 200, SubscriptionHtml.form(m, catalog, newFormToken(ctx), webhookMaster != null, null, null));
    }

    private void subscribe(Context ctx) {
        Messages m = messages(ctx);
        if (!formTokenValid(ctx)) {
            refuse(ctx, 403, m, "subscribe.form_expired", "csrf");
            return;
        }
        if (overIpLimit(ctx, m)) {
            return;
        }
        EmailSubscriptionRequest.Result parsed = EmailSubscriptionRequest.parse(
                ctx.formParam("email"), ctx.formParams("component"), ctx.formParam("language"), catalog);
        if (parsed.refusal() != null) {
            if (wantsHtml(ctx)) {
                SubscriptionHtml.Values values = new SubscriptionHtml.Values(
                        Optional.ofNullable(ctx.formParam("email")).orElse(""),
                        ctx.formParams("component"),
                        ctx.formParam("language"));
                html(
                        ctx,
                        400,
                        SubscriptionHtml.form(
                                m,
                                catalog,
                                newFormToken(ctx),
                                webhookMaster != null,
                                parsed.refusal().messageKey(),
                                values));
            } else {
                problem(
                        ctx,
                        Problem.invalid(
                                m.text(parsed.refusal().messageKey()),
                                List.of(new Problem.FieldError(
                                        parsed.refusal().field(),
                                        m.text(parsed.refusal().messageKey())))));
            }
            return;
        }
        EmailSubscriptionRequest request = parsed.request();
        // over the address's limit: the same answer, but no mail (counted), so nobody floods a mailbox through us
        if (perAddress.tryAcquire(request.address()).isEmpty()) {
            Instant now = clock.instant();
            String token = tokens.sign(CONFIRM, request.payload(), now.plus(config.confirmFor()));
            String link = pageUrl + "/subscribe/confirm?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
            writer.mail(ConfirmationMail.of(request, link, config.confirmFor().toHours(), pageName, catalog, now));
            mailed.increment();
        } else {
            notMailed.increment();
        }
        Messages answer = Messages.forLanguage(request.language());
        html(
                ctx,
                202,
                SubscriptionHtml.message(
                        answer,
                        answer.text("subscribe.title"),
                        answer.format("subscribe.sent", config.confirmFor().toHours()),
                        List.<String[]>of(new String[] {pageName, pageUrl + "/"})));
    }

    private void confirmPage(Context ctx) {
        Messages m = messages(ctx);
        Optional<EmailSubscriptionRequest> request = confirmation(ctx.queryParam("t"));
        if (request.isEmpty()) {
            refuse(ctx, 400, m, "subscribe.link_invalid", "t");
            return;
        }
        Messages own = Messages.forLanguage(request.get().language());
        html(
                ctx,
                200,
                SubscriptionHtml.button(
                        own,
                        own.text("subscribe.confirm.title"),
                        own.format(
                                "subscribe.confirm.question",
                                what(request.get(), own),
                                request.get().address()),
                        "confirm",
                        ctx.queryParam("t"),
                        own.text("subscribe.confirm.button")));
    }

    private void confirm(Context ctx) {
        Messages m = messages(ctx);
        Optional<EmailSubscriptionRequest> request = confirmation(token(ctx));
        if (request.isEmpty()) {
            refuse(ctx, 400, m, "subscribe.link_invalid", "t");
            return;
        }
        List<Subscription> subscriptions = request.get().subscriptions(clock.instant());
        writer.subscribe(subscriptions);
        confirmed.increment(subscriptions.size());
        Messages own = Messages.forLanguage(request.get().language());
        List<String[]> links = new ArrayList<>();
        for (Subscription subscription : subscriptions) {
            String target = subscription.getTarget() == null
                    ? own.text("subscribe.all_components")
                    : catalog.displayName(subscription.getTarget());
            links.add(new String[] {
                own.text("email.footer.unsubscribe_link") + ": " + target,
                unsubscribeLinks.url(subscription.getSubscriptionId(), own.language())
            });
        }
        html(
                ctx,
                200,
                SubscriptionHtml.message(
                        own, own.text("subscribe.confirm.title"), own.text("subscribe.confirmed"), links));
    }

    private void unsubscribePage(Context ctx) {
        Messages m = messages(ctx);
        String token = ctx.queryParam("t");
        if (unsubscribeLinks.subscriptionOf(token).isEmpty()) {
            refuse(ctx, 400, m, "subscribe.link_invalid", "t");
            return;
        }
        html(
                ctx,
                200,
                SubscriptionHtml.button(
                        m,
                        m.text("unsubscribe.title"),
                        m.text("unsubscribe.question"),
                        "unsubscribe?locale=" + m.language(),
                        token,
                        m.text("unsubscribe.button")));
    }

    private void unsubscribe(Context ctx) {
        Messages m = messages(ctx);
        Optional<String> subscription = unsubscribeLinks.subscriptionOf(token(ctx));
        if (subscription.isEmpty()) {
            refuse(ctx, 400, m, "subscribe.link_invalid", "t");
            return;
        }
        writer.unsubscribe(subscription.get());
        unsubscribed.increment();
        html(
                ctx,
                200,
                SubscriptionHtml.message(
                        m, m.text("unsubscribe.title"), m.text("unsubscribe.done"), List.<String[]>of(new String[] {
                            pageName, pageUrl + "/"
                        })));
    }

    private void webhook(Context ctx) {
        Messages m = messages(ctx);
        if (!formTokenValid(ctx)) {
            refuse(ctx, 403, m, "subscribe.form_expired", "csrf");
            return;
        }
        if (overIpLimit(ctx, m)) {
            return;
        }
        Optional<String> url = httpsUrl(ctx.formParam("url"));
        if (url.isEmpty()) {
            refuse(ctx, 400, m, "webhook.invalid_url", "url");
            return;
        }
        String product = Optional.ofNullable(ctx.formParam("component")).orElse("");
        if (!product.isEmpty() && !catalog.products().contains(product)) {
            refuse(ctx, 400, m, "subscribe.invalid_component", "component");
            return;
        }
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String id = "webhook-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        writer.subscribe(List.of(Subscription.newBuilder()
                .setSubscriptionId(id)
                .setScope(product.isEmpty() ? SubscriptionScope.ALL : SubscriptionScope.PRODUCT)
                .setTarget(product.isEmpty() ? null : product)
                .setChannel(NotificationChannel.WEBHOOK)
                .setAddress(url.get())
                .setLocale(m.language())
                .setCreatedAt(clock.instant())
                .build()));
        webhooks.increment();
        // derived, never stored: this page is the only place it is ever shown
        ctx.header("Cache-Control", "no-store");
        html(
                ctx,
                201,
                SubscriptionHtml.webhookCreated(
                        m, id, WebhookSecrets.derive(webhookMaster, id), unsubscribeLinks.url(id, m.language())));
    }

    /** An absolute https URL with a host, at most 2000 characters. */
    static Optional<String> httpsUrl(String text) {
        if (text == null || text.isBlank() || text.length() > 2000) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.strip());
            boolean https = "https".equalsIgnoreCase(uri.getScheme())
                    && uri.getHost() != null
                    && !uri.getHost().isBlank()
                    && uri.getUserInfo() == null;
            return https ? Optional.of(uri.toString()) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private Optional<EmailSubscriptionRequest> confirmation(String token) {
        return tokens.verify(CONFIRM, token, clock.instant()).flatMap(EmailSubscriptionRequest::fromPayload);
    }

    private String what(EmailSubscriptionRequest request, Messages m) {
        return request.products().isEmpty()
                ? m.text("subscribe.all_components")
                : String.join(
                        m.template("list.separator"),
                        request.products().stream().map(catalog::displayName).toList());
    }

    /** The signed token of a post: the form's field, or the query (RFC 8058 posts to the link's own URL). */
    private static String token(Context ctx) {
        String form = ctx.formParam("t");
        return form != null ? form : ctx.queryParam("t");
    }

    /** A fresh nonce in the cookie and the signed nonce for the form's hidden field. */
    private String newFormToken(Context ctx) {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        ctx.header(
                "Set-Cookie",
                FORM_COOKIE + "=" + value + "; Path=/subscribe; Max-Age=" + FORM_VALID.toSeconds()
                        + "; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : ""));
        return tokens.sign(FORM, value, clock.instant().plus(FORM_VALID));
    }

    /** Whether the post's hidden token is genuine, unexpired, and names the nonce of this browser's cookie. */
    private boolean formTokenValid(Context ctx) {
        String cookie = ctx.cookie(FORM_COOKIE);
        return cookie != null
                && tokens.verify(FORM, ctx.formParam("csrf"), clock.instant())
                        .filter(cookie::equals)
                        .isPresent();
    }

    private boolean overIpLimit(Context ctx, Messages m) {
        Optional<Duration> wait = perIp.tryAcquire(ctx.ip());
        if (wait.isEmpty()) {
            return false;
        }
        ctx.header("Retry-After", String.valueOf(Math.max(1, wait.get().toSeconds())));
        refuse(ctx, 429, m, "subscribe.too_many", null);
        return true;
    }

    private static Messages messages(Context ctx) {
        String requested = ctx.queryParam("locale");
        return Messages.forLanguage(Messages.resolve(requested, ctx.header("Accept-Language")));
    }

    /** A refusal: an HTML page for a browser, a JSON problem for anything else. */
    private void refuse(Context ctx, int status, Messages m, String messageKey, String field) {
        if (wantsHtml(ctx)) {
            html(
                    ctx,
                    status,
                    SubscriptionHtml.message(
                            m, m.text("subscribe.title"), m.text(messageKey), List.<String[]>of(new String[] {
                                m.text("subscribe.title"), pageUrl + "/subscribe"
                            })));
            return;
        }
        Problem problem = status == 400 && field != null
                ? Problem.invalid(m.text(messageKey), List.of(new Problem.FieldError(field, m.text(messageKey))))
                : Problem.of(status, status == 429 ? "Too Many Requests" : "Forbidden", m.text(messageKey));
        problem(ctx, problem);
    }

    private static void problem(Context ctx, Problem problem) {
        ServiceHttpServer.respond(ctx, problem, Map.of());
    }

    private static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    private static void html(Context ctx, int status, String body) {
        ctx.header("Content-Security-Policy", SubscriptionHtml.CSP);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType("text/html; charset=utf-8").result(body);
    }
}
