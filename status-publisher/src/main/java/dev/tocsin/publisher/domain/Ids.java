package dev.tocsin.publisher.domain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable, Statuspage-looking ids (12 lower-case base-36 characters) derived from our own ids, so the
 * same incident, component or update always gets the same public id on every instance and replay.
 */
public final class Ids {

    private Ids() {}

    /** A 12-character base-36 id from the SHA-256 of the parts joined by a separator that cannot occur in them. */
    public static String stable(String... parts) {
        String joined = String.join("\u0000", parts);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            String base36 = new BigInteger(1, digest).toString(36);
            return base36.substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    public static String component(String product) {
        return stable("component", product);
    }

    public static String incident(String incidentId) {
        return stable("incident", incidentId);
    }

    public static String maintenance(String windowId) {
        return stable("maintenance", windowId);
    }
}
