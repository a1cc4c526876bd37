package dev.tocsin.publisher.delivery;

/**
 * A webhook notification that could not be delivered; the reason of its dead letter. The message
 * names the notification, the attempts and the last answer, never the address. It carries no
 * stack trace: where the dispatcher noticed the failure says nothing about why it failed.
 */
public final class WebhookDeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient DeliveryResult result;

    public WebhookDeliveryException(String notificationId, DeliveryResult result) {
        super(
                "Webhook notification " + notificationId + " not delivered: " + result.failureReason(),
                null,
                false,
                false);
        this.result = result;
    }

    public DeliveryResult result() {
        return result;
    }
}
