package dev.tocsin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.SettingDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleConfigurationTest {

    @Test
    void everyConsoleSettingIsDocumentedWithItsDefault() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
        assertThat(SettingDocs.missing(docs, ConsoleSettings.all())).isEmpty();
    }

    @Test
    void productionRefusesToStartWithoutLoginsOrUpstreamTokens() {
        Map<String, String> production = Map.of("TOCSIN_ENV", "production", "TOCSIN_CONSOLE_OPERATOR_USERS", "ops:pw");
        assertThatThrownBy(() -> ConsoleService.start(new Environment(production), () -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_CONSOLE_CORRELATOR_TOKEN");
        assertThatThrownBy(() -> ConsoleService.start(new Environment(Map.of("TOCSIN_ENV", "production")), () -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_CONSOLE_OPERATOR_USERS");
    }
}
