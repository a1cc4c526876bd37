package dev.tocsin.schemas.rules;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each webhook subscription's signing secret, derived from one master key:
 * {@code hex(HMAC-SHA256(master, "tocsin-webhook-secret:v1:" + subscriptionId))}. A subscriber
 * knows only its own secret, so it cannot sign another subscriber's webhooks, and nothing secret
 * is stored in Kafka: ingest tells the subscriber its secret once (in the 202 answer to the
 * subscription), the publisher derives it again for every delivery. Rotating the master rotates
 * every subscription's secret.
 */
public final class WebhookSecrets {

    /** Key id of webhooks that belong to no subscription: the operations channel. */
    public static final String OPERATIONS = "operations";

    private static final String CONTEXT = "tocsin-webhook-secret:v1:";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSecrets() {}

    /** The signing secret of {@code subscriptionId} under {@code master}. */
    public static String derive(String master, String subscriptionId) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        if (master == null || master.isEmpty()) {
            throw new IllegalArgumentException("a master key is required to derive webhook secrets");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(master.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal((CONTEXT + subscriptionId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
