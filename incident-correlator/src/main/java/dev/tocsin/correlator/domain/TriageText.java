package dev.tocsin.correlator.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one normalization that report text and vocabulary both go through before they are
 * compared, so a keyword matches every way customers write it:
 * <ol>
 *   <li>Unicode NFKC: full-width and half-width forms become plain ones ({@code Ｗｉ－Ｆｉ} is
 *       {@code Wi-Fi}, {@code ｶﾀｶﾅ} is {@code カタカナ});</li>
 *   <li>full case folding ({@code WLAN} is {@code wlan}, {@code ß} is {@code ss});</li>
 *   <li>German umlauts as their two-letter spelling ({@code Büro} is {@code buero}), since
 *       customers type either;</li>
 *   <li>katakana spelling variants: the long vowel mark {@code ー} is dropped (both
 *       {@code ルーター} and {@code ルータ} become {@code ルタ}), small vowels are written large and
 *       {@code イヤ} as {@code イア} (both {@code ファイアウォール} and {@code ファイヤーウォール}
 *       become {@code フアイアウオル});</li>
 *   <li>separators (spaces, hyphens and dashes, underscores, slashes, {@code ・}) become one space
 *       ({@code WLAN-Router}, {@code sip_trunk}, {@code SIP Trunk} compare as words with one space).</li>
 * </ol>
 * {@link #clauses} first cuts a text into clauses, because negation is judged per clause.
 */
final class TriageText {

    /**
     * Where a clause ends: sentence and clause punctuation (also Japanese {@code 、。}), line breaks,
     * contrastive conjunctions (but, however, aber, jedoch, sondern, しかし, けど), and the polite
     * Japanese "…ですが / …ませんが / …ますが" (the conjunction stays with the clause before it).
     */
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[.!?;:,。、\\n\\r]+"
            + "|(?<![\\p{L}])(?:but|however|although|aber|jedoch|sondern|obwohl)(?![\\p{L}])"
            + "|しかし|けれども|けれど|けど"
            + "|(?<=ですが|ませんが|ますが)");

    private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-\\u2010-\\u2015\\u2212/\\\\・·]+");

    private TriageText() {}

    /** A text in the form every comparison uses. */
    static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return SEPARATORS.matcher(fold(text)).replaceAll(" ").trim();
    }

    /** The clauses of a text, each normalized; empty clauses are left out. */
    static List<String> clauses(String text) {
        List<String> clauses = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return clauses;
        }
        for (String clause : CLAUSE_BREAK.split(fold(text))) {
            String normalized = SEPARATORS.matcher(clause).replaceAll(" ").trim();
            if (!normalized.isEmpty()) {
                clauses.add(normalized);
            }
        }
        return clauses;
    }

    /** Steps 1 to 4: NFKC, case folding, umlauts, katakana variants. */
    private static String fold(String text) {
        // upper then lower case is full case folding for the scripts of interest (ß -> SS -> ss)
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC)
                .toUpperCase(Locale.ROOT)
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length() + 8);
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            switch (c) {
                case 'ä' -> out.append("ae");
                case 'ö' -> out.append("oe");
                case 'ü' -> out.append("ue");
                case 'ー' -> {}
                case 'ァ' -> out.append('ア');
                case 'ィ' -> out.append('イ');
                case 'ゥ' -> out.append('ウ');
                case 'ェ' -> out.append('エ');
                case 'ォ' -> out.append('オ');
                case 'ヤ' -> out.append(out.length() > 0 && out.charAt(out.length() - 1) == 'イ' ? 'ア' : 'ヤ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
