package dev.tocsin.e2e.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Apache Bench ({@code ab -k -c 16}), the page benchmark the figures were taken with. */
final class Ab {

    private Ab() {}

    record Result(double requestsPerSecond, double p99Millis, long failed, long documentBytes) {}

    static Result run(String url, int requests) throws IOException, InterruptedException {
        Process ab = new ProcessBuilder("ab", "-q", "-k", "-c", "16", "-n", String.valueOf(requests), url)
                .redirectErrorStream(true)
                .start();
        String out = new String(ab.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (ab.waitFor() != 0) {
            throw new IllegalStateException("ab failed on " + url + ":\n" + out);
        }
        return new Result(
                number(out, "Requests per second:\\s+([\\d.]+)"),
                number(out, "\\n\\s+99%\\s+(\\d+)"),
                (long) number(out, "Failed requests:\\s+(\\d+)") + (long) optional(out, "Non-2xx responses:\\s+(\\d+)"),
                (long) number(out, "Document Length:\\s+(\\d+)"));
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in ab's output:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double optional(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
