package dev.tocsin.publisher.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every public text and notification template, from the UTF-8 catalogs
 * {@code dev/tocsin/publisher/messages_<locale>.properties}, formatted with {@link MessageFormat}.
 * Sentences are whole templates with placeholders; code never concatenates sentences.
 *
 * <p>The catalogs are read with an explicit UTF-8 reader (not {@code ResourceBundle}, whose
 * charset depends on the Java version and settings). A key missing in a locale falls back to English.
 */
public final class Messages {

    /** Supported languages, English first (the fallback). */
    public static final List<String> SUPPORTED = List.of("en", "de", "ja");
    public static final String FALLBACK = "en";

    private static final Map<String, Properties> CATALOGS = new ConcurrentHashMap<>();

    private final String language;
    private final Properties catalog;
    private final Properties fallback;

    private Messages(String language) {
        this.language = language;
        this.catalog = catalog(language);
        this.fallback = catalog(FALLBACK);
    }

    /** Messages in the given language tag (e.g. {@code de}, {@code ja-JP}); unknown languages give English. */
    public static Messages forLanguage(String languageTag) {
        return new Messages(resolve(languageTag));
    }

    public static Messages english() {
        return new Messages(FALLBACK);
    }

    /** The language these messages are rendered in. */
    public String language() {
        return language;
    }

    public Locale locale() {
        return Locale.forLanguageTag(language);
    }

    /** A template filled with arguments; throws if the key exists in no catalog. */
    public String format(String key, Object... args) {
        return new MessageFormat(template(key), locale()).format(args);
    }

    /** A text without placeholders. */
    public String text(String key) {
        return format(key);
    }

    public String template(String key) {
        String value = catalog.getProperty(key);
        if (value == null || value.isBlank()) {
            value = fallback.getProperty(key);
        }
        if (value == null) {
            throw new IllegalArgumentException("no message for key " + key);
        }
        return value;
    }

    /** The raw catalog of a supported language (for tests and tooling). */
    public static Map<String, String> catalogOf(String language) {
        Map<String, String> copy = new java.util.TreeMap<>();
        catalog(language).forEach((k, v) -> copy.put((String) k, (String) v));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Supported language for a subscription locale or {@code ?locale=} value: {@code de-CH} gives
     * {@code de}, {@code fr} or blank gives {@code en}.
     */
    public static String resolve(String languageTag) {
        return isSupported(languageTag) ? languageOf(languageTag) : FALLBACK;
    }

    /** Whether a language tag ({@code de}, {@code ja-JP}, {@code de_CH}) names a supported language. */
    public static boolean isSupported(String languageTag) {
        return languageTag != null && !languageTag.isBlank() && SUPPORTED.contains(languageOf(languageTag));
    }

    private static String languageOf(String languageTag) {
        return Locale.forLanguageTag(languageTag.trim().replace('_', '-')).getLanguage();
    }

    /**
     * Language for an HTTP request: an explicit {@code ?locale=} wins when it is supported, then the
     * best supported entry of {@code Accept-Language} (with q-weights), then English.
     */
    public static String resolve(String queryLocale, String acceptLanguage) {
        return isSupported(queryLocale) ? languageOf(queryLocale) : fromAcceptLanguage(acceptLanguage);
    }

    /** Best supported language of an {@code Accept-Language} header, or English. */
    public static String fromAcceptLanguage(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return FALLBACK;
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
            String match = Locale.lookupTag(ranges, SUPPORTED);
            return match == null ? FALLBACK : resolve(match);
        } catch (IllegalArgumentException malformed) {
            return FALLBACK;
        }
    }

    private static Properties catalog(String language) {
        return CATALOGS.computeIfAbsent(language, Messages::load);
    }

    private static Properties load(String language) {
        String resource = "/dev/tocsin/publisher/messages_" + language + ".properties";
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing message catalog " + resource);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read message catalog " + resource, e);
        }
        return properties;
    }
}
