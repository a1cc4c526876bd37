package dev.tocsin.publisher.delivery;

import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * E-mail delivery and subscription settings, resolved and validated once at start-up.
 *
 * @param enabled            whether EMAIL notifications are sent and the subscription pages served
 * @param host               SMTP server
 * @param port               SMTP port
 * @param from               From address (may carry a display name)
 * @param user               SMTP AUTH user, or null for none
 * @param password           SMTP AUTH password (read from its secret file), or null
 * @param startTls           whether STARTTLS is required
 * @param timeout            connect, read and write timeout of one SMTP conversation
 * @param maxAttempts        attempts per e-mail, the first included
 * @param initialBackoff     wait before the first retry
 * @param maxBackoff         longest wait between retries
 * @param concurrency        SMTP conversations at once
 * @param perRecipientPerHour e-mails one address gets per hour at most
 * @param secret             HMAC key of confirmation, unsubscribe and form tokens; null only when disabled
 * @param confirmFor         how long a confirmation link is valid
 * @param perIpPerHour       subscription requests per client IP and hour
 * @param perAddressPerHour  confirmation mails per address and hour
 */
public record EmailConfig(
        boolean enabled,
        String host,
        int port,
        String from,
        String user,
        String password,
        boolean startTls,
        Duration timeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        int concurrency,
        int perRecipientPerHour,
        String secret,
        Duration confirmFor,
        int perIpPerHour,
        int perAddressPerHour) {

    /** Plain SMTP to {@code host:port} with the defaults, as tests and the local stack use it. */
    public static EmailConfig plain(String host, int port, String from, String secret) {
        return new EmailConfig(
                true,
                host,
                port,
                from,
                null,
                null,
                false,
                Duration.ofSeconds(10),
                5,
                Duration.ofMillis(2_000),
                Duration.ofMinutes(5),
                4,
                30,
                secret,
                Duration.ofHours(24),
                20,
                3);
    }

    /** The same settings with other retry timings. */
    public EmailConfig retrying(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        return new EmailConfig(
                enabled,
                host,
                port,
                from,
                user,
                password,
                startTls,
                timeout,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                concurrency,
                perRecipientPerHour,
                secret,
                confirmFor,
                perIpPerHour,
                perAddressPerHour);
    }

    /** The same settings with another per-recipient limit. */
    public EmailConfig limitingRecipients(int perHour) {
        return new EmailConfig(
                enabled,
                host,
                port,
                from,
                user,
                password,
                startTls,
                timeout,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                concurrency,
                perHour,
                secret,
                confirmFor,
                perIpPerHour,
                perAddressPerHour);
    }

    /** Reads {@link EmailSettings}, reporting every problem at once and naming each variable. */
    public static EmailConfig from(Environment env) {
        env.validate(EmailSettings.all());
        boolean enabled = env.get(EmailSettings.ENABLED);
        String user = env.optional(EmailSettings.SMTP_USER).orElse(null);
        String secret = env.optional(EmailSettings.SUBSCRIPTION_SECRET).orElse(null);
        String from = env.get(EmailSettings.SMTP_FROM);
        List<String> problems = new ArrayList<>();
        String password = null;
        var passwordFile = env.optional(EmailSettings.SMTP_PASSWORD_FILE);
        if (passwordFile.isPresent()) {
            try {
                password = Files.readString(Path.of(passwordFile.get()), StandardCharsets.UTF_8)
                        .strip();
            } catch (IOException e) {
                problems.add(EmailSettings.SMTP_PASSWORD_FILE.env() + " cannot be read ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        if (enabled && (secret == null || secret.isBlank())) {
            problems.add(EmailSettings.SUBSCRIPTION_SECRET.env() + " is required when " + EmailSettings.ENABLED.env()
                    + "=true: " + EmailSettings.SUBSCRIPTION_SECRET.description());
        }
        if (user != null && password == null && passwordFile.isEmpty()) {
            problems.add(EmailSettings.SMTP_PASSWORD_FILE.env() + " is required with " + EmailSettings.SMTP_USER.env());
        }
        try {
            new InternetAddress(from, true);
        } catch (AddressException e) {
            problems.add(EmailSettings.SMTP_FROM.env() + " is not an e-mail address");
        }
        positive(problems, EmailSettings.SMTP_PORT.env(), env.get(EmailSettings.SMTP_PORT));
        positive(problems, EmailSettings.MAX_ATTEMPTS.env(), env.get(EmailSettings.MAX_ATTEMPTS));
        positive(problems, EmailSettings.CONCURRENCY.env(), env.get(EmailSettings.CONCURRENCY));
        positive(problems, EmailSettings.PER_RECIPIENT_PER_HOUR.env(), env.get(EmailSettings.PER_RECIPIENT_PER_HOUR));
        positive(problems, EmailSettings.CONFIRM_VALIDITY.env(), env.get(EmailSettings.CONFIRM_VALIDITY));
        positive(
                problems,
                EmailSettings.SUBSCRIBE_PER_IP_PER_HOUR.env(),
                env.get(EmailSettings.SUBSCRIBE_PER_IP_PER_HOUR));
        positive(
                problems,
                EmailSettings.SUBSCRIBE_PER_ADDRESS_PER_HOUR.env(),
                env.get(EmailSettings.SUBSCRIBE_PER_ADDRESS_PER_HOUR));
        positive(problems, EmailSettings.SMTP_TIMEOUT.env(), env.get(EmailSettings.SMTP_TIMEOUT));
        Duration backoff = env.get(EmailSettings.BACKOFF);
        Duration maxBackoff = env.get(EmailSettings.MAX_BACKOFF);
        if (maxBackoff.compareTo(backoff) < 0 || backoff.isNegative()) {
            problems.add(EmailSettings.MAX_BACKOFF.env() + " must be at least " + EmailSettings.BACKOFF.env()
                    + ", which must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
        return new EmailConfig(
                enabled,
                env.get(EmailSettings.SMTP_HOST),
                env.get(EmailSettings.SMTP_PORT),
                from,
                user,
                password,
                env.get(EmailSettings.SMTP_STARTTLS),
                env.get(EmailSettings.SMTP_TIMEOUT),
                env.get(EmailSettings.MAX_ATTEMPTS),
                backoff,
                maxBackoff,
                env.get(EmailSettings.CONCURRENCY),
                env.get(EmailSettings.PER_RECIPIENT_PER_HOUR),
                secret,
                env.get(EmailSettings.CONFIRM_VALIDITY),
                env.get(EmailSettings.SUBSCRIBE_PER_IP_PER_HOUR),
                env.get(EmailSettings.SUBSCRIBE_PER_ADDRESS_PER_HOUR));
    }

    private static void positive(List<String> problems, String env, long value) {
        if (value < 1) {
            problems.add(env + "=" + value + " must be at least 1");
        }
    }

    private static void positive(List<String> problems, String env, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(env + "=" + value + " must be positive");
        }
    }

    /** Secrets masked: this ends up in start-up logs. */
    @Override
    public String toString() {
        return "EmailConfig[enabled=" + enabled + ", smtp=" + host + ":" + port + ", startTls=" + startTls
                + ", user=" + (user == null ? "(none)" : user) + ", password=" + (password == null ? "(unset)" : "****")
                + ", maxAttempts=" + maxAttempts + ", concurrency=" + concurrency + ", perRecipientPerHour="
                + perRecipientPerHour + ", secret=" + (secret == null ? "(unset)" : "****") + "]";
    }
}
