package dev.tocsin.publisher.delivery;

import static dev.tocsin.publisher.delivery.DeliveryKafka.awaitCommitted;
import static dev.tocsin.publisher.delivery.DeliveryKafka.kafka;
import static dev.tocsin.publisher.delivery.DeliveryKafka.produce;
import static dev.tocsin.publisher.delivery.DeliveryKafka.topics;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tocsin.avro.Notification;
import dev.tocsin.publisher.subscribe.SignedTokens;
import dev.tocsin.publisher.subscribe.UnsubscribeLinks;
import dev.tocsin.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * E-mail delivery through a real SMTP server (GreenMail, on a free port) from the real embedded
 * broker: content, language, one-click unsubscribe headers, and no mail sent twice after a restart.
 */
class EmailDeliveryIntegrationTest {

    private static final String SECRET = "it-subscription-secret";
    private static final String PAGE = "https://status.example.com";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void subscriberMailIsMultipartInItsLanguageWithOneClickUnsubscribeAndNotSentAgainAfterRestart() throws Exception {
        Topics topics = topics();
        String group = "it-email-" + UUID.randomUUID();
        EmailConfig config =
                EmailConfig.plain("127.0.0.1", SMTP.getSmtp().getPort(), "Example Status <status@example.com>", SECRET);
        AtomicBoolean fatal = new AtomicBoolean();
        Notification english = TestNotifications.email("ada@example.com")
                .setSubscriptionId("sub-en")
                .build();
        Notification german = TestNotifications.email("bert@example.com")
                .setSubscriptionId("sub-de")
                .setLocale("de")
                .setSubject("Störung: Chat")
                .setBody("Wir untersuchen erhöhte Fehlerraten.\n\nStatus: Untersuchung")
                .build();
        Notification webhook =
                TestNotifications.webhook("https://hooks.example.com/x").build();
        produce(topics, english, german, webhook);

        try (WebhookDispatcher dispatcher = EmailDelivery.start(
                config, PAGE, topics, kafka(), group, new SimpleMeterRegistry(), () -> fatal.set(true))) {
            assertThat(SMTP.waitForIncomingEmail(60_000, 2)).isTrue();
            awaitCommitted(group, topics.notifications().name(), 3);
        }

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage toAda = byRecipient(received, "ada@example.com");
        keep(toAda, "subscriber-notification-en.eml");
        assertThat(toAda.getSubject()).isEqualTo("Chat API degraded");
        assertThat(toAda.getFrom()[0].toString()).isEqualTo("Example Status <status@example.com>");
        assertThat(toAda.getMessageID()).isEqualTo("<" + english.getNotificationId() + ".tocsin@example.com>");
        assertThat(toAda.getHeader("Content-Language", null)).isEqualTo("en");
        String unsubscribe = new UnsubscribeLinks(new SignedTokens(SECRET), PAGE).url("sub-en", "en");
        assertThat(toAda.getHeader("List-Unsubscribe", null)).isEqualTo("<" + unsubscribe + ">");
        assertThat(toAda.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        Multipart alternatives = (Multipart) toAda.getContent();
        assertThat(alternatives.getContentType()).startsWith("multipart/alternative");
        assertThat(alternatives.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) alternatives.getBodyPart(0).getContent())
                .contains("We are investigating elevated error rates.", "Unsubscribe: " + unsubscribe);
        assertThat(alternatives.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) alternatives.getBodyPart(1).getContent())
                .contains(
                        "<p>We are investigating elevated error rates.</p>",
                        "href=\"" + unsubscribe.replace("&", "&amp;") + "\"");

        MimeMessage toBert = byRecipient(received, "bert@example.com");
        assertThat(toBert.getSubject()).isEqualTo("Störung: Chat");
        assertThat(toBert.getHeader("Content-Language", null)).isEqualTo("de");
        assertThat(GreenMailUtil.getBody(toBert)).contains("Abbestellen");
        assertThat((String) ((Multipart) toBert.getContent()).getBodyPart(0).getContent())
                .contains(
                        "Wir untersuchen erhöhte Fehlerraten.",
                        "Sie erhalten diese E-Mail, weil Sie Statusmeldungen abonniert haben.");

        // restarted on the same group: the two sent before are not sent again, only the new one
        Notification later = TestNotifications.email("ada@example.com")
                .setSubscriptionId("sub-en")
                .build();
        produce(topics, later);
        try (WebhookDispatcher dispatcher = EmailDelivery.start(
                config, PAGE, topics, kafka(), group, new SimpleMeterRegistry(), () -> fatal.set(true))) {
            assertThat(SMTP.waitForIncomingEmail(60_000, 3)).isTrue();
            awaitCommitted(group, topics.notifications().name(), 4);
        }
        List<String> ids = Arrays.stream(SMTP.getReceivedMessages())
                .map(EmailDeliveryIntegrationTest::messageId)
                .toList();
        assertThat(ids)
                .containsExactlyInAnyOrder(
                        "<" + english.getNotificationId() + ".tocsin@example.com>",
                        "<" + german.getNotificationId() + ".tocsin@example.com>",
                        "<" + later.getNotificationId() + ".tocsin@example.com>");
        assertThat(fatal).isFalse();
    }

    @Test
    void bouncedMailIsCountedAndDeadLetteredWithItsReasonNotRetried() throws Exception {
        Topics topics = topics();
        String group = "it-email-" + UUID.randomUUID();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Notification bounced = TestNotifications.email("gone@example.com").build();
        produce(topics, bounced);
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 <gone@example.com>: no such user")) {
            EmailConfig config = EmailConfig.plain("127.0.0.1", server.port(), "status@example.com", SECRET);
            try (WebhookDispatcher dispatcher =
                    EmailDelivery.start(config, PAGE, topics, kafka(), group, registry, () -> {})) {
                DeliveryKafka.awaitRecords(topics.deadLetters().name(), 1);
                awaitCommitted(group, topics.notifications().name(), 1);
            }
            assertThat(server.recipientsAsked())
                    .as("a permanent refusal is asked once")
                    .isEqualTo(1);
        }
        dev.tocsin.avro.DeadLetter letter = dev.tocsin.runtime.errors.DeadLetters.decode(
                DeliveryKafka.readAll(topics.deadLetters().name()).get(0));
        assertThat(letter.getHttpRoute()).isEqualTo("email");
        assertThat(letter.getSourceTopic()).isEqualTo(topics.notifications().name());
        assertThat(letter.getErrorMessage())
                .contains(bounced.getNotificationId(), "bounced: SMTP 550 is permanent")
                .doesNotContain("gone@example.com");
        assertThat(registry.get(EmailSender.BOUNCES).counter().count()).isEqualTo(1);
        assertThat(registry.get("tocsin.email.deliveries")
                        .tag("outcome", "dead_lettered")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(DeliveryKafka.readAll(topics.webhookRetries().name())).isEmpty();
    }

    @Test
    void operationsMailHasNoUnsubscribeHeader() throws Exception {
        Topics topics = topics();
        String group = "it-email-" + UUID.randomUUID();
        EmailConfig config = EmailConfig.plain("127.0.0.1", SMTP.getSmtp().getPort(), "status@example.com", SECRET);
        Notification operations = TestNotifications.email("ops@example.com")
                .setSubscriptionId(null)
                .setAudience(dev.tocsin.avro.Audience.OPERATIONS)
                .build();
        produce(topics, operations);
        try (WebhookDispatcher dispatcher =
                EmailDelivery.start(config, PAGE, topics, kafka(), group, new SimpleMeterRegistry(), () -> {})) {
            assertThat(SMTP.waitForIncomingEmail(60_000, 1)).isTrue();
        }
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getHeader("List-Unsubscribe")).isNull();
        assertThat(GreenMailUtil.getBody(mail)).doesNotContain("Unsubscribe");
    }

    /** Keeps the mail as received (headers and body) in {@code target/mail/}, for the record. */
    private static void keep(MimeMessage message, String name) throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of("target", "mail", name);
        java.nio.file.Files.createDirectories(file.getParent());
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            message.writeTo(out);
        }
    }

    private static MimeMessage byRecipient(MimeMessage[] messages, String address) {
        return Arrays.stream(messages)
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(address);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mail to " + address));
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
