package dev.tocsin.schemas.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one safe shape of a product name, shared by every door that accepts one (alerts, reports,
 * operator commands, maintenance, subscriptions) and by incident ids ({@code <product>-<8 hex>}):
 * lower-case ASCII letters and digits, with {@code .}, {@code _} and {@code -} inside, at most
 * {@value #MAX_LENGTH} characters. {@code "Contact Center"} becomes {@code contact-center},
 * {@code payments/api} {@code payments-api}, {@code Zürich} {@code zurich}; a name with no Latin
 * letter or digit at all ({@code チャット}) becomes {@code p-} and a stable hash of it, so it still
 * names one product and never collapses with another.
 */
public final class ProductNames {

    public static final int MAX_LENGTH = 100;
    /** The product of alerts that no label and no routing rule classifies (configurable per deployment). */
    public static final String DEFAULT_UNCLASSIFIED = "unclassified";
    /** The regular expression of a safe product name, for embedding in other patterns. */
    public static final String SHAPE_REGEX = "[a-z0-9][a-z0-9._-]{0," + (MAX_LENGTH - 1) + "}";

    private static final Pattern SHAPE = Pattern.compile(SHAPE_REGEX);
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern UNSAFE_RUN = Pattern.compile("[^a-z0-9._-]+");
    private static final Pattern REPEATED_SEPARATOR = Pattern.compile("([._-])[._-]+");
    private static final Pattern LEADING = Pattern.compile("^[._-]+");
    private static final Pattern TRAILING = Pattern.compile("[._-]+$");

    private ProductNames() {}

    /** The safe shape of a product name; null for null or blank input. Idempotent. */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String trimmed = raw.strip();
        if (isSafe(trimmed)) {
            return trimmed;
        }
        String text = Normalizer.normalize(trimmed.replace("ß", "ss").replace("ẞ", "ss"), Normalizer.Form.NFKD);
        text = MARKS.matcher(text).replaceAll("").toLowerCase(Locale.ROOT);
        text = UNSAFE_RUN.matcher(text).replaceAll("-");
        text = REPEATED_SEPARATOR.matcher(text).replaceAll("$1");
        text = TRAILING.matcher(LEADING.matcher(text).replaceAll("")).replaceAll("");
        if (text.length() > MAX_LENGTH) {
            text = TRAILING.matcher(text.substring(0, MAX_LENGTH)).replaceAll("");
        }
        return text.isEmpty() ? "p-" + hash(trimmed) : text;
    }

    /** Whether the name already has the safe shape (what every service may rely on after ingest). */
    public static boolean isSafe(String name) {
        return name != null && SHAPE.matcher(name).matches();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
