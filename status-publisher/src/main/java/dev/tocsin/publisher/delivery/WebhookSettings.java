package dev.tocsin.publisher.delivery;

import dev.tocsin.runtime.config.Setting;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Settings of webhook delivery in status-publisher; listed with every other setting in
 * docs/CONFIGURATION.md and resolved into a {@link WebhookDeliveryConfig}.
 */
public final class WebhookSettings {

    public static final Setting<Boolean> ENABLED = Setting.bool(
            "TOCSIN_PUBLISHER_WEBHOOKS_ENABLED",
            false,
            "deliver WEBHOOK notifications as signed HTTP POSTs; when false they stay on the notifications topic undelivered");
    public static final Setting<String> SECRET = Setting.secret(
            "TOCSIN_PUBLISHER_WEBHOOK_SECRET",
            "master key from which each subscription's X-Tocsin-Signature secret is derived (HMAC-SHA256 of the subscription id); "
                    + "required when webhooks are enabled, and the same value as ingest's TOCSIN_INGEST_WEBHOOK_SIGNING_MASTER");
    public static final Setting<Integer> MAX_ATTEMPTS = Setting.integer(
            "TOCSIN_PUBLISHER_WEBHOOK_MAX_ATTEMPTS",
            5,
            "HTTP attempts per notification (first try included; every retry goes through the tocsin.webhook-retries topic) "
                    + "before it goes to the dead-letter topic");
    public static final Setting<Duration> BACKOFF = Setting.duration(
                    "TOCSIN_PUBLISHER_WEBHOOK_BACKOFF",
                    "500ms",
                    "wait before the first retry (its due time on the retry topic); doubles with every further retry")
            .formerly("TOCSIN_PUBLISHER_WEBHOOK_BACKOFF_MS", ChronoUnit.MILLIS);
    public static final Setting<Duration> MAX_BACKOFF = Setting.duration(
                    "TOCSIN_PUBLISHER_WEBHOOK_MAX_BACKOFF",
                    "30s",
                    "longest wait between retries, also the cap on a receiver's Retry-After")
            .formerly("TOCSIN_PUBLISHER_WEBHOOK_MAX_BACKOFF_MS", ChronoUnit.MILLIS);
    public static final Setting<Duration> TIMEOUT = Setting.duration(
                    "TOCSIN_PUBLISHER_WEBHOOK_TIMEOUT",
                    "5s",
                    "overall deadline of one webhook request: connect, TLS, request, status line and headers (the body is not read)")
            .formerly("TOCSIN_PUBLISHER_WEBHOOK_TIMEOUT_MS", ChronoUnit.MILLIS);
    public static final Setting<Integer> CONCURRENCY = Setting.integer(
            "TOCSIN_PUBLISHER_WEBHOOK_CONCURRENCY",
            8,
            "webhook requests in flight at once, for first attempts and as many again for retries; "
                    + "a slow receiver holds one of them at most for the request deadline");
    public static final Setting<Integer> CIRCUIT_FAILURES = Setting.integer(
            "TOCSIN_PUBLISHER_WEBHOOK_CIRCUIT_FAILURES",
            5,
            "consecutive failed requests to one host that open its circuit (no requests until the cool-down passed)");
    public static final Setting<Duration> CIRCUIT_COOLDOWN = Setting.duration(
                    "TOCSIN_PUBLISHER_WEBHOOK_CIRCUIT_COOLDOWN",
                    "30s",
                    "how long an open circuit stays open before one trial request is let through (half-open)")
            .formerly("TOCSIN_PUBLISHER_WEBHOOK_CIRCUIT_COOLDOWN_MS", ChronoUnit.MILLIS);
    public static final Setting<String> ALLOW_LIST = Setting.string(
            "TOCSIN_PUBLISHER_WEBHOOK_ALLOW_LIST",
            null,
            "comma-separated CIDRs, addresses or host names that webhooks may reach although they are private, loopback "
                    + "or otherwise internal (refused by default; loopback is also allowed when TOCSIN_ENV=local)");

    private WebhookSettings() {}

    public static List<Setting<?>> all() {
        return List.of(
                ENABLED,
                SECRET,
                MAX_ATTEMPTS,
                BACKOFF,
                MAX_BACKOFF,
                TIMEOUT,
                CONCURRENCY,
                CIRCUIT_FAILURES,
                CIRCUIT_COOLDOWN,
                ALLOW_LIST);
    }
}
