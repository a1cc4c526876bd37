package dev.tocsin.ingest.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Zendesk webhook signing: {@code X-Zendesk-Webhook-Signature} is the base64 HMAC-SHA256 of the
 * {@code X-Zendesk-Webhook-Signature-Timestamp} header followed by the raw body, keyed with the
 * webhook's signing secret. Old timestamps are refused so a captured request cannot be replayed.
 */
public final class ZendeskSignature {

    public static final String SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature";
    public static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";

    private final byte[] secret;
    private final Duration maxAge;
    private final Clock clock;

    public ZendeskSignature(String secret, Duration maxAge, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The signature Zendesk would send for this timestamp and body. */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    /** Why the request is not authentic, or null when it is. Reasons are logged, not sent to the client. */
    public String rejection(String signature, String timestamp, byte[] body) {
        if (signature == null || timestamp == null) {
            return "missing signature or timestamp header";
        }
        Instant signedAt;
        try {
            signedAt = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return "timestamp is not RFC 3339";
        }
        Duration age = Duration.between(signedAt, clock.instant());
        if (age.compareTo(maxAge) > 0 || age.compareTo(maxAge.negated()) < 0) {
            return "timestamp " + timestamp + " is more than " + maxAge.toMinutes() + " minutes from now";
        }
        byte[] expected = sign(timestamp, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8))
                ? null
                : "signature mismatch";
    }
}
