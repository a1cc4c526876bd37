package dev.tocsin.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Identity of an alert across updates when its source gives none: SHA-256 over the sorted label
 * set, first 16 bytes in hex. Same labels, same fingerprint, whatever the source and however often
 * the service restarts. Names and values are separated by the byte 0xFF, which never occurs in
 * UTF-8, so no two label sets share an encoding (Prometheus uses the same separator).
 */
public final class Fingerprints {

    private static final byte SEPARATOR = (byte) 0xFF;

    private Fingerprints() {}

    /** The fingerprint of a label set (order of the map does not matter). */
    public static String ofLabels(Map<String, String> labels) {
        MessageDigest sha256 = sha256();
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            sha256.update(label.getKey().getBytes(StandardCharsets.UTF_8));
            sha256.update(SEPARATOR);
            sha256.update(label.getValue().getBytes(StandardCharsets.UTF_8));
            sha256.update(SEPARATOR);
        }
        byte[] digest = sha256.digest();
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new IllegalStateException(e);
        }
    }
}
