package dev.tocsin.publisher.delivery;

/**
 * How a webhook delivery ended.
 *
 * @param delivered      whether the receiver answered 2xx
 * @param attempts       HTTP requests made (0 when the address was unusable)
 * @param lastStatusCode status of the last attempt, or {@value #NO_RESPONSE} when it got no
 *                       response (connection error, timeout, unusable address)
 * @param failureReason  why it was not delivered, or null when it was; never contains the address
 */
public record DeliveryResult(boolean delivered, int attempts, int lastStatusCode, String failureReason) {

    public static final int NO_RESPONSE = 0;

    public static DeliveryResult delivered(int attempts, int statusCode) {
        return new DeliveryResult(true, attempts, statusCode, null);
    }

    public static DeliveryResult failed(int attempts, int lastStatusCode, String reason) {
        return new DeliveryResult(false, attempts, lastStatusCode, reason);
    }
}
