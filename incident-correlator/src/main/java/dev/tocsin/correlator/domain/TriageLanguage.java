package dev.tocsin.correlator.domain;

import java.util.List;

/**
 * How triage reads one language (policy {@code triageLanguages.<language>}).
 *
 * @param matching        how this language's keywords and phrases match normalized text
 * @param allClear        phrases that declare something fine ("is fine", "in Ordnung", "問題ありません"):
 *                        a clause containing one names no customer-side cause
 * @param notCustomerSide phrases that put the problem beyond the customer's premises ("other companies
 *                        too", "auch von zu Hause", "他社でも"): a report containing one is never
 *                        customer-side
 */
public record TriageLanguage(Matching matching, List<String> allClear, List<String> notCustomerSide) {

    /** How a keyword matches normalized text ({@link TriageText}). */
    public enum Matching {
        /**
         * Whole words: not glued to other Latin letters or digits on either side; a plural
         * {@code s}/{@code es} may follow (English).
         */
        WORDS,
        /**
         * Inside words: a keyword may begin, end or sit inside a compound ({@code netzwerk} in
         * {@code Büronetzwerk}, {@code firewall} in {@code Firewall-Regel}); needs at least
         * {@value CustomerResponsibility#MIN_COMPOUND_KEYWORD} characters so it stays specific
         * (German).
         */
        COMPOUNDS,
        /**
         * Substrings, for scripts without spaces between words; a keyword edge that is a Latin
         * letter or digit must still not touch another one ({@code lan} in {@code 社内LAN}, not in
         * {@code plan}) (Japanese).
         */
        SUBSTRINGS
    }

    public TriageLanguage {
        allClear = List.copyOf(allClear);
        notCustomerSide = List.copyOf(notCustomerSide);
    }
}
