package dev.tocsin.ingest.domain;

import dev.tocsin.avro.NotificationChannel;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a subscriber's address for its channel: an e-mail shape, an E.164-like phone number
 * ({@code +} and 7 to 15 digits; spaces, dots, dashes and parentheses allowed and removed), an
 * absolute http(s) URL with a host. Addresses are personal data: reasons never repeat them.
 */
final class Addresses {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s.()\\-]");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private Addresses() {}

    /** The address in its stored form (phone numbers without separators), or null after a violation. */
    static String check(NotificationChannel channel, String address, String path, Violations violations) {
        return switch (channel) {
            case EMAIL -> {
                if (address.length() <= 254 && EMAIL.matcher(address).matches()) {
                    yield address;
                }
                violations.add(path, "not an e-mail address (expected name@domain.tld)");
                yield null;
            }
            case SMS -> {
                String number = PHONE_SEPARATORS.matcher(address).replaceAll("");
                if (E164.matcher(number).matches()) {
                    yield number;
                }
                violations.add(
                        path,
                        "not a phone number in international format (expected + and 7 to 15 digits, e.g. +4930123456)");
                yield null;
            }
            case WEBHOOK -> {
                if (isHttpUrl(address)) {
                    yield address;
                }
                violations.add(path, "not an absolute http or https URL with a host");
                yield null;
            }
        };
    }

    private static boolean isHttpUrl(String address) {
        try {
            URI uri = new URI(address);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
