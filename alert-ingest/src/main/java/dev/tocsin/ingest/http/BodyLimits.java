package dev.tocsin.ingest.http;

/**
 * How large bodies may be: {@code webhookBytes} on the group-webhook routes, {@code otherBytes}
 * elsewhere; {@code inFlightBytes} bounds the bodies being handled at once (503 above).
 */
public record BodyLimits(int otherBytes, int webhookBytes, long inFlightBytes) {

    public BodyLimits {
        if (otherBytes < 1 || webhookBytes < 1 || inFlightBytes < 1) {
            throw new IllegalArgumentException("body limits must be positive");
        }
    }

    /** The largest body any route accepts. */
    public int largest() {
        return Math.max(otherBytes, webhookBytes);
    }

    int forRoute(Route route) {
        return route.groupWebhook() ? webhookBytes : otherBytes;
    }
}
