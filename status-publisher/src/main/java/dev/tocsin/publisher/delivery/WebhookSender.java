package dev.tocsin.publisher.delivery;

import dev.tocsin.avro.Notification;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.schemas.rules.WebhookSecrets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one attempt to POST a notification to its webhook and says what comes next: done
 * (delivered or finally failed) or a retry after a backoff. The caller schedules the retry (the
 * dispatcher hands it to the retry topic), so no thread waits through a backoff. Connection errors, timeouts, 408, 429 and 5xx are retried,
 * since the receiver may recover; any other answer is final, since asking again gets the same
 * answer. Redirects are not followed: the subscriber registered this URL, not another one.
 *
 * <p>Each request is signed with its subscription's own secret ({@link WebhookSecrets}), goes
 * only to an address the {@link AddressPolicy} allows, and is skipped while the host's circuit
 * is open ({@link CircuitBreakers}). Logs and failure reasons name the notification, never the URL.
 */
public final class WebhookSender implements ChannelSender {

    public static final String USER_AGENT = "Tocsin-Webhook/1";
    public static final String DEDUP_KEY_HEADER = "X-Tocsin-Dedup-Key";
    public static final String ATTEMPT_HEADER = "X-Tocsin-Delivery-Attempt";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final String master;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Duration deadline;
    private final AddressPolicy addresses;
    private final CircuitBreakers circuits;
    private final WebhookHttp http;
    private final Clock clock;

    /** A sender on the system clock, real DNS and the JVM's trusted certificates. */
    public WebhookSender(WebhookDeliveryConfig config) {
        this(config, Clock.systemUTC(), InetAddress::getAllByName, WebhookHttp.withDefaultTrust());
    }

    /** A sender on the given clock (signatures, Retry-After dates, circuits), resolver and client. */
    WebhookSender(WebhookDeliveryConfig config, Clock clock, AddressPolicy.Resolver resolver, WebhookHttp http) {
        Objects.requireNonNull(config.secret(), "a webhook master key is required to sign deliveries");
        this.master = config.secret();
        this.maxAttempts = config.maxAttempts();
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.deadline = config.requestTimeout();
        this.addresses = new AddressPolicy(config.allowList(), config.allowLoopback(), resolver);
        this.circuits = new CircuitBreakers(config.circuitFailures(), config.circuitCoolDown(), clock);
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The per-host circuits, for the gauge and tests. */
    CircuitBreakers circuits() {
        return circuits;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.WEBHOOK;
    }

    @Override
    public int openCircuits() {
        return circuits.openCount();
    }

    @Override
    public Exception failure(String notificationId, DeliveryResult result) {
        return new WebhookDeliveryException(notificationId, result);
    }

    /**
     * Attempt number {@code attempt} (1 for the first) to deliver {@code notification}. Blocks
     * for at most the request deadline.
     */
    @Override
    public DeliveryStep attempt(Notification notification, int attempt) {
        Optional<URI> target = target(notification.getAddress());
        if (target.isEmpty()) {
            return done(
                    notification,
                    attempt - 1,
                    DeliveryResult.NO_RESPONSE,
                    false,
                    "address is not an absolute http or https URL");
        }
        String host = target.get().getHost();
        AddressPolicy.Decision decision;
        try {
            decision = addresses.check(host);
        } catch (UnknownHostException e) {
            return retryOrGiveUp(
                    notification, attempt, DeliveryResult.NO_RESPONSE, "host not resolved", Optional.empty(), false);
        }
        if (!decision.allowed()) {
            return done(notification, attempt - 1, DeliveryResult.NO_RESPONSE, false, decision.refusal());
        }
        if (!circuits.tryAcquire(host)) {
            return retryOrGiveUp(
                    notification,
                    attempt,
                    DeliveryResult.NO_RESPONSE,
                    "circuit open: the receiver's host failed repeatedly",
                    Optional.of(circuits.retryIn(host)),
                    false);
        }
        byte[] body = WebhookPayload.from(notification).toJson();
        Map<String, String> headers;
        try {
            headers = headers(notification, body, attempt);
        } catch (IllegalArgumentException e) {
            circuits.succeeded(host);
            return done(
                    notification,
                    attempt - 1,
                    DeliveryResult.NO_RESPONSE,
                    false,
                    "request could not be built (" + e.getClass().getSimpleName() + ")");
        }
        try {
            WebhookHttp.Response response = http.post(target.get(), decision.address(), headers, body, deadline);
            int status = response.status();
            if (status >= 200 && status < 300) {
                circuits.succeeded(host);
                LOG.debug(
                        "Webhook notification {} delivered on attempt {} (HTTP {})",
                        notification.getNotificationId(),
                        attempt,
                        status);
                return DeliveryStep.done(DeliveryResult.delivered(attempt, status), true);
            }
            if (!retryable(status)) {
                circuits.succeeded(host);
                return done(
                        notification,
                        attempt,
                        status,
                        true,
                        "HTTP " + status + " on attempt " + attempt + " is not retried");
            }
            circuits.failed(host);
            return retryOrGiveUp(
                    notification,
                    attempt,
                    status,
                    "HTTP " + status,
                    response.retryAfter().flatMap(value -> Backoff.parseRetryAfter(value, clock.instant())),
                    true);
        } catch (IllegalArgumentException e) {
            circuits.succeeded(host);
            return done(
                    notification,
                    attempt - 1,
                    DeliveryResult.NO_RESPONSE,
                    false,
                    "request could not be built (" + e.getClass().getSimpleName() + ")");
        } catch (WebhookHttp.DeadlineExceeded e) {
            circuits.failed(host);
            return retryOrGiveUp(
                    notification,
                    attempt,
                    DeliveryResult.NO_RESPONSE,
                    "no response within " + deadline.toMillis() + " ms",
                    Optional.empty(),
                    true);
        } catch (IOException e) {
            // exception messages may name the host; the class says enough
            circuits.failed(host);
            return retryOrGiveUp(
                    notification,
                    attempt,
                    DeliveryResult.NO_RESPONSE,
                    "connection failed (" + e.getClass().getSimpleName() + ")",
                    Optional.empty(),
                    true);
        }
    }

    /** Whether asking again may get another answer: timeouts, throttling and server errors. */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || (status >= 500 && status < 600);
    }

    /** The address as a URI if it is an absolute http or https URL with a host. */
    static Optional<URI> target(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(address.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            return web && uri.getHost() != null && !uri.getHost().isBlank() ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The signing secret of the notification's subscription; operations webhooks share one key id. */
    String secretOf(Notification notification) {
        String subscription = notification.getSubscriptionId();
        return WebhookSecrets.derive(master, subscription == null ? WebhookSecrets.OPERATIONS : subscription);
    }

    private Map<String, String> headers(Notification notification, byte[] body, int attempt) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        // signed per attempt, so a retry after a long backoff is not refused as stale
        headers.put(WebhookSignature.HEADER, WebhookSignature.sign(body, secretOf(notification), clock.instant()));
        headers.put(DEDUP_KEY_HEADER, notification.getDedupKey());
        headers.put(ATTEMPT_HEADER, String.valueOf(attempt));
        return headers;
    }

    private DeliveryStep retryOrGiveUp(
            Notification notification,
            int attempt,
            int status,
            String problem,
            Optional<Duration> retryAfter,
            boolean requested) {
        if (attempt >= maxAttempts) {
            return done(
                    notification,
                    attempt,
                    status,
                    requested,
                    "gave up after " + maxAttempts + (maxAttempts == 1 ? " attempt" : " attempts") + "; last: "
                            + problem);
        }
        Duration wait = backoff.beforeRetry(attempt, retryAfter);
        LOG.debug(
                "Webhook notification {}: attempt {} failed ({}); retrying in {} ms",
                notification.getNotificationId(),
                attempt,
                problem,
                wait.toMillis());
        return DeliveryStep.retry(wait, requested, "attempt " + attempt + ": " + problem);
    }

    private static DeliveryStep done(
            Notification notification, int attempts, int status, boolean requested, String reason) {
        // the caller decides what a failure means and logs it; this is the detail for debugging
        LOG.debug("Webhook notification {} not delivered: {}", notification.getNotificationId(), reason);
        return DeliveryStep.done(DeliveryResult.failed(attempts, status, reason), requested);
    }
}
