package dev.tocsin.publisher.delivery;

import dev.tocsin.runtime.config.CommonSettings;
import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Webhook delivery settings, resolved and validated once at start-up.
 *
 * @param enabled          whether WEBHOOK notifications are delivered at all
 * @param secret           master key of the per-subscription signing secrets; null only when disabled
 * @param maxAttempts      HTTP attempts per notification, the first included (at least 1)
 * @param initialBackoff   wait before the first retry; doubled for each further one
 * @param maxBackoff       longest wait between attempts, Retry-After included
 * @param requestTimeout   overall deadline of one attempt (connect, TLS, request, status and headers)
 * @param concurrency      requests in flight at once
 * @param circuitFailures  consecutive failures of one host that open its circuit
 * @param circuitCoolDown  how long an open circuit stays open before a trial request
 * @param allowList        CIDRs, addresses or host names that may be reached although internal
 * @param allowLoopback    whether loopback addresses may be reached (the local stack)
 */
public record WebhookDeliveryConfig(
        boolean enabled,
        String secret,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration requestTimeout,
        int concurrency,
        int circuitFailures,
        Duration circuitCoolDown,
        List<String> allowList,
        boolean allowLoopback) {

    static final int DEFAULT_CONCURRENCY = 8;
    static final int DEFAULT_CIRCUIT_FAILURES = 5;
    static final Duration DEFAULT_CIRCUIT_COOLDOWN = Duration.ofSeconds(30);

    public WebhookDeliveryConfig {
        allowList = List.copyOf(allowList);
        List<String> problems = problems(
                enabled,
                secret,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                requestTimeout,
                concurrency,
                circuitFailures,
                circuitCoolDown,
                allowList);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The retry settings with the default isolation and no internal address allowed. */
    public WebhookDeliveryConfig(
            boolean enabled,
            String secret,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration requestTimeout) {
        this(
                enabled,
                secret,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                requestTimeout,
                DEFAULT_CONCURRENCY,
                DEFAULT_CIRCUIT_FAILURES,
                DEFAULT_CIRCUIT_COOLDOWN,
                List.of(),
                false);
    }

    /** The same settings with this allow-list. */
    public WebhookDeliveryConfig allowing(String... entries) {
        return new WebhookDeliveryConfig(
                enabled,
                secret,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                requestTimeout,
                concurrency,
                circuitFailures,
                circuitCoolDown,
                List.of(entries),
                allowLoopback);
    }

    /** The same settings with this isolation. */
    public WebhookDeliveryConfig isolating(int concurrency, int circuitFailures, Duration circuitCoolDown) {
        return new WebhookDeliveryConfig(
                enabled,
                secret,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                requestTimeout,
                concurrency,
                circuitFailures,
                circuitCoolDown,
                allowList,
                allowLoopback);
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
        Duration backoff = env.get(WebhookSettings.BACKOFF);
        Duration maxBackoff = env.get(WebhookSettings.MAX_BACKOFF);
        Duration timeout = env.get(WebhookSettings.TIMEOUT);
        int concurrency = env.get(WebhookSettings.CONCURRENCY);
        int circuitFailures = env.get(WebhookSettings.CIRCUIT_FAILURES);
        Duration coolDown = env.get(WebhookSettings.CIRCUIT_COOLDOWN);
        List<String> allowList = Arrays.stream(
                        env.optional(WebhookSettings.ALLOW_LIST).orElse("").split(","))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .toList();
        // the local stack's demo receivers run on this machine
        boolean local = "local".equals(env.get(CommonSettings.ENVIRONMENT));
        List<String> problems = problems(
                enabled,
                secret,
                maxAttempts,
                backoff,
                maxBackoff,
                timeout,
                concurrency,
                circuitFailures,
                coolDown,
                allowList);
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
        return new WebhookDeliveryConfig(
                enabled,
                secret,
                maxAttempts,
                backoff,
                maxBackoff,
                timeout,
                concurrency,
                circuitFailures,
                coolDown,
                allowList,
                local);
    }

    /** The secret is masked: this ends up in start-up logs. */
    @Override
    public String toString() {
        return "WebhookDeliveryConfig[enabled=" + enabled + ", secret=" + (secret == null ? "(unset)" : "****")
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", requestTimeout=" + requestTimeout + ", concurrency=" + concurrency + ", circuitFailures="
                + circuitFailures + ", circuitCoolDown=" + circuitCoolDown + ", allowList=" + allowList
                + ", allowLoopback=" + allowLoopback + "]";
    }

    private static List<String> problems(
            boolean enabled,
            String secret,
            int maxAttempts,
            Duration backoff,
            Duration maxBackoff,
            Duration timeout,
            int concurrency,
            int circuitFailures,
            Duration coolDown,
            List<String> allowList) {
        List<String> problems = new ArrayList<>();
        if (enabled && (secret == null || secret.isBlank())) {
            problems.add(WebhookSettings.SECRET.env() + " is required when " + WebhookSettings.ENABLED.env() + "=true: "
                    + WebhookSettings.SECRET.description());
        }
        if (maxAttempts < 1) {
            problems.add(WebhookSettings.MAX_ATTEMPTS.env() + "=" + maxAttempts + " must be at least 1");
        }
        if (backoff == null || backoff.isNegative()) {
            problems.add(WebhookSettings.BACKOFF.env() + "=" + millis(backoff) + " must not be negative");
        }
        if (maxBackoff == null || backoff != null && maxBackoff.compareTo(backoff) < 0) {
            problems.add(WebhookSettings.MAX_BACKOFF.env() + "=" + millis(maxBackoff) + " must be at least "
                    + WebhookSettings.BACKOFF.env() + " (" + millis(backoff) + ")");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            problems.add(WebhookSettings.TIMEOUT.env() + "=" + millis(timeout) + " must be positive");
        }
        if (concurrency < 1) {
            problems.add(WebhookSettings.CONCURRENCY.env() + "=" + concurrency + " must be at least 1");
        }
        if (circuitFailures < 1) {
            problems.add(WebhookSettings.CIRCUIT_FAILURES.env() + "=" + circuitFailures + " must be at least 1");
        }
        if (coolDown == null || coolDown.isNegative()) {
            problems.add(WebhookSettings.CIRCUIT_COOLDOWN.env() + "=" + millis(coolDown) + " must not be negative");
        }
        for (String entry : allowList) {
            if (!AddressPolicy.validEntry(entry)) {
                problems.add(WebhookSettings.ALLOW_LIST.env() + " entry '" + entry
                        + "' is neither a CIDR, an address nor a host name");
            }
        }
        return problems;
    }

    private static String millis(Duration duration) {
        return duration == null ? "(unset)" : duration.toMillis() + "ms";
    }
}
