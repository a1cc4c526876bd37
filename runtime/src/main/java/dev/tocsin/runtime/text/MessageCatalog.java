package dev.tocsin.runtime.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A family of UTF-8 message catalogs {@code <base>_<language>.properties} (en, de, ja), the one
 * mechanism every service's texts go through: templates are {@link MessageFormat} sentences with
 * placeholders, a key missing in a language falls back to English, and {@link #inconsistencies()}
 * lists every key or placeholder a translation lacks (each service pins it with a test).
 *
 * <p>Catalogs are read with an explicit UTF-8 reader, not {@code ResourceBundle}, whose charset
 * depends on the Java version and settings.
 */
public final class MessageCatalog {

    /** Supported languages, English first (the fallback). */
    public static final List<String> SUPPORTED = List.of("en", "de", "ja");

    public static final String FALLBACK = "en";

    private final Class<?> owner;
    private final String base;
    private final Map<String, Properties> catalogs = new ConcurrentHashMap<>();

    /**
     * @param owner the class whose loader holds the catalogs
     * @param base  absolute resource path without the {@code _<language>.properties} suffix,
     *              e.g. {@code /dev/tocsin/publisher/messages}
     */
    public MessageCatalog(Class<?> owner, String base) {
        this.owner = owner;
        this.base = base;
    }

    /** A template of a language, else English; throws if no catalog has the key. */
    public String template(String language, String key) {
        String value = catalog(language).getProperty(key);
        if (value == null || value.isBlank()) {
            value = catalog(FALLBACK).getProperty(key);
        }
        if (value == null) {
            throw new IllegalArgumentException("no message for key " + key);
        }
        return value;
    }

    /** Whether the English catalog (the complete one) has the key. */
    public boolean has(String key) {
        return catalog(FALLBACK).getProperty(key) != null;
    }

    /** A template filled with arguments in the language's locale. */
    public String format(String language, String key, Object... args) {
        return new MessageFormat(template(language, key), Locale.forLanguageTag(language)).format(args);
    }

    /** The raw catalog of a supported language (for tests and tooling). */
    public Map<String, String> catalogOf(String language) {
        Map<String, String> copy = new TreeMap<>();
        catalog(language).forEach((k, v) -> copy.put((String) k, (String) v));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * What the translations lack against English: missing, extra or blank keys, different
     * placeholder counts, invalid templates. Empty when the catalogs are complete.
     */
    public List<String> inconsistencies() {
        List<String> problems = new ArrayList<>();
        Map<String, String> english = catalogOf(FALLBACK);
        for (String language : SUPPORTED) {
            Map<String, String> other = catalogOf(language);
            english.keySet().stream()
                    .filter(k -> !other.containsKey(k))
                    .forEach(k -> problems.add(language + ": missing " + k));
            other.keySet().stream()
                    .filter(k -> !english.containsKey(k))
                    .forEach(k -> problems.add(language + ": not in English " + k));
            other.forEach((key, template) -> {
                if (template.isBlank()) {
                    problems.add(language + ": blank " + key);
                    return;
                }
                try {
                    int count = placeholders(template);
                    if (english.containsKey(key) && count != placeholders(english.get(key))) {
                        problems.add(language + ": placeholders of " + key + " differ from English");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(language + ": invalid template " + key + ": " + e.getMessage());
                }
            });
        }
        return problems;
    }

    /**
     * Supported language of a language tag: {@code de-CH} gives {@code de}, {@code fr} or blank
     * gives {@code en}.
     */
    public static String resolve(String languageTag) {
        return isSupported(languageTag) ? languageOf(languageTag) : FALLBACK;
    }

    /** Whether a language tag ({@code de}, {@code ja-JP}, {@code de_CH}) names a supported language. */
    public static boolean isSupported(String languageTag) {
        return languageTag != null && !languageTag.isBlank() && SUPPORTED.contains(languageOf(languageTag));
    }

    /** The primary language of a tag, lower case ({@code de_CH} gives {@code de}). */
    public static String languageOf(String languageTag) {
        return Locale.forLanguageTag(languageTag.trim().replace('_', '-')).getLanguage();
    }

    private static int placeholders(String template) {
        return new MessageFormat(template).getFormatsByArgumentIndex().length;
    }

    private Properties catalog(String language) {
        return catalogs.computeIfAbsent(language, this::load);
    }

    private Properties load(String language) {
        String resource = base + "_" + language + ".properties";
        Properties properties = new Properties();
        try (InputStream in = owner.getResourceAsStream(resource)) {
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
