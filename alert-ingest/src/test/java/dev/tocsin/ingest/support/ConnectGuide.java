package dev.tocsin.ingest.support;

import dev.tocsin.embedded.peers.RealAlertmanager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The "Connect your sources" guide (docs/CONNECT.md) and its snippet files (docs/connect/): tests
 * configure real senders from these files, so what the guide tells an operator to copy is what was tested.
 * The placeholders below are the ones the snippet files use for what each installation fills in.
 */
public final class ConnectGuide {

    /** alert-ingest's address in the snippets. */
    public static final String INGEST_URL = RealAlertmanager.GUIDE_INGEST_URL;
    /** The file holding an alerts token, in the Alertmanager snippets. */
    public static final String ALERTS_TOKEN_FILE = RealAlertmanager.GUIDE_ALERTS_TOKEN_FILE;
    /** The file holding the operator token, in the amtool snippet. */
    public static final String OPERATOR_TOKEN_FILE = "/etc/tocsin/operator.token";

    /** A guide line naming the file whose content the fenced block after it quotes. */
    private static final Pattern SNIPPET =
            Pattern.compile("<!-- snippet: (\\S+) -->\\n```[a-z]*\\n(.*?)```\\n", Pattern.DOTALL);

    private ConnectGuide() {}

    /** The repository's docs folder, found from the module the tests run in. */
    public static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/CONNECT.md"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException(
                "docs/CONNECT.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The folder of snippet files. */
    public static Path snippets() {
        return docs().resolve("connect");
    }

    /** A snippet file's text. */
    public static String snippet(String name) {
        return read(snippets().resolve(name));
    }

    /** The guide's quoted blocks by the file they name (relative to docs/), in the guide's order. */
    public static Map<String, String> quotedBlocks() {
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher matcher = SNIPPET.matcher(read(docs().resolve("CONNECT.md")));
        while (matcher.find()) {
            blocks.put(matcher.group(1), matcher.group(2));
        }
        return blocks;
    }

    /** How many quotes the guide announces (each must be followed by its fenced block). */
    public static long announcedQuotes() {
        return read(docs().resolve("CONNECT.md"))
                .lines()
                .filter(l -> l.startsWith("<!-- snippet: "))
                .count();
    }

    /**
     * The text a quote names: a whole file, or with {@code #name} the lines between
     * {@code // snippet:name} and {@code // end-snippet} in it, without their common indentation.
     */
    public static String quoted(String reference) {
        int hash = reference.indexOf('#');
        if (hash < 0) {
            return read(docs().resolve(reference));
        }
        List<String> lines =
                read(docs().resolve(reference.substring(0, hash))).lines().toList();
        String start = "// snippet:" + reference.substring(hash + 1);
        int from = indexOfTrimmed(lines, start, 0);
        int to = indexOfTrimmed(lines, "// end-snippet", from);
        if (from < 0 || to < 0) {
            throw new IllegalStateException("no region '" + start + "' ... '// end-snippet' in " + reference);
        }
        List<String> region = lines.subList(from + 1, to);
        int indent = region.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        return region.stream()
                .map(l -> l.isBlank() ? "" : l.substring(indent))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Every file in docs/connect/, as the guide names it (relative to docs/). */
    public static List<String> snippetFiles() {
        try (Stream<Path> files = Files.list(snippets())) {
            return files.map(f -> "connect/" + f.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOfTrimmed(List<String> lines, String wanted, int from) {
        for (int i = Math.max(0, from); i < lines.size(); i++) {
            if (lines.get(i).trim().equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
