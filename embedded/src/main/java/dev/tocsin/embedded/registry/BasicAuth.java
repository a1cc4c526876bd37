package dev.tocsin.embedded.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * HTTP Basic credentials the registry expects. Compares in constant time so response timing does
 * not reveal how much of a guess was right; never exposes the secret (not even in toString).
 */
final class BasicAuth {

    private static final String SCHEME = "Basic ";

    private final byte[] expected;

    BasicAuth(String user, String password) {
        this.expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether an {@code Authorization} header value carries exactly these credentials. */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder()
                    .decode(authorization.substring(SCHEME.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, expected);
    }

    @Override
    public String toString() {
        return "BasicAuth[credentials hidden]";
    }
}
