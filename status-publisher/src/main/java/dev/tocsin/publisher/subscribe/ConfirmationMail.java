package dev.tocsin.publisher.subscribe;

import dev.tocsin.avro.Audience;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.Ids;
import dev.tocsin.publisher.domain.Messages;
import java.time.Instant;
import java.util.List;

/**
 * The mail asking an address to confirm its subscription: an EMAIL notification like any other,
 * so it is sent, retried and dead-lettered by the same e-mail delivery. It belongs to no
 * subscription (there is none yet), so it carries no unsubscribe link.
 */
public final class ConfirmationMail {

    private ConfirmationMail() {}

    /**
     * @param link       the signed confirmation link
     * @param validHours how long the link is valid
     * @param pageName   the status page's name, in the subject
     */
    public static Notification of(
            EmailSubscriptionRequest request,
            String link,
            long validHours,
            String pageName,
            ComponentCatalog catalog,
            Instant now) {
        Messages messages = Messages.forLanguage(request.language());
        List<String> names =
                request.products().stream().map(catalog::displayName).toList();
        String what = names.isEmpty()
                ? messages.text("subscribe.all_components")
                : String.join(messages.template("list.separator"), names);
        // one mail per link: the same request asked twice within a second is one notification;
        // hashed, since the key must not carry the address
        String dedupKey = "confirm:" + Ids.stable("confirm", request.payload(), String.valueOf(now.getEpochSecond()));
        return Notification.newBuilder()
                .setNotificationId(Ids.stable("notification", dedupKey))
                .setDedupKey(dedupKey)
                .setAudience(Audience.SUBSCRIBER)
                .setSubscriptionId(null)
                .setChannel(NotificationChannel.EMAIL)
                .setAddress(request.address())
                .setLocale(messages.language())
                .setSubject(messages.format("subscribe.confirm.subject", pageName))
                .setBody(messages.format("subscribe.confirm.body", what, validHours, link))
                .setIncidentId(null)
                .setMaintenanceId(null)
                .setCreatedAt(now)
                .build();
    }
}
