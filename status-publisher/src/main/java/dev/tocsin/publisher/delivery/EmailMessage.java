package dev.tocsin.publisher.delivery;

import dev.tocsin.avro.Audience;
import dev.tocsin.avro.Notification;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.subscribe.UnsubscribeLinks;
import dev.tocsin.publisher.web.Markup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;

/**
 * The e-mail of one notification: {@code multipart/alternative} with the plain text first and the
 * same text as HTML, in the notification's language (its subject and body are rendered already;
 * the footer is added here from the same catalog). A subscriber's mail carries its unsubscribe link
 * in the footer and as {@code List-Unsubscribe} with {@code List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click} (RFC 8058), so mail clients offer a one-click unsubscribe.
 *
 * <p>The Message-ID is derived from the notification id: a mail sent again after a crash (sent, but
 * the offset not yet committed) is the same message to the receiving systems, which may drop it.
 */
public final class EmailMessage {

    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private EmailMessage() {}

    /** The Message-ID of a notification's mail: the same on every attempt and every instance. */
    public static String messageId(Notification notification, String fromAddress) {
        String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1);
        return "<" + notification.getNotificationId() + ".tocsin@" + domain + ">";
    }

    /**
     * The message, ready to send.
     *
     * @param unsubscribe the subscription's unsubscribe links, or null when the mail has no subscription
     * @param pageUrl     the public status page, linked in the footer
     */
    public static MimeMessage build(
            Session session,
            Notification notification,
            InternetAddress from,
            UnsubscribeLinks unsubscribe,
            String pageUrl)
            throws MessagingException {
        Messages messages = Messages.forLanguage(notification.getLocale());
        String id = messageId(notification, from.getAddress());
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", id);
            }
        };
        message.setFrom(from);
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(notification.getAddress(), true));
        // a line break in an operator's title must not start a header of its own
        message.setSubject(notification.getSubject().replaceAll("[\\r\\n]+", " "), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(notification.getCreatedAt()));
        message.setHeader("Content-Language", messages.language());
        // RFC 3834: an automatic message; well-behaved auto-responders do not answer it
        message.setHeader("Auto-Submitted", "auto-generated");
        String unsubscribeUrl = null;
        if (unsubscribe != null
                && notification.getSubscriptionId() != null
                && notification.getAudience() == Audience.SUBSCRIBER) {
            unsubscribeUrl = unsubscribe.url(notification.getSubscriptionId(), messages.language());
            message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
            message.setHeader("List-Unsubscribe-Post", ONE_CLICK);
        }
        MimeMultipart alternatives = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(
                plainText(notification, messages, unsubscribeUrl, pageUrl), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(notification, messages, unsubscribeUrl, pageUrl), StandardCharsets.UTF_8.name(), "html");
        alternatives.addBodyPart(plain);
        alternatives.addBodyPart(html);
        message.setContent(alternatives);
        message.saveChanges();
        return message;
    }

    static String plainText(Notification notification, Messages messages, String unsubscribeUrl, String pageUrl) {
        StringBuilder text = new StringBuilder(notification.getBody())
                .append("\n\n-- \n")
                .append(messages.format("email.footer.page", pageUrl))
                .append('\n');
        if (unsubscribeUrl != null) {
            text.append(messages.text("email.footer.why"))
                    .append('\n')
                    .append(messages.format("email.footer.unsubscribe", unsubscribeUrl))
                    .append('\n');
        }
        return text.toString();
    }

    static String html(Notification notification, Messages messages, String unsubscribeUrl, String pageUrl) {
        StringBuilder html = new StringBuilder(1024)
                .append("<!DOCTYPE html>\n<html lang=\"")
                .append(messages.language())
                .append("\">\n<head><meta charset=\"utf-8\"><title>")
                .append(Markup.escape(notification.getSubject()))
                .append("</title></head>\n<body>\n<h1 style=\"font-size:1.2em\">")
                .append(Markup.escape(notification.getSubject()))
                .append("</h1>\n");
        for (String paragraph : notification.getBody().split("\n\\s*\n")) {
            html.append("<p>")
                    .append(Markup.escape(paragraph.strip()).replace("\n", "<br>\n"))
                    .append("</p>\n");
        }
        html.append("<hr>\n<p style=\"color:#57606a;font-size:.9em\"><a href=\"")
                .append(Markup.escape(pageUrl))
                .append("\">")
                .append(Markup.escape(messages.text("email.footer.page_link")))
                .append("</a>");
        if (unsubscribeUrl != null) {
            html.append("<br>\n")
                    .append(Markup.escape(messages.text("email.footer.why")))
                    .append("<br>\n<a href=\"")
                    .append(Markup.escape(unsubscribeUrl))
                    .append("\">")
                    .append(Markup.escape(messages.text("email.footer.unsubscribe_link")))
                    .append("</a>");
        }
        return html.append("</p>\n</body>\n</html>\n").toString();
    }

    /** Lower-cased address: the key of the per-recipient limit. */
    static String recipientKey(Notification notification) {
        return notification.getAddress().trim().toLowerCase(Locale.ROOT);
    }
}
