package dev.tocsin.publisher.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;

/**
 * Webhook delivery settings, resolved and validated once at start-up.
 *
 * @param enabled        whether WEBHOOK notifications are delivered at all
 * @param secret         HMAC secret of the signature header; null only when disabled
 * @param maxAttempts    HTTP attempts per notification, the first included (at least 1)
 * @param initialBackoff wait before the first retry; doubled for each further one
 * @param maxBackoff     longest wait between attempts, Retry-After included
 * @param requestTimeout connect and response timeout of one attempt
 */
public record WebhookDeliveryConfig(boolean enabled, String secret, int maxAttempts, Duration initialBackoff,
                                    Duration maxBackoff, Duration requestTimeout) {

    public WebhookDeliveryConfig {
        List<String> problems = problems(enabled, secret, maxAttempts, initialBackoff, maxBackoff, requestTimeout);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * Reads {@link WebhookSettings}, reporting every problem at once and naming each variable:
     * a secret is required only when delivery is enabled, since the default is off.
     */
    public static WebhookDeliveryConfig from(Environment env) {
        env.validate(WebhookSettings.all());
        boolean enabled = env.get(WebhookSettings.ENABLED);
        String secret = env.optional(WebhookSettings.SECRET).orElse(null);
        int maxAttempts = env.get(WebhookSettings.MAX_ATTEMPTS);
        Duration backoff = Duration.ofMillis(env.get(WebhookSettings.BACKOFF_MS));
        Duration maxBackoff = Duration.ofMillis(env.get(WebhookSettings.MAX_BACKOFF_MS));
        Duration timeout = Duration.ofMillis(env.get(WebhookSettings.TIMEOUT_MS));
        List<String> problems = problems(enabled, secret, maxAttempts, backoff, maxBackoff, timeout);
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
        return new WebhookDeliveryConfig(enabled, secret, maxAttempts, backoff, maxBackoff, timeout);
    }

    /**
     * The longest one notification can take: every attempt timing out and every wait at its
     * maximum. The dispatcher sizes its batches by it so the consumer group never evicts it.
     */
    public Duration longestDelivery() {
        return requestTimeout.multipliedBy(maxAttempts).plus(maxBackoff.multipliedBy(maxAttempts - 1L));
    }

    /** The secret is masked: this ends up in start-up logs. */
    @Override
    public String toString() {
        return "WebhookDeliveryConfig[enabled=" + enabled + ", secret=" + (secret == null ? "(unset)" : "****")
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", requestTimeout=" + requestTimeout + "]";
    }

    private static List<String> problems(boolean enabled, String secret, int maxAttempts, Duration backoff,
                                         Duration maxBackoff, Duration timeout) {
        List<String> problems = new ArrayList<>();
        if (enabled && (secret == null || secret.isBlank())) {
            problems.add(WebhookSettings.SECRET.env() + " is required when " + WebhookSettings.ENABLED.env()
                    + "=true: " + WebhookSettings.SECRET.description());
        }
        if (maxAttempts < 1) {
            problems.add(WebhookSettings.MAX_ATTEMPTS.env() + "=" + maxAttempts + " must be at least 1");
        }
        if (backoff == null || backoff.isNegative()) {
            problems.add(WebhookSettings.BACKOFF_MS.env() + "=" + millis(backoff) + " must not be negative");
        }
        if (maxBackoff == null || backoff != null && maxBackoff.compareTo(backoff) < 0) {
            problems.add(WebhookSettings.MAX_BACKOFF_MS.env() + "=" + millis(maxBackoff) + " must be at least "
                    + WebhookSettings.BACKOFF_MS.env() + " (" + millis(backoff) + ")");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            problems.add(WebhookSettings.TIMEOUT_MS.env() + "=" + millis(timeout) + " must be positive");
        }
        return problems;
    }

    private static String millis(Duration duration) {
        return duration == null ? "(unset)" : String.valueOf(duration.toMillis());
    }
}
