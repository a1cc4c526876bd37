package dev.tocsin.publisher.delivery;

import dev.tocsin.avro.Notification;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.publisher.subscribe.HourlyLimit;
import dev.tocsin.publisher.subscribe.UnsubscribeLinks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one attempt to send an EMAIL notification over SMTP ({@link EmailMessage}) and says what
 * comes next, like {@link WebhookSender} does for webhooks, so the {@link WebhookDispatcher} runs
 * both the same way. A permanent SMTP answer (5xx: no such mailbox, refused) is a bounce: counted
 * in {@code tocsin_email_bounces_total} and finished undelivered (the dispatcher dead-letters it);
 * a transient one (4xx, connection failure, timeout) is retried. One address gets at most
 * {@link EmailConfig#perRecipientPerHour()} mails an hour; more wait on the retry topic. The SMTP
 * server has a circuit breaker: while it is down, no connections are tried until the cool-down.
 * Logs and failure reasons name the notification, never the address.
 */
public final class EmailSender implements ChannelSender {

    static final String BOUNCES = "tocsin.email.bounces";
    private static final Logger LOG = LoggerFactory.getLogger(EmailSender.class);

    private final EmailConfig config;
    private final Session session;
    private final InternetAddress from;
    private final UnsubscribeLinks unsubscribe;
    private final String pageUrl;
    private final Backoff backoff;
    private final CircuitBreakers circuits;
    private final HourlyLimit perRecipient;
    private final Counter bounces;

    public EmailSender(EmailConfig config, UnsubscribeLinks unsubscribe, String pageUrl, MeterRegistry registry) {
        this(config, unsubscribe, pageUrl, registry, Clock.systemUTC());
    }

    EmailSender(EmailConfig config, UnsubscribeLinks unsubscribe, String pageUrl, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.session = Session.getInstance(smtpProperties(config));
        try {
            this.from = new InternetAddress(config.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("From address is not an e-mail address", e);
        }
        this.unsubscribe = unsubscribe;
        this.pageUrl = pageUrl;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.circuits = new CircuitBreakers(
                WebhookDeliveryConfig.DEFAULT_CIRCUIT_FAILURES, WebhookDeliveryConfig.DEFAULT_CIRCUIT_COOLDOWN, clock);
        this.perRecipient = new HourlyLimit(config.perRecipientPerHour(), clock);
        this.bounces = Counter.builder(BOUNCES)
                .description("E-mails the SMTP server refused permanently (5xx): bounced, dead-lettered")
                .register(registry);
    }

    /** Jakarta Mail session properties: timeouts always, STARTTLS required when configured. */
    static Properties smtpProperties(EmailConfig config) {
        Properties props = new Properties();
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", config.host());
        props.put("mail.smtp.port", String.valueOf(config.port()));
        String timeout = String.valueOf(config.timeout().toMillis());
        props.put("mail.smtp.connectiontimeout", timeout);
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
        props.put("mail.smtp.auth", String.valueOf(config.user() != null));
        props.put("mail.smtp.starttls.enable", String.valueOf(config.startTls()));
        props.put("mail.smtp.starttls.required", String.valueOf(config.startTls()));
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        return props;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.EMAIL;
    }

    @Override
    public int openCircuits() {
        return circuits.openCount();
    }

    @Override
    public Exception failure(String notificationId, DeliveryResult result) {
        return new EmailDeliveryException(notificationId, result);
    }

    @Override
    public DeliveryStep attempt(Notification notification, int attempt) {
        MimeMessage message;
        try {
            message = EmailMessage.build(session, notification, from, unsubscribe, pageUrl);
        } catch (AddressException e) {
            return done(notification, attempt - 1, false, "recipient is not an e-mail address");
        } catch (MessagingException e) {
            return done(
                    notification,
                    attempt - 1,
                    false,
                    "message could not be built (" + e.getClass().getSimpleName() + ")");
        }
        Optional<Duration> limited = perRecipient.tryAcquire(EmailMessage.recipientKey(notification));
        if (limited.isPresent()) {
            return retryOrGiveUp(
                    notification,
                    attempt,
                    DeliveryResult.NO_RESPONSE,
                    "recipient got " + config.perRecipientPerHour() + " mails this hour",
                    limited,
                    false);
        }
        String host = config.host();
        if (!circuits.tryAcquire(host)) {
            return retryOrGiveUp(
                    notification,
                    attempt,
                    DeliveryResult.NO_RESPONSE,
                    "circuit open: the SMTP server failed repeatedly",
                    Optional.of(circuits.retryIn(host)),
                    false);
        }
        try {
            if (config.user() != null) {
                Transport.send(message, config.user(), config.password());
            } else {
                Transport.send(message);
            }
            circuits.succeeded(host);
            LOG.debug("E-mail notification {} sent on attempt {}", notification.getNotificationId(), attempt);
            return DeliveryStep.done(DeliveryResult.delivered(attempt, 250), true);
        } catch (MessagingException e) {
            int code = smtpCode(e);
            if (code >= 500 && code < 600) {
                // the server is up and sure: the mailbox does not exist or refuses us
                circuits.succeeded(host);
                bounces.increment();
                return done(notification, attempt, true, "bounced: SMTP " + code + " is permanent");
            }
            if (code >= 400) {
                circuits.succeeded(host);
                return retryOrGiveUp(
                        notification, attempt, code, "SMTP " + code + " (transient)", Optional.empty(), true);
            }
            circuits.failed(host);
            String problem = e instanceof AuthenticationFailedException
                    ? "SMTP authentication failed"
                    : "SMTP conversation failed (" + rootClass(e) + ")";
            return retryOrGiveUp(notification, attempt, DeliveryResult.NO_RESPONSE, problem, Optional.empty(), true);
        }
    }

    /**
     * The SMTP reply code a failure carries (the recipient's, the sender's or the data's), or 0
     * when the conversation broke off without one. Jakarta Mail nests the per-address failure as
     * the next exception of a {@link SendFailedException}.
     */
    static int smtpCode(Exception failure) {
        int whole = 0;
        Exception current = failure;
        for (int depth = 0; current != null && depth < 8; depth++) {
            if (current instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (current instanceof SMTPSenderFailedException sender) {
                return sender.getReturnCode();
            }
            if (current instanceof SMTPSendFailedException send && whole == 0 && send.getReturnCode() > 0) {
                whole = send.getReturnCode();
            }
            current = current instanceof MessagingException messaging ? messaging.getNextException() : null;
        }
        return whole;
    }

    private static String rootClass(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private DeliveryStep retryOrGiveUp(
            Notification notification,
            int attempt,
            int status,
            String problem,
            Optional<Duration> retryAfter,
            boolean requested) {
        if (attempt >= config.maxAttempts()) {
            return DeliveryStep.done(
                    DeliveryResult.failed(
                            attempt,
                            status,
                            "gave up after "
                                    + config.maxAttempts() + (config.maxAttempts() == 1 ? " attempt" : " attempts")
                                    + "; last: "
                                    + problem),
                    requested);
        }
        // capped by the longest backoff even for a rate-limit wait: a due time far ahead would hold its retry partition
        Duration wait = backoff.beforeRetry(attempt, retryAfter);
        LOG.debug(
                "E-mail notification {}: attempt {} failed ({}); retrying in {} ms",
                notification.getNotificationId(),
                attempt,
                problem,
                wait.toMillis());
        return DeliveryStep.retry(wait, requested, "attempt " + attempt + ": " + problem);
    }

    private static DeliveryStep done(Notification notification, int attempts, boolean requested, String reason) {
        LOG.debug("E-mail notification {} not delivered: {}", notification.getNotificationId(), reason);
        return DeliveryStep.done(DeliveryResult.failed(attempts, DeliveryResult.NO_RESPONSE, reason), requested);
    }
}
