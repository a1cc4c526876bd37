package dev.tocsin.publisher.delivery;

/**
 * An e-mail notification that could not be sent; the reason of its dead letter. The message names
 * the notification, the attempts and the last answer, never the address.
 */
public final class EmailDeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    public EmailDeliveryException(String notificationId, DeliveryResult result) {
        super(
                "E-mail notification " + notificationId + " not delivered: " + result.failureReason(),
                null,
                false,
                false);
    }
}
