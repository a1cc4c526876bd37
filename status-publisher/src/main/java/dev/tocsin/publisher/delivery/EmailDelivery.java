package dev.tocsin.publisher.delivery;

import dev.tocsin.publisher.subscribe.SignedTokens;
import dev.tocsin.publisher.subscribe.UnsubscribeLinks;
import dev.tocsin.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Properties;

/**
 * Starts e-mail delivery: a {@link WebhookDispatcher} (topic reading, retries through the retry
 * topic, commits after the send, dead letters) around an {@link EmailSender}.
 *
 * <p>No duplicate mail after a restart: a partition's offset is committed once its mails are sent
 * (and on every clean shutdown), so a restart resumes after them; a crash between the SMTP server's
 * 250 and the commit sends those few again, with the same Message-ID (from the notification id),
 * which receiving systems use to drop the copy. The notifications themselves are written
 * exactly once per change and subscription (their dedup keys), so a replay upstream mails nobody twice.
 */
public final class EmailDelivery {

    private EmailDelivery() {}

    public static WebhookDispatcher start(
            EmailConfig config,
            String pageUrl,
            Topics topics,
            Properties kafka,
            String groupId,
            MeterRegistry registry,
            Runnable onFatal) {
        if (!config.enabled()) {
            throw new IllegalArgumentException(EmailSettings.ENABLED.env() + " is false: e-mail delivery is off");
        }
        UnsubscribeLinks links = new UnsubscribeLinks(new SignedTokens(config.secret()), pageUrl);
        return new WebhookDispatcher(
                        new EmailSender(config, links, pageUrl, registry),
                        config.concurrency(),
                        topics,
                        kafka,
                        groupId,
                        registry,
                        onFatal)
                .start();
    }
}
