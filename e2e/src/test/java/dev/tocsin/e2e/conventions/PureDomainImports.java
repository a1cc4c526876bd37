package dev.tocsin.e2e.conventions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The convention that domain rules are pure Java: no source file under a {@code domain} package (nor the shared
 * rules in {@code dev.tocsin.schemas.rules}) imports Kafka or an HTTP framework. Finds the offending imports in a
 * source tree, so a test can fail with the file and line that broke it.
 */
final class PureDomainImports {

    /** Packages a domain rule must not see: the Kafka plumbing and the HTTP layer are thin wrappers around it. */
    static final List<String> FORBIDDEN = List.of("org.apache.kafka", "io.javalin", "org.eclipse.jetty");

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)");

    private PureDomainImports() {}

    /** Every forbidden import in a domain source file below {@code root}, as "path:line: import". */
    static List<String> violations(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(PureDomainImports::isDomainSource)
                    .flatMap(file -> violationsIn(root, file).stream())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isDomainSource(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.endsWith(".java")
                && path.contains("/src/main/java/")
                && (path.contains("/domain/") || path.contains("/dev/tocsin/schemas/rules/"));
    }

    private static List<String> violationsIn(Path root, Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<String> found = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                Matcher matcher = IMPORT.matcher(lines.get(i));
                if (matcher.find() && isForbidden(matcher.group(1))) {
                    found.add(root.relativize(file) + ":" + (i + 1) + ": "
                            + lines.get(i).trim());
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isForbidden(String imported) {
        return FORBIDDEN.stream().anyMatch(prefix -> imported.equals(prefix) || imported.startsWith(prefix + "."));
    }
}
