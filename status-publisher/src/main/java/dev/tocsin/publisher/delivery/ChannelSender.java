package dev.tocsin.publisher.delivery;

import dev.tocsin.avro.Notification;
import dev.tocsin.avro.NotificationChannel;

/**
 * Makes one delivery attempt for the notifications of one channel and says what comes next; the
 * {@link WebhookDispatcher} around it reads the topic, retries through the retry topic, commits
 * and dead-letters the same way for every channel.
 */
public interface ChannelSender {

    /** The channel whose notifications this sender delivers; the dispatcher skips all others. */
    NotificationChannel channel();

    /** Attempt number {@code attempt} (1 for the first); blocks at most for the channel's deadline. */
    DeliveryStep attempt(Notification notification, int attempt);

    /** Receiving hosts whose circuit is open or half-open, for the gauge. */
    int openCircuits();

    /** The reason of the dead letter of a notification that was finally not delivered. */
    Exception failure(String notificationId, DeliveryResult result);
}
