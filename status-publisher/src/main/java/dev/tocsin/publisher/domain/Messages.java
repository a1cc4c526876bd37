package dev.tocsin.publisher.domain;

import dev.tocsin.runtime.text.MessageCatalog;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every public text and notification template, from the UTF-8 catalogs
 * {@code dev/tocsin/publisher/messages_<locale>.properties}, formatted with {@link MessageFormat}.
 * Sentences are whole templates with placeholders; code never concatenates sentences.
 * Loading, English fallback and language tags are the shared {@link MessageCatalog}'s.
 */
public final class Messages {

    /** Supported languages, English first (the fallback). */
    public static final List<String> SUPPORTED = MessageCatalog.SUPPORTED;

    public static final String FALLBACK = MessageCatalog.FALLBACK;

    static final MessageCatalog CATALOG = new MessageCatalog(Messages.class, "/dev/tocsin/publisher/messages");

    private final String language;
    private DateTimeFormatter timeFormat;

    private Messages(String language) {
        this.language = language;
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
        return CATALOG.format(language, key, args);
    }

    /** A text without placeholders. */
    public String text(String key) {
        return format(key);
    }

    public String template(String key) {
        return CATALOG.template(language, key);
    }

    /** A moment as the page words it in this language, in UTC, e.g. "20 Mar 2026, 10:05 UTC". */
    public String timeText(Instant at) {
        DateTimeFormatter format = timeFormat;
        if (format == null) {
            // built once per instance, on first use (a benign race builds an equal formatter)
            format = DateTimeFormatter.ofPattern(template("page.time.pattern"), locale())
                    .withZone(ZoneOffset.UTC);
            timeFormat = format;
        }
        return format("page.time", format.format(at));
    }

    /** The raw catalog of a supported language (for tests and tooling). */
    public static Map<String, String> catalogOf(String language) {
        return CATALOG.catalogOf(language);
    }

    /**
     * Supported language for a subscription locale or {@code ?locale=} value: {@code de-CH} gives
     * {@code de}, {@code fr} or blank gives {@code en}.
     */
    public static String resolve(String languageTag) {
        return MessageCatalog.resolve(languageTag);
    }

    /** Whether a language tag ({@code de}, {@code ja-JP}, {@code de_CH}) names a supported language. */
    public static boolean isSupported(String languageTag) {
        return MessageCatalog.isSupported(languageTag);
    }

    /**
     * Language for an HTTP request: an explicit {@code ?locale=} wins when it is supported, then the
     * best supported entry of {@code Accept-Language} (with q-weights), then English.
     */
    public static String resolve(String queryLocale, String acceptLanguage) {
        return isSupported(queryLocale) ? MessageCatalog.languageOf(queryLocale) : fromAcceptLanguage(acceptLanguage);
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
}
