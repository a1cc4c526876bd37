package dev.tocsin.correlator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The customer-responsibility table (DOMAIN.md section 3): a report whose subject, description or
 * tags name something the customer owns (their network, Wi-Fi, DNS, carrier, phone firmware, own
 * configuration, ...) is not a provider incident.
 *
 * <p>Every area has a vocabulary per language; the vocabularies of all languages are checked
 * against every report (German tickets say "Firewall", Japanese ones "Wi-Fi"), the language of a
 * vocabulary only decides how its words match ({@link TriageLanguage.Matching}). Text and keywords
 * are compared in {@link TriageText} form.
 *
 * <p>The rule for negations and mixed reports:
 * <ol>
 *   <li>a report containing a {@code notCustomerSide} phrase of any language (the problem also
 *       occurs elsewhere: other companies, other networks, from home too) is never customer-side;</li>
 *   <li>otherwise a keyword counts only in a clause without an {@code allClear} phrase
 *       ("unser Netzwerk ist in Ordnung, aber der Chat ..." names the network in a cleared clause,
 *       so it is not customer-side);</li>
 *   <li>a product symptom next to a counting keyword does not change the outcome: a customer-side
 *       cause always shows as a product symptom ("Seit wir das WLAN ... umgestellt haben, brechen
 *       Anrufe ab").</li>
 * </ol>
 * Areas are checked in table order, the first area with a counting keyword wins.
 */
public final class CustomerResponsibility {

    /** Shortest keyword of a {@link TriageLanguage.Matching#COMPOUNDS} language. */
    public static final int MIN_COMPOUND_KEYWORD = 4;

    /** The area a report falls into, the keyword that put it there and that keyword's language. */
    public record Match(String area, String keyword, String language) {}

    /**
     * A keyword or phrase: its pattern on normalized text, and a literal the text must contain
     * for the pattern to have a chance (a plain substring search skips most regular expressions).
     */
    private record Keyword(String text, String language, Pattern pattern, String needle) {

        static Keyword of(String text, String language, TriageLanguage.Matching matching) {
            String longestPart = "";
            for (String part : TriageText.normalize(text).split(" ")) {
                longestPart = part.length() > longestPart.length() ? part : longestPart;
            }
            return new Keyword(text, language, compile(text, matching), longestPart);
        }

        boolean foundIn(String clause) {
            return clause.contains(needle) && pattern.matcher(clause).find();
        }
    }

    private record Area(String name, List<Keyword> keywords) {}

    private final List<Area> areas = new ArrayList<>();
    private final List<Keyword> allClear = new ArrayList<>();
    private final List<Keyword> notCustomerSide = new ArrayList<>();

    /**
     * @param table     area -> language -> keywords, in check order
     * @param languages how each language of the table matches
     */
    public CustomerResponsibility(Map<String, Map<String, List<String>>> table, Map<String, TriageLanguage> languages) {
        languages.forEach((language, rules) -> {
            rules.allClear().forEach(p -> allClear.add(Keyword.of(p, language, rules.matching())));
            rules.notCustomerSide().forEach(p -> notCustomerSide.add(Keyword.of(p, language, rules.matching())));
        });
        table.forEach((area, vocabularies) -> {
            List<Keyword> keywords = new ArrayList<>();
            vocabularies.forEach((language, words) -> {
                TriageLanguage.Matching matching = languages.get(language).matching();
                words.forEach(w -> keywords.add(Keyword.of(w, language, matching)));
            });
            if (!keywords.isEmpty()) {
                areas.add(new Area(area, List.copyOf(keywords)));
            }
        });
    }

    /** The first area with a keyword in a clause that counts; empty when the report is not customer-side. */
    public Optional<Match> match(String subject, String description, List<String> tags) {
        List<String> clauses = new ArrayList<>(TriageText.clauses(subject));
        clauses.addAll(TriageText.clauses(description));
        if (tags != null) {
            tags.forEach(tag -> clauses.addAll(TriageText.clauses(tag)));
        }
        if (clauses.stream().anyMatch(c -> anyFinds(notCustomerSide, c))) {
            return Optional.empty();
        }
        List<String> counting =
                clauses.stream().filter(c -> !anyFinds(allClear, c)).toList();
        for (Area area : areas) {
            for (String clause : counting) {
                for (Keyword keyword : area.keywords()) {
                    if (keyword.foundIn(clause)) {
                        return Optional.of(new Match(area.name(), keyword.text(), keyword.language()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean anyFinds(List<Keyword> phrases, String clause) {
        for (Keyword phrase : phrases) {
            if (phrase.foundIn(clause)) {
                return true;
            }
        }
        return false;
    }

    /** A keyword or phrase as an expression on normalized text; a space in it also matches no space. */
    static Pattern compile(String keyword, TriageLanguage.Matching matching) {
        String normalized = TriageText.normalize(keyword);
        List<String> parts = new ArrayList<>();
        for (String part : normalized.split(" ")) {
            parts.add(Pattern.quote(part));
        }
        String body = String.join(" ?", parts);
        String latinEdge = "[\\p{IsLatin}\\p{N}]";
        String expression = switch (matching) {
            case WORDS -> "(?<!" + latinEdge + ")" + body + "(?:e?s)?(?!" + latinEdge + ")";
            case COMPOUNDS -> body;
            case SUBSTRINGS ->
                (startsLatin(normalized) ? "(?<!" + latinEdge + ")" : "")
                        + body
                        + (startsLatin(new StringBuilder(normalized).reverse().toString())
                                ? "(?!" + latinEdge + ")"
                                : "");
        };
        return Pattern.compile("(?:" + expression + ")");
    }

    private static boolean startsLatin(String text) {
        if (text.isEmpty()) {
            return false;
        }
        int c = text.codePointAt(0);
        return Character.isDigit(c) || Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
    }
}
