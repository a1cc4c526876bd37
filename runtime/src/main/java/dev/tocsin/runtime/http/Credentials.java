package dev.tocsin.runtime.http;

import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.Setting;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The credentials one route group or role accepts: bearer tokens and basic-auth user:password
 * pairs. Comparison is constant-time; the identity handed back (for rate limiting and logs) is a
 * label, never the secret itself. Shared by alert-ingest's route groups and the correlator's
 * operator and support roles, so both read and check credentials by one rule.
 */
public final class Credentials {

    /** The {@code WWW-Authenticate} challenge of a 401: both kinds of credentials are accepted. */
    public static final String CHALLENGE = "Bearer realm=\"tocsin\", Basic realm=\"tocsin\"";

    /** What the local stack accepts for every credential unless told otherwise; printed at start. */
    public static final String LOCAL_DEV_TOKEN = "local-dev-token";

    private final List<String> bearerTokens;
    private final List<String> basicPairs;

    public Credentials(List<String> bearerTokens, List<String> basicPairs) {
        this.bearerTokens = List.copyOf(bearerTokens);
        this.basicPairs = List.copyOf(basicPairs);
    }

    /**
     * The credentials configured by {@code tokens} and {@code basic}. Production refuses to start
     * without any (the message names both settings and {@code purpose}); the local stack falls back
     * to {@link #LOCAL_DEV_TOKEN}.
     */
    public static Credentials configured(
            Environment env, boolean local, Setting<List<String>> tokens, Setting<List<String>> basic, String purpose) {
        Credentials credentials = new Credentials(
                env.optional(tokens).orElse(List.of()), env.optional(basic).orElse(List.of()));
        if (!credentials.isEmpty()) {
            return credentials;
        }
        if (local) {
            return new Credentials(List.of(LOCAL_DEV_TOKEN), List.of());
        }
        throw new ConfigException("Set " + tokens.env() + " or " + basic.env() + ": production refuses to " + purpose
                + " without credentials");
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
                pair = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
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

    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
