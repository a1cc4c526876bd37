package dev.tocsin.publisher.web;

import dev.tocsin.publisher.domain.Messages;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Catalog texts prepared for markup: escaped, with HTML fragments (a {@code <time>} element, an already
 * escaped operator text) placed into a sentence template without escaping them twice. Sentences stay
 * whole templates in the catalog; this class never concatenates words.
 */
final class PageText {

    /** Placeholder markers from the Unicode private use area: they never occur in catalog texts. */
    private static final char OPEN = '\uE000';

    private static final char CLOSE = '\uE001';

    private final Messages messages;

    PageText(Messages messages) {
        this.messages = messages;
    }

    Messages messages() {
        return messages;
    }

    String language() {
        return messages.language();
    }

    /** A catalog text, escaped. */
    String text(String key) {
        return Markup.escape(messages.text(key));
    }

    /** A catalog template filled with plain (not yet escaped) arguments, escaped as a whole. */
    String format(String key, Object... args) {
        return Markup.escape(messages.format(key, args));
    }

    /**
     * A catalog template whose arguments are HTML fragments: the template text is escaped, the fragments
     * are inserted as they are (callers escape any dynamic text inside them).
     */
    String html(String key, String... fragments) {
        Object[] markers = new Object[fragments.length];
        for (int n = 0; n < fragments.length; n++) {
            markers[n] = OPEN + Integer.toString(n) + CLOSE;
        }
        String result = Markup.escape(messages.format(key, markers));
        for (int n = 0; n < fragments.length; n++) {
            result = result.replace((String) markers[n], fragments[n]);
        }
        return result;
    }

    /** A moment as plain text in the language's format, in UTC, e.g. "20 Mar 2026, 10:05 UTC". */
    String timeText(Instant at) {
        return messages.timeText(at);
    }

    /** A {@code <time>} element: localized text for people, ISO-8601 UTC for machines. */
    String time(Instant at) {
        return "<time datetime=\"" + iso(at) + "\">" + Markup.escape(timeText(at)) + "</time>";
    }

    /** A UTC day in the language's date format, e.g. "20 Mar 2026". */
    String day(LocalDate day) {
        return Markup.escape(
                DateTimeFormatter.ofPattern(messages.template("page.uptime.day.pattern"), messages.locale())
                        .format(day));
    }

    /** A calendar month in the language's format, e.g. "March 2026". */
    String month(YearMonth month) {
        return Markup.escape(
                DateTimeFormatter.ofPattern(messages.template("page.uptime.month.pattern"), messages.locale())
                        .format(month));
    }

    /**
     * An uptime figure with two decimals in the language's number format, rounded down (99.999 % of a
     * month with an outage never reads 100.00 %), or "no data" for null.
     */
    String percent(Double percent) {
        if (percent == null) {
            return text("page.uptime.no_data");
        }
        return format("page.uptime.percent", String.format(messages.locale(), "%.2f", Math.floor(percent * 100) / 100));
    }

    /** Display names joined with the language's list separator. */
    String list(List<String> names) {
        return String.join(messages.template("list.separator"), names);
    }

    /** RFC 3339 / ISO-8601 UTC, as {@code <time datetime>} and Atom dates want it. */
    static String iso(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at);
    }
}
