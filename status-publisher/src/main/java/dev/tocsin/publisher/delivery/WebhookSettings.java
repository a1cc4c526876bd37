package dev.tocsin.publisher.delivery;

import java.util.List;

import dev.tocsin.runtime.config.Setting;

/**
 * Settings of webhook delivery in status-publisher; listed with every other setting in
 * docs/CONFIGURATION.md and resolved into a {@link WebhookDeliveryConfig}.
 */
public final class WebhookSettings {

    public static final Setting<Boolean> ENABLED = Setting.bool("TOCSIN_PUBLISHER_WEBHOOKS_ENABLED", false,
            "deliver WEBHOOK notifications as signed HTTP POSTs; when false they stay on the notifications topic undelivered");
    public static final Setting<String> SECRET = Setting.secret("TOCSIN_PUBLISHER_WEBHOOK_SECRET",
            "shared secret of the X-Tocsin-Signature HMAC-SHA256 header; required when webhooks are enabled");
    public static final Setting<Integer> MAX_ATTEMPTS = Setting.integer("TOCSIN_PUBLISHER_WEBHOOK_MAX_ATTEMPTS", 5,
            "HTTP attempts per notification (first try included) before it goes to the dead-letter topic");
    public static final Setting<Long> BACKOFF_MS = Setting.longValue("TOCSIN_PUBLISHER_WEBHOOK_BACKOFF_MS", 500,
            "wait before the first retry; doubles with every further retry");
    public static final Setting<Long> MAX_BACKOFF_MS = Setting.longValue("TOCSIN_PUBLISHER_WEBHOOK_MAX_BACKOFF_MS", 30_000,
            "longest wait between retries, also the cap on a receiver's Retry-After");
    public static final Setting<Long> TIMEOUT_MS = Setting.longValue("TOCSIN_PUBLISHER_WEBHOOK_TIMEOUT_MS", 5000,
            "connect and response timeout of one webhook request");

    private WebhookSettings() {
    }

    public static List<Setting<?>> all() {
        return List.of(ENABLED, SECRET, MAX_ATTEMPTS, BACKOFF_MS, MAX_BACKOFF_MS, TIMEOUT_MS);
    }
}
