package dev.tocsin.schemas.topics;

import dev.tocsin.schemas.rules.ProductNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of incident ids, shared by every service: {@code <product>-<8 hex digits>}, e.g.
 * {@code chat-1f3a9c0b}. The correlator derives the digits from the incident's first evidence
 * (so a replay yields the same ids); anyone holding only an id can find its product, which is
 * the key of {@code tocsin.incident-commands}, so an operator command lands on the partition
 * that owns the incident.
 */
public final class IncidentIds {

    private static final Pattern SHAPE = Pattern.compile("^(" + ProductNames.SHAPE_REGEX + ")-([0-9a-f]{8})$");

    private IncidentIds() {}

    /** The id of an incident of {@code product} whose first evidence is described by {@code seed}. */
    public static String of(String product, String seed) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((product + "\n" + seed).getBytes(StandardCharsets.UTF_8));
            return product + "-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The product of a well-formed incident id. */
    public static Optional<String> productOf(String incidentId) {
        if (incidentId == null) {
            return Optional.empty();
        }
        Matcher matcher = SHAPE.matcher(incidentId);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public static boolean isWellFormed(String incidentId) {
        return productOf(incidentId).isPresent();
    }
}
