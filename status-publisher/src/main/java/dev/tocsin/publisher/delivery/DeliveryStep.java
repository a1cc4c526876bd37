package dev.tocsin.publisher.delivery;

import java.time.Duration;

/**
 * What follows one delivery attempt of any channel: {@code result} when done (delivered or finally
 * failed), otherwise a retry after {@code retryIn}, which the dispatcher hands to the retry topic.
 *
 * @param requested whether the attempt reached the receiver (an HTTP request, an SMTP conversation):
 *                  not refused beforehand, circuit closed
 * @param failure   why a retried attempt failed (never the address); null when done
 */
public record DeliveryStep(DeliveryResult result, Duration retryIn, boolean requested, String failure) {

    static DeliveryStep done(DeliveryResult result, boolean requested) {
        return new DeliveryStep(result, null, requested, null);
    }

    static DeliveryStep retry(Duration retryIn, boolean requested, String failure) {
        return new DeliveryStep(null, retryIn, requested, failure);
    }

    public boolean finished() {
        return result != null;
    }
}
