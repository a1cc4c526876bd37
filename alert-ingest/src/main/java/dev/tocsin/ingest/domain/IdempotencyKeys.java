package dev.tocsin.ingest.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The {@code Idempotency-Key} request header of operator commands (IETF draft
 * "The Idempotency-Key HTTP Header Field"). A retry carrying the same key must not act twice: the
 * command id is derived from the key and the incident, so every ingest instance, before and after a
 * restart, writes the retry with the same commandId, and the correlator applies one id once. The
 * key is opaque (compared byte for byte, quotes included); a key reused with another body is not
 * detected: it names the command already applied.
 */
public final class IdempotencyKeys {

    /** The request header. */
    public static final String HEADER = "Idempotency-Key";
    /** Longest accepted key. */
    public static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {}

    /** Reports a key that is blank, longer than {@link #MAX_LENGTH} or not printable ASCII (field {@value #HEADER}). */
    static boolean valid(String key, Violations violations) {
        String problem = null;
        if (key.isBlank()) {
            problem = "must not be blank";
        } else if (key.length() > MAX_LENGTH) {
            problem = "must be at most " + MAX_LENGTH + " characters, was " + key.length();
        } else if (!key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            problem = "must be printable ASCII";
        }
        if (problem != null) {
            violations.add(HEADER, problem);
        }
        return problem == null;
    }

    /**
     * The command id for a key on an incident: a name-based UUID (version 8, from SHA-256), equal for
     * equal inputs and different, in practice, for any other key or incident.
     */
    public static String commandId(String incidentId, String key) {
        byte[] hash = sha256(incidentId + '\n' + key);
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x80); // version 8 (RFC 9562, custom)
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // RFC variant
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong()).toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
