package dev.tocsin.publisher.subscribe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tamper-proof, stateless tokens for links in e-mails and forms:
 * {@code base64url(payload) "." expiry "." base64url(HMAC-SHA256(key, purpose, payload, expiry))}.
 * The purpose is signed too, so a token issued for one purpose (an unsubscribe link) is refused
 * for another (a confirmation). The payload is readable by whoever holds the token: it carries
 * nothing the holder does not know already (their own address and choices, a subscription id).
 * Nothing is stored, so any instance verifies any token, and changing the key voids them all.
 */
public final class SignedTokens {

    /** Expiry of tokens that never expire (unsubscribe links must work in every old mail). */
    public static final Instant NEVER = Instant.EPOCH;

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;

    public SignedTokens(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a key is required to sign tokens");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** A token carrying {@code payload} for {@code purpose}, valid until {@code expires} ({@link #NEVER}: always). */
    public String sign(String purpose, String payload, Instant expires) {
        Objects.requireNonNull(payload, "payload");
        long expiry = expires.getEpochSecond();
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + expiry + "."
                + ENCODER.encodeToString(mac(purpose, payload, expiry));
    }

    /** The payload of a token signed with this key for {@code purpose} and not expired at {@code now}; empty otherwise. */
    public Optional<String> verify(String purpose, String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8);
            long expiry = Long.parseLong(parts[1]);
            byte[] signature = DECODER.decode(parts[2]);
            if (!MessageDigest.isEqual(signature, mac(purpose, payload, expiry))) {
                return Optional.empty();
            }
            boolean expired = expiry != NEVER.getEpochSecond() && now.getEpochSecond() > expiry;
            return expired ? Optional.empty() : Optional.of(payload);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(String purpose, String payload, long expiry) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            // lengths first, so no two (purpose, payload) pairs sign the same bytes
            String signed = purpose.length() + ":" + purpose + "\n" + payload.length() + ":" + payload + "\n" + expiry;
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
