package dev.tocsin.ingest.domain;

import dev.tocsin.avro.Signal;
import dev.tocsin.runtime.text.BoundedMemo;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an alert measures: from an explicit {@code signal} label, else inferred from the alert name
 * and summary by keyword. Symptoms customers see come before causes, so the table is tried in this
 * order: availability (down, unavailable, probe failed, no data), latency (latency, slow, p99),
 * error rate (error, 5xx, failure), traffic volume (traffic, volume, rate change), saturation (cpu,
 * memory, disk, queue); anything else is {@link Signal#OTHER}.
 */
public final class SignalInference {

    private record Rule(Signal signal, Pattern pattern) {}

    private static final List<Rule> RULES = List.of(
            rule(
                    Signal.AVAILABILITY,
                    "\\bdown\\b|\\bdowntime\\b|\\bunavailable\\b|\\bunreachable\\b|\\boutage\\b"
                            + "|\\bprobe (failed|failure|failing|fails?)\\b|\\bdead\\b|\\bno ?data\\b|\\babsent\\b"
                            + "|\\bnot responding\\b|\\boffline\\b|\\bconnect(ion)? (fail|fails|failed|failure|refused)\\b"
                            + "|\\bfail(s|ed)? (to )?connect\\b|\\bhealth ?check (failed|failing|failure)\\b"),
            rule(
                    Signal.LATENCY,
                    "\\blatency\\b|\\bslow\\w*|\\bp9\\d\\b|\\bp99\\d*\\b|\\bresponse times?\\b"
                            + "|\\btime ?outs?\\b|\\btimed out\\b"),
            rule(
                    Signal.ERROR_RATE,
                    "\\berrors?\\b|5xx\\b|\\b5\\d\\ds\\b|\\bfail(s|ed|ure|ures|ing)?\\b|\\bexceptions?\\b"),
            rule(
                    Signal.TRAFFIC_VOLUME,
                    "\\btraffic\\b|\\bvolume\\b|\\brate change\\b|\\bthroughput\\b|\\bqps\\b|\\brps\\b"
                            + "|\\brequests? per\\b|\\brequest rate\\b"),
            rule(
                    Signal.SATURATION,
                    "\\bcpu\\b|\\bmemory\\b|\\bmem\\b|\\bdisk\\b|\\bqueues?\\b|\\bsaturat\\w*|\\bload\\b"
                            + "|\\bheap\\b|\\boom\\b|\\bswap\\b|\\bfile ?descriptors?\\b|\\binodes?\\b|\\bthrottl\\w*"));

    private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z])(?=[A-Z])");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Separates the texts of one inference in its memo key. */
    private static final String TEXT_SEPARATOR = "\u0000";

    static final int INFERRED_MAX = 4096;
    /**
     * Inferences already made, by their texts: a storm repeats a handful of alert names and
     * summaries thousands of times, and the keyword scan was the largest item of ingest's profile.
     */
    private static final BoundedMemo<Signal> INFERRED =
            new BoundedMemo<>(INFERRED_MAX, key -> scan(key.split(TEXT_SEPARATOR, -1)));

    private SignalInference() {}

    /**
     * The signal of an alert: the {@code signal} label when it names a known signal, else inferred
     * from the given texts (alert name, summary).
     */
    public static Signal of(String signalLabel, String... texts) {
        return parse(signalLabel).orElseGet(() -> infer(texts));
    }

    /** A signal named explicitly ({@code latency}, {@code error_rate}, {@code error-rate}, any case), if it is one. */
    public static Optional<Signal> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String name = NON_WORD.matcher(text.trim()).replaceAll("_").toUpperCase(Locale.ROOT);
        for (Signal signal : Signal.values()) {
            if (signal.name().equals(name)) {
                return Optional.of(signal);
            }
        }
        return Optional.empty();
    }

    /** Infers the signal from free texts by keyword; camelCase and snake_case words are split first. */
    public static Signal infer(String... texts) {
        return INFERRED.apply(String.join(
                TEXT_SEPARATOR,
                Arrays.stream(texts).map(t -> t == null ? "" : t).toList()));
    }

    private static Signal scan(String... texts) {
        StringBuilder words = new StringBuilder(" ");
        for (String text : texts) {
            if (text != null) {
                words.append(normalize(text)).append(' ');
            }
        }
        String haystack = words.toString();
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(haystack).find()) {
                return rule.signal();
            }
        }
        return Signal.OTHER;
    }

    private static String normalize(String text) {
        String split = CAMEL_HUMP.matcher(text).replaceAll(" ");
        return NON_WORD.matcher(split).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    private static Rule rule(Signal signal, String regex) {
        return new Rule(signal, Pattern.compile(regex));
    }
}
