package dev.tocsin.publisher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Notification;
import dev.tocsin.publisher.domain.Messages;
import org.junit.jupiter.api.Test;

class EmailMessageTest {

    private static final String PAGE = "https://status.example.com";
    private static final String UNSUBSCRIBE = "https://status.example.com/unsubscribe?t=x.0.y&locale=en";

    @Test
    void htmlPartEscapesOperatorTextAndKeepsParagraphs() {
        Notification notification = TestNotifications.email("ada@example.com")
                .setSubject("<b>Chat</b> & more")
                .setBody("Line one\nline <two>\n\nStatus: Investigating")
                .build();
        String html = EmailMessage.html(notification, Messages.english(), UNSUBSCRIBE, PAGE);
        assertThat(html)
                .contains(
                        "<title>&lt;b&gt;Chat&lt;/b&gt; &amp; more</title>",
                        "<p>Line one<br>\nline &lt;two&gt;</p>",
                        "<p>Status: Investigating</p>",
                        "<a href=\"https://status.example.com/unsubscribe?t=x.0.y&amp;locale=en\">Unsubscribe</a>")
                .doesNotContain("<two>");
    }

    @Test
    void plainPartEndsWithASignatureNamingThePageAndTheUnsubscribeLink() {
        Notification notification =
                TestNotifications.email("ada@example.com").setLocale("ja").build();
        String text = EmailMessage.plainText(notification, Messages.forLanguage("ja"), UNSUBSCRIBE, PAGE);
        assertThat(text)
                .startsWith(notification.getBody() + "\n\n-- \n")
                .contains("ステータスページ: " + PAGE, "購読解除: " + UNSUBSCRIBE);
    }

    @Test
    void mailWithoutSubscriptionHasNoUnsubscribeLine() {
        Notification notification = TestNotifications.email("ops@example.com")
                .setSubscriptionId(null)
                .build();
        assertThat(EmailMessage.plainText(notification, Messages.english(), null, PAGE))
                .doesNotContain("Unsubscribe");
    }

    @Test
    void lineBreakInTheSubjectCannotAddAHeader() throws Exception {
        Notification notification = TestNotifications.email("ada@example.com")
                .setSubject("Outage\r\nBcc: eve@example.com")
                .build();
        jakarta.mail.internet.MimeMessage message = EmailMessage.build(
                jakarta.mail.Session.getInstance(new java.util.Properties()),
                notification,
                new jakarta.mail.internet.InternetAddress("status@example.com"),
                null,
                PAGE);
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getSubject()).isEqualTo("Outage Bcc: eve@example.com");
        assertThat(message.getHeader("List-Unsubscribe")).isNull();
    }

    @Test
    void messageIdIsTheNotificationsOnEveryAttempt() {
        Notification notification = TestNotifications.email("ada@example.com").build();
        assertThat(EmailMessage.messageId(notification, "status@example.com"))
                .isEqualTo("<" + notification.getNotificationId() + ".tocsin@example.com>");
    }
}
