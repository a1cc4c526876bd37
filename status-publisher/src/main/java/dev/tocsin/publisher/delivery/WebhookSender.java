package dev.tocsin.publisher.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.tocsin.avro.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one notification to its webhook: signed JSON, bounded attempts with exponential backoff.
 * Connection errors, timeouts, 408, 429 and 5xx are retried, since the receiver may recover;
 * any other answer is final, since asking again gets the same answer. Redirects are not followed:
 * the subscriber registered this URL, not another one.
 *
 * <p>Logs and failure reasons name the notification, never the URL.
 */
public final class WebhookSender {

    public static final String USER_AGENT = "Tocsin-Webhook/1";
    public static final String DEDUP_KEY_HEADER = "X-Tocsin-Dedup-Key";
    public static final String ATTEMPT_HEADER = "X-Tocsin-Delivery-Attempt";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    /** Waits between attempts; a test records the waits instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final WebhookDeliveryConfig config;
    private final HttpClient http;
    private final String secret;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Sleeper sleeper;

    /** A sender on a fresh HTTP client, the system clock and real sleeps. */
    public WebhookSender(WebhookDeliveryConfig config) {
        this(config, httpClient(config.requestTimeout()), Clock.systemUTC(),
                duration -> Thread.sleep(duration.toMillis()));
    }

    /** A sender on the given client, clock (signature timestamps, Retry-After dates) and sleeper. */
    public WebhookSender(WebhookDeliveryConfig config, HttpClient http, Clock clock, Sleeper sleeper) {
        Objects.requireNonNull(config.secret(), "a webhook secret is required to sign deliveries");
        this.config = config;
        this.http = Objects.requireNonNull(http, "http");
        this.secret = config.secret();
        this.maxAttempts = config.maxAttempts();
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.requestTimeout = config.requestTimeout();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** The HTTP client webhooks need: no redirects, bounded connect time. */
    public static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The longest one {@link #send} can take; see {@link WebhookDeliveryConfig#longestDelivery()}. */
    public Duration longestDelivery() {
        return config.longestDelivery();
    }

    /**
     * Delivers {@code notification} to its address.
     *
     * @throws InterruptedException when interrupted while waiting (shutdown): the outcome is
     *                              unknown, so the caller must not treat the notification as done
     */
    public DeliveryResult send(Notification notification) throws InterruptedException {
        Optional<URI> target = target(notification.getAddress());
        if (target.isEmpty()) {
            return failed(notification, 0, DeliveryResult.NO_RESPONSE, "address is not an absolute http or https URL");
        }
        byte[] body = WebhookPayload.from(notification).toJson();
        int status = DeliveryResult.NO_RESPONSE;
        String problem = null;
        Optional<Duration> retryAfter = Optional.empty();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                Duration wait = backoff.beforeRetry(attempt - 1, retryAfter);
                LOG.debug("Webhook notification {}: attempt {} failed ({}); retrying in {} ms",
                        notification.getNotificationId(), attempt - 1, problem, wait.toMillis());
                sleeper.sleep(wait);
            }
            HttpRequest request;
            try {
                request = request(target.get(), body, notification.getDedupKey(), attempt);
            } catch (IllegalArgumentException e) {
                // the JDK's message may quote the URI or a header value: keep it out of the reason
                return failed(notification, attempt - 1, status, "request could not be built ("
                        + e.getClass().getSimpleName() + ")");
            }
            retryAfter = Optional.empty();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                if (status >= 200 && status < 300) {
                    LOG.debug("Webhook notification {} delivered on attempt {} (HTTP {})",
                            notification.getNotificationId(), attempt, status);
                    return DeliveryResult.delivered(attempt, status);
                }
                problem = "HTTP " + status;
                if (!retryable(status)) {
                    return failed(notification, attempt, status, "HTTP " + status + " on attempt " + attempt
                            + " is not retried");
                }
                retryAfter = response.headers().firstValue("Retry-After")
                        .flatMap(value -> Backoff.parseRetryAfter(value, clock.instant()));
            } catch (HttpTimeoutException e) {
                status = DeliveryResult.NO_RESPONSE;
                problem = "no response within " + requestTimeout.toMillis() + " ms";
            } catch (IOException e) {
                // exception messages may name the host; the class says enough
                status = DeliveryResult.NO_RESPONSE;
                problem = "connection failed (" + e.getClass().getSimpleName() + ")";
            }
        }
        return failed(notification, maxAttempts, status, "gave up after " + maxAttempts
                + (maxAttempts == 1 ? " attempt" : " attempts") + "; last: " + problem);
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

    private HttpRequest request(URI target, byte[] body, String dedupKey, int attempt) {
        // signed per attempt, so a retry after a long backoff is not refused as stale
        return HttpRequest.newBuilder(target)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header(WebhookSignature.HEADER, WebhookSignature.sign(body, secret, clock.instant()))
                .header(DEDUP_KEY_HEADER, dedupKey)
                .header(ATTEMPT_HEADER, String.valueOf(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private static DeliveryResult failed(Notification notification, int attempts, int status, String reason) {
        // the caller decides what a failure means and logs it; this is the detail for debugging
        LOG.debug("Webhook notification {} not delivered: {}", notification.getNotificationId(), reason);
        return DeliveryResult.failed(attempts, status, reason);
    }
}
