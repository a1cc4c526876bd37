package dev.tocsin.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingDocsTest {

    private static final Setting<Integer> SIZE = Setting.integer("TOCSIN_X_SIZE", 8, "size");
    private static final Setting<String> TOKEN = Setting.secret("TOCSIN_X_TOKEN", "token");
    private static final Setting<java.time.Duration> TIMEOUT =
            Setting.duration("TOCSIN_X_TIMEOUT", "5s", "timeout").formerly("TOCSIN_X_TIMEOUT_MS", ChronoUnit.MILLIS);

    @Test
    void aDocumentedSettingHasItsNameAndDefaultOrNoneAndARenamedOneItsFormerName() {
        String docs = """
                | `TOCSIN_X_SIZE` | `8` | size |
                | `TOCSIN_X_TOKEN` | (none) | token |
                | `TOCSIN_X_TIMEOUT` | `5s` | timeout |
                | `TOCSIN_X_TIMEOUT_MS` | `TOCSIN_X_TIMEOUT` | milliseconds |
                """;

        assertThat(SettingDocs.missing(docs, List.of(SIZE, TOKEN, TIMEOUT))).isEmpty();
    }

    @Test
    void aWrongDefaultAndAnUndocumentedFormerNameAreReportedAsTheirMissingRows() {
        String docs = """
                | `TOCSIN_X_SIZE` | `16` | size |
                | `TOCSIN_X_TIMEOUT` | `5s` | timeout |
                """;

        assertThat(SettingDocs.missing(docs, List.of(SIZE, TOKEN, TIMEOUT)))
                .containsExactly(
                        "| `TOCSIN_X_SIZE` | `8` |",
                        "| `TOCSIN_X_TOKEN` | (none) |",
                        "| `TOCSIN_X_TIMEOUT_MS` | `TOCSIN_X_TIMEOUT` |");
    }
}
