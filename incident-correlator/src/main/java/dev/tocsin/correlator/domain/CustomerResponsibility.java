package dev.tocsin.correlator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The customer-responsibility table (DOMAIN.md section 3): a report whose subject, description or
 * tags name something the customer owns (their network, Wi-Fi, DNS, carrier, phone firmware, own
 * configuration, ...) is not a provider incident. Keywords match case-insensitively as whole
 * words; spaces in a keyword also match hyphens and underscores ({@code sip trunk} matches
 * {@code sip_trunk}). Areas are checked in table order, the first match wins.
 */
public final class CustomerResponsibility {

    /** The area a report falls into and the keyword that put it there. */
    public record Match(String area, String keyword) {

        /** The triage reason: names the area. */
        public String reason() {
            return "customer-responsibility: " + area + " (matched \"" + keyword + "\")";
        }
    }

    /** One area: a pattern of all its keywords (one search per area), and each keyword's own. */
    private record Area(String name, Pattern any, List<String> needles, List<String> keywords, List<Pattern> patterns) {
    }

    private final List<Area> areas = new ArrayList<>();

    public CustomerResponsibility(Map<String, List<String>> table) {
        table.forEach((area, words) -> {
            if (!words.isEmpty()) {
                List<String> expressions = words.stream().map(CustomerResponsibility::expression).toList();
                // the first word of each keyword, to skip the regular expressions cheaply
                List<String> needles = words.stream().map(w -> w.trim().toLowerCase(Locale.ROOT).split("[\\s_]+")[0]).toList();
                areas.add(new Area(area, compile(String.join("|", expressions)), needles, List.copyOf(words),
                        expressions.stream().map(CustomerResponsibility::compile).toList()));
            }
        });
    }

    /** The first area whose keyword occurs in the report's subject, description or tags. */
    public Optional<Match> match(String subject, String description, List<String> tags) {
        String text = String.join(" \n ", nonNull(subject), nonNull(description), String.join(" \n ", tags == null ? List.of() : tags));
        String lower = text.toLowerCase(Locale.ROOT);
        for (Area area : areas) {
            if (area.needles().stream().anyMatch(lower::contains) && area.any().matcher(text).find()) {
                for (int i = 0; i < area.keywords().size(); i++) {
                    if (area.patterns().get(i).matcher(text).find()) {
                        return Optional.of(new Match(area.name(), area.keywords().get(i)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A keyword as a whole-word expression; its spaces also match hyphens and underscores. */
    private static String expression(String keyword) {
        List<String> parts = new ArrayList<>();
        for (String part : keyword.trim().toLowerCase(Locale.ROOT).split("[\\s_]+")) {
            parts.add(Pattern.quote(part));
        }
        return "(?<![\\p{L}\\p{N}])" + String.join("[\\s_-]+", parts) + "(?![\\p{L}\\p{N}])";
    }

    private static Pattern compile(String expression) {
        return Pattern.compile("(?:" + expression + ")", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
