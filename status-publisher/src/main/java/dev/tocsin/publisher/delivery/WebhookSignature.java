package dev.tocsin.publisher.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@value #HEADER} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">},
 * keyed with the shared webhook secret (the scheme Stripe and others use). Signing the timestamp
 * with the body lets a receiver refuse a captured request replayed later; the {@code v1} label
 * leaves room for another scheme without breaking receivers. A receiver verifies with
 * {@link #verify}; this class is all it needs.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Tocsin-Signature";
    /** How far a signature's timestamp may be from the receiver's clock by default. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private WebhookSignature() {}

    /** The header value for {@code body} sent at {@code now}. */
    public static String sign(byte[] body, String secret, Instant now) {
        long timestamp = now.getEpochSecond();
        return "t=" + timestamp + ",v1=" + HEX.formatHex(hmac(timestamp, body, secret));
    }

    /**
     * Whether {@code header} is a valid signature of {@code body} under {@code secret}, made
     * within {@code tolerance} of {@code now}. Any {@code v1} entry may match, so a sender can
     * sign with an old and a new secret while rotating.
     */
    public static boolean verify(String header, byte[] body, String secret, Instant now, Duration tolerance) {
        if (header == null || body == null || secret == null || secret.isEmpty()) {
            return false;
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return false;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (name.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (name.equals("v1")) {
                signatures.add(value.toLowerCase(Locale.ROOT));
            }
        }
        if (timestamp == null || Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = HEX.formatHex(hmac(timestamp, body, secret)).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String signature : signatures) {
            // constant time and no early exit, so response times do not reveal how much matched
            matched |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        }
        return matched;
    }

    private static byte[] hmac(long timestamp, byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
