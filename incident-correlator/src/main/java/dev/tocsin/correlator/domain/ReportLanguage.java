package dev.tocsin.correlator.domain;

import dev.tocsin.runtime.text.MessageCatalog;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The language a ticket is answered in: the one the source states ({@code CustomerReport.language},
 * e.g. the Zendesk locale) when it is supported, else the one the text is written in:
 * kana or kanji give Japanese, umlauts/ß or at least {@value #GERMAN_MARKERS_NEEDED} common German
 * words give German, anything else English.
 */
public final class ReportLanguage {

    static final int GERMAN_MARKERS_NEEDED = 2;

    /** Frequent German function words that English texts do not use. */
    private static final Set<String> GERMAN_MARKERS = Set.of(
            "und",
            "nicht",
            "ist",
            "wir",
            "seit",
            "unser",
            "unsere",
            "unseren",
            "bitte",
            "der",
            "das",
            "den",
            "dem",
            "ein",
            "eine",
            "einen",
            "kein",
            "keine",
            "mit",
            "bei",
            "auf",
            "funktioniert",
            "geht",
            "haben",
            "wird",
            "werden",
            "sind",
            "ich",
            "uns",
            "auch",
            "noch",
            "kann",
            "können",
            "koennen",
            "heute",
            "gestern",
            "aber",
            "oder",
            "wenn",
            "keinen",
            "mehr",
            "wurde",
            "wurden",
            "beim",
            "im",
            "vom",
            "zum",
            "zur",
            "seitdem",
            "hat",
            "nach",
            "dass",
            "sich",
            "schon",
            "immer");

    private static final Pattern WORD = Pattern.compile("[\\p{L}]+");

    private ReportLanguage() {}

    /** The stated language when supported, else the detected one. */
    public static String of(String stated, String subject, String description) {
        if (MessageCatalog.isSupported(stated)) {
            return MessageCatalog.languageOf(stated);
        }
        return detect((subject == null ? "" : subject) + "\n" + (description == null ? "" : description));
    }

    /** {@code ja}, {@code de} or {@code en} for a text. */
    public static String detect(String text) {
        if (text == null || text.isBlank()) {
            return MessageCatalog.FALLBACK;
        }
        int markers = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA
                    || script == Character.UnicodeScript.HAN) {
                return "ja";
            }
            i += Character.charCount(c);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.indexOf('ä') >= 0 || lower.indexOf('ö') >= 0 || lower.indexOf('ü') >= 0 || lower.indexOf('ß') >= 0) {
            return "de";
        }
        var words = WORD.matcher(lower);
        while (words.find() && markers < GERMAN_MARKERS_NEEDED) {
            if (GERMAN_MARKERS.contains(words.group())) {
                markers++;
            }
        }
        return markers >= GERMAN_MARKERS_NEEDED ? "de" : MessageCatalog.FALLBACK;
    }
}
