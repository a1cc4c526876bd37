package dev.tocsin.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Defaults are documented in one place, docs/CONFIGURATION.md; this keeps it in step with the code. */
class ConfigurationDocsTest {

    @Test
    void everySharedSettingIsDocumentedWithItsDefault() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
        assertThat(SettingDocs.missing(docs, CommonSettings.all())).isEmpty();
    }
}
