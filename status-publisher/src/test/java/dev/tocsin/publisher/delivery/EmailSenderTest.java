package dev.tocsin.publisher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Notification;
import dev.tocsin.publisher.subscribe.SignedTokens;
import dev.tocsin.publisher.subscribe.UnsubscribeLinks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** How SMTP outcomes are classified, without a server: permanent bounces, transient refusals, broken conversations. */
class EmailSenderTest {

    private static final UnsubscribeLinks LINKS =
            new UnsubscribeLinks(new SignedTokens("k"), "https://status.example.com");

    @Test
    void recipientRefusedPermanentlyIsA5xxBounce() throws Exception {
        InternetAddress ada = new InternetAddress("ada@example.com");
        SendFailedException failure = new SendFailedException(
                "Invalid Addresses",
                new SMTPAddressFailedException(ada, "RCPT TO:<ada@example.com>", 550, "550 5.1.1 no such user"));
        assertThat(EmailSender.smtpCode(failure)).isEqualTo(550);
    }

    @Test
    void transientRefusalKeeps4xxSoItIsRetried() throws Exception {
        InternetAddress ada = new InternetAddress("ada@example.com");
        SendFailedException failure = new SendFailedException(
                "Invalid Addresses",
                new SMTPAddressFailedException(ada, "RCPT TO:<ada@example.com>", 451, "451 4.7.1 greylisted"));
        assertThat(EmailSender.smtpCode(failure)).isEqualTo(451);
        assertThat(EmailSender.smtpCode(new SMTPSendFailedException("DATA", 452, "452 full", null, null, null, null)))
                .isEqualTo(452);
    }

    @Test
    void brokenConversationHasNoCode() {
        assertThat(EmailSender.smtpCode(
                        new jakarta.mail.MessagingException("connect failed", new java.net.ConnectException())))
                .isZero();
    }

    @Test
    void mailboxRefusedWith5xxIsABounceCountedAndNotRetried() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 <ada@example.com>: no such user")) {
            EmailSender sender = new EmailSender(
                    config(server.port()),
                    LINKS,
                    "https://status.example.com",
                    registry,
                    new ManualClock(Instant.EPOCH));
            DeliveryStep step =
                    sender.attempt(TestNotifications.email("ada@example.com").build(), 1);
            assertThat(step.finished()).isTrue();
            assertThat(step.result().delivered()).isFalse();
            assertThat(step.result().failureReason()).isEqualTo("bounced: SMTP 550 is permanent");
            assertThat(registry.get(EmailSender.BOUNCES).counter().count()).isEqualTo(1);
        }
    }

    @Test
    void mailboxRefusedWith4xxIsRetriedAndNoBounce() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("451 4.7.1 greylisted, try again later")) {
            EmailSender sender = new EmailSender(
                    config(server.port()),
                    LINKS,
                    "https://status.example.com",
                    registry,
                    new ManualClock(Instant.EPOCH));
            DeliveryStep step =
                    sender.attempt(TestNotifications.email("ada@example.com").build(), 1);
            assertThat(step.finished()).isFalse();
            assertThat(step.failure()).isEqualTo("attempt 1: SMTP 451 (transient)");
            assertThat(registry.get(EmailSender.BOUNCES).counter().count()).isZero();
        }
    }

    @Test
    void unreachableServerIsRetriedAndAfterTheLastAttemptGivenUp() throws Exception {
        EmailSender sender = new EmailSender(
                config(closedPort()).retrying(2, Duration.ofMillis(10), Duration.ofMillis(20)),
                LINKS,
                "https://status.example.com",
                new SimpleMeterRegistry(),
                new ManualClock(Instant.EPOCH));
        Notification mail = TestNotifications.email("ada@example.com").build();
        DeliveryStep first = sender.attempt(mail, 1);
        assertThat(first.finished()).isFalse();
        assertThat(first.failure()).contains("SMTP conversation failed");
        DeliveryStep last = sender.attempt(mail, 2);
        assertThat(last.finished()).isTrue();
        assertThat(last.result().delivered()).isFalse();
        assertThat(last.result().failureReason())
                .startsWith("gave up after 2 attempts")
                .doesNotContain("ada@");
    }

    @Test
    void recipientOverItsHourlyLimitWaitsOnTheRetryTopic() throws Exception {
        EmailSender sender = new EmailSender(
                config(closedPort()).limitingRecipients(1),
                LINKS,
                "https://status.example.com",
                new SimpleMeterRegistry(),
                new ManualClock(Instant.EPOCH));
        sender.attempt(TestNotifications.email("ada@example.com").build(), 1);
        DeliveryStep limited =
                sender.attempt(TestNotifications.email("ADA@example.com").build(), 1);
        assertThat(limited.finished()).isFalse();
        assertThat(limited.requested()).isFalse();
        assertThat(limited.failure()).contains("recipient got 1 mails this hour");
    }

    @Test
    void unusableRecipientIsFinishedAtOnceWithoutARequest() {
        EmailSender sender = new EmailSender(
                config(25),
                LINKS,
                "https://status.example.com",
                new SimpleMeterRegistry(),
                new ManualClock(Instant.EPOCH));
        DeliveryStep step =
                sender.attempt(TestNotifications.email("not an address").build(), 1);
        assertThat(step.finished()).isTrue();
        assertThat(step.requested()).isFalse();
        assertThat(step.result().failureReason()).isEqualTo("recipient is not an e-mail address");
    }

    private static EmailConfig config(int port) {
        return EmailConfig.plain("127.0.0.1", port, "status@example.com", "k");
    }

    private static int closedPort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
