package dev.tocsin.publisher.delivery;

import dev.tocsin.runtime.config.Setting;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Settings of e-mail delivery and self-service subscriptions in status-publisher; listed with every
 * other setting in docs/CONFIGURATION.md and resolved into an {@link EmailConfig}.
 */
public final class EmailSettings {

    public static final Setting<Boolean> ENABLED = Setting.bool(
            "TOCSIN_PUBLISHER_EMAIL_ENABLED",
            false,
            "deliver EMAIL notifications over SMTP and serve the self-service subscription pages (/subscribe, /unsubscribe); "
                    + "when false EMAIL notifications stay on the notifications topic undelivered");
    public static final Setting<String> SMTP_HOST = Setting.string(
            "TOCSIN_PUBLISHER_SMTP_HOST",
            "localhost",
            "SMTP server (submission) e-mail notifications are sent through");
    public static final Setting<Integer> SMTP_PORT = Setting.integer(
            "TOCSIN_PUBLISHER_SMTP_PORT", 587, "port of the SMTP server (587 submission with STARTTLS, 25 relay)");
    public static final Setting<String> SMTP_FROM = Setting.string(
            "TOCSIN_PUBLISHER_SMTP_FROM",
            "status@localhost",
            "From address of every e-mail (may carry a display name: Example Status <status@example.com>)");
    public static final Setting<String> SMTP_USER =
            Setting.string("TOCSIN_PUBLISHER_SMTP_USER", null, "SMTP AUTH user; unset sends without authentication");
    public static final Setting<String> SMTP_PASSWORD_FILE = Setting.string(
            "TOCSIN_PUBLISHER_SMTP_PASSWORD_FILE",
            null,
            "file holding the SMTP AUTH password (a mounted secret; trailing newline ignored); required with TOCSIN_PUBLISHER_SMTP_USER");
    public static final Setting<Boolean> SMTP_STARTTLS = Setting.bool(
            "TOCSIN_PUBLISHER_SMTP_STARTTLS",
            true,
            "require STARTTLS before anything is sent (false only for a trusted local relay)");
    public static final Setting<Duration> SMTP_TIMEOUT = Setting.duration(
                    "TOCSIN_PUBLISHER_SMTP_TIMEOUT", "10s", "connect, read and write timeout of each SMTP conversation")
            .formerly("TOCSIN_PUBLISHER_SMTP_TIMEOUT_MS", ChronoUnit.MILLIS);
    public static final Setting<Integer> MAX_ATTEMPTS = Setting.integer(
            "TOCSIN_PUBLISHER_EMAIL_MAX_ATTEMPTS",
            5,
            "SMTP attempts per e-mail (first included; retries go through tocsin.webhook-retries) before a dead letter; "
                    + "a permanent 5xx answer is not retried");
    public static final Setting<Duration> BACKOFF = Setting.duration(
                    "TOCSIN_PUBLISHER_EMAIL_BACKOFF",
                    "2s",
                    "wait before the first e-mail retry; doubles with every further retry")
            .formerly("TOCSIN_PUBLISHER_EMAIL_BACKOFF_MS", ChronoUnit.MILLIS);
    public static final Setting<Duration> MAX_BACKOFF = Setting.duration(
                    "TOCSIN_PUBLISHER_EMAIL_MAX_BACKOFF", "5m", "longest wait between e-mail retries")
            .formerly("TOCSIN_PUBLISHER_EMAIL_MAX_BACKOFF_MS", ChronoUnit.MILLIS);
    public static final Setting<Integer> CONCURRENCY = Setting.integer(
            "TOCSIN_PUBLISHER_EMAIL_CONCURRENCY",
            4,
            "SMTP conversations at once (for first attempts, as many again for retries)");
    public static final Setting<Integer> PER_RECIPIENT_PER_HOUR = Setting.integer(
            "TOCSIN_PUBLISHER_EMAIL_PER_RECIPIENT_PER_HOUR",
            30,
            "e-mails one address gets per hour at most; more wait on the retry topic for a free slot");
    public static final Setting<String> SUBSCRIPTION_SECRET = Setting.secret(
            "TOCSIN_PUBLISHER_SUBSCRIPTION_SECRET",
            "HMAC key of confirmation, unsubscribe and form (CSRF) tokens; required when e-mail is enabled; "
                    + "changing it voids every outstanding link");
    public static final Setting<Duration> CONFIRM_VALIDITY = Setting.duration(
                    "TOCSIN_PUBLISHER_SUBSCRIBE_CONFIRM_VALIDITY",
                    "24h",
                    "how long a subscription's confirmation link stays valid")
            .formerly("TOCSIN_PUBLISHER_SUBSCRIBE_CONFIRM_HOURS", ChronoUnit.HOURS);
    public static final Setting<Integer> SUBSCRIBE_PER_IP_PER_HOUR = Setting.integer(
            "TOCSIN_PUBLISHER_SUBSCRIBE_PER_IP_PER_HOUR",
            20,
            "subscription requests one client IP may make per hour (answered 429 beyond)");
    public static final Setting<Integer> SUBSCRIBE_PER_ADDRESS_PER_HOUR = Setting.integer(
            "TOCSIN_PUBLISHER_SUBSCRIBE_PER_ADDRESS_PER_HOUR",
            3,
            "confirmation e-mails one address gets per hour; beyond, the answer is the same but no mail is sent");

    private EmailSettings() {}

    public static List<Setting<?>> all() {
        return List.of(
                ENABLED,
                SMTP_HOST,
                SMTP_PORT,
                SMTP_FROM,
                SMTP_USER,
                SMTP_PASSWORD_FILE,
                SMTP_STARTTLS,
                SMTP_TIMEOUT,
                MAX_ATTEMPTS,
                BACKOFF,
                MAX_BACKOFF,
                CONCURRENCY,
                PER_RECIPIENT_PER_HOUR,
                SUBSCRIPTION_SECRET,
                CONFIRM_VALIDITY,
                SUBSCRIBE_PER_IP_PER_HOUR,
                SUBSCRIBE_PER_ADDRESS_PER_HOUR);
    }
}
