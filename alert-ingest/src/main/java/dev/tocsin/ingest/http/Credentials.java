package dev.tocsin.ingest.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The credentials one route group accepts: bearer tokens and basic-auth user:password pairs.
 * Comparison is constant-time; the identity handed back (for rate limiting and logs) is a label,
 * never the secret itself.
 */
public final class Credentials {

    private final List<String> bearerTokens;
    private final List<String> basicPairs;

    public Credentials(List<String> bearerTokens, List<String> basicPairs) {
        this.bearerTokens = List.copyOf(bearerTokens);
        this.basicPairs = List.copyOf(basicPairs);
    }

    public boolean isEmpty() {
        return bearerTokens.isEmpty() && basicPairs.isEmpty();
    }

    /**
     * Checks an {@code Authorization} header; returns who it is ({@code bearer#1},
     * {@code basic:alice}) or empty when missing or wrong.
     */
    public Optional<String> authenticate(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            for (int i = 0; i < bearerTokens.size(); i++) {
                if (constantTimeEquals(token, bearerTokens.get(i))) {
                    return Optional.of("bearer#" + (i + 1));
                }
            }
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
            for (String expected : basicPairs) {
                if (constantTimeEquals(pair, expected)) {
                    return Optional.of("basic:" + pair.substring(0, Math.max(0, pair.indexOf(':'))));
                }
            }
        }
        return Optional.empty();
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
