package dev.tocsin.e2e.faults;

import java.util.List;

/**
 * One row of the fault table. {@code failures} names every broken promise; empty means PASS. A value
 * of -1 is a column that does not apply to the scenario (printed as {@code -}).
 */
record ScenarioResult(
        String scenario,
        int runs,
        long acknowledged,
        long inAlerts,
        long duplicates,
        long lost,
        long deadLettersExpected,
        long deadLettersActual,
        List<String> failures) {

    boolean passed() {
        return failures.isEmpty();
    }

    static String table(List<ScenarioResult> results) {
        StringBuilder out = new StringBuilder();
        String format = "| %-32s | %4s | %6s | %16s | %10s | %4s | %22s | %-6s |%n";
        out.append(String.format(
                format,
                "scenario",
                "runs",
                "acked",
                "in tocsin.alerts",
                "duplicates",
                "lost",
                "dead letters exp/act",
                "result"));
        out.append(String.format(
                format,
                "-".repeat(32),
                "-".repeat(4),
                "-".repeat(6),
                "-".repeat(16),
                "-".repeat(10),
                "-".repeat(4),
                "-".repeat(22),
                "-".repeat(6)));
        for (ScenarioResult r : results) {
            out.append(String.format(
                    format,
                    r.scenario(),
                    r.runs(),
                    cell(r.acknowledged()),
                    cell(r.inAlerts()),
                    cell(r.duplicates()),
                    cell(r.lost()),
                    cell(r.deadLettersExpected()) + "/" + cell(r.deadLettersActual()),
                    r.passed() ? "PASS" : "FAIL"));
        }
        for (ScenarioResult r : results) {
            r.failures()
                    .forEach(f -> out.append("  ")
                            .append(r.scenario())
                            .append(": ")
                            .append(f)
                            .append('\n'));
        }
        return out.toString();
    }

    private static String cell(long value) {
        return value < 0 ? "-" : String.valueOf(value);
    }
}
