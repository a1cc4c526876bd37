package dev.tocsin.runtime.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How a setting appears in docs/CONFIGURATION.md, the one place defaults are documented: a row
 * {@code | `NAME` | `default` |} (or {@code (none)}), and for a renamed setting a row {@code | `FORMER` | `NAME` |}
 * in the table of former names. Every service's configuration test checks its settings against the file with it.
 */
public final class SettingDocs {

    private SettingDocs() {}

    /** The beginnings of the rows that document {@code setting}. */
    public static List<String> rows(Setting<?> setting) {
        String documentedDefault = setting.defaultValue() == null ? "(none)" : "`" + setting.defaultValue() + "`";
        List<String> rows = new ArrayList<>();
        rows.add("| `" + setting.env() + "` | " + documentedDefault + " |");
        if (setting.formerName() != null) {
            rows.add("| `" + setting.formerName().env() + "` | `" + setting.env() + "` |");
        }
        return rows;
    }

    /** The rows {@code docs} lacks for {@code settings}: empty when every setting is documented. */
    public static List<String> missing(String docs, Collection<? extends Setting<?>> settings) {
        return settings.stream()
                .flatMap(setting -> rows(setting).stream())
                .filter(row -> !docs.contains(row))
                .toList();
    }
}
