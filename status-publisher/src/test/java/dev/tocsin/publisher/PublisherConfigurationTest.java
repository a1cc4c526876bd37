package dev.tocsin.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.publisher.delivery.WebhookSettings;
import dev.tocsin.publisher.topology.PageOptions;
import dev.tocsin.publisher.zendesk.ZendeskSettings;
import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.Setting;
import dev.tocsin.runtime.config.SettingDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublisherConfigurationTest {

    @Test
    void everyPublisherSettingIsDocumentedWithItsDefault() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
        List<Setting<?>> settings = new ArrayList<>(PublisherSettings.all());
        settings.addAll(WebhookSettings.all());
        settings.addAll(ZendeskSettings.all());
        settings.addAll(dev.tocsin.publisher.delivery.EmailSettings.all());
        assertThat(SettingDocs.missing(docs, settings)).isEmpty();
    }

    @Test
    void componentsKeepTheirOrderAndDisplayNames() {
        PageOptions options = PublisherSettings.pageOptions(
                new Environment(Map.of("TOCSIN_PUBLISHER_COMPONENTS", "voice=Voice & Video, chat ,guide=Help Center")));

        assertThat(options.catalog().products()).containsExactly("voice", "chat", "guide");
        assertThat(options.catalog().displayName("voice")).isEqualTo("Voice & Video");
        assertThat(options.catalog().displayName("chat")).isEqualTo("Chat");
    }

    @Test
    void componentGroupsKeepTheirOrderAndMembers() {
        PageOptions options = PublisherSettings.pageOptions(new Environment(Map.of(
                "TOCSIN_PUBLISHER_COMPONENTS", "chat=Chat,voice=Voice,guide=Guide",
                "TOCSIN_PUBLISHER_COMPONENT_GROUPS", "Conversations=chat,voice; Self-service=guide")));

        assertThat(options.catalog().groups()).containsExactly("Conversations", "Self-service");
        assertThat(options.catalog().productsOf("Conversations")).containsExactly("chat", "voice");
        assertThat(options.catalog().groupOf("guide")).hasValue("Self-service");
    }

    @Test
    void productionRefusesToStartWithoutPublicComponents() {
        Environment env = new Environment(Map.of("TOCSIN_ENV", "production", "TOCSIN_HTTP_PORT", "0"));

        assertThatThrownBy(() -> PublisherService.start(env, () -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_PUBLISHER_COMPONENTS");
    }

    @Test
    void localRunsWithoutComponentsShowNoComponents() {
        PageOptions options = PublisherSettings.pageOptions(new Environment(Map.of("TOCSIN_ENV", "local")));

        assertThat(options.catalog().products()).isEmpty();
        assertThat(options.publicProducts().isPublic("chat")).isFalse();
    }

    @Test
    void theUnclassifiedProductCannotBeAPublicComponent() {
        assertThatThrownBy(() -> PublisherSettings.pageOptions(
                        new Environment(Map.of("TOCSIN_PUBLISHER_COMPONENTS", "chat=Chat,unclassified=Other"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_PUBLISHER_COMPONENTS")
                .hasMessageContaining("unclassified");
    }

    @Test
    void badSettingsAreAllReportedBeforeAnythingStarts() {
        Environment env = new Environment(Map.of(
                "TOCSIN_HTTP_PORT",
                "0",
                "TOCSIN_PUBLISHER_COMPONENTS",
                "chat=Chat,no spaces=Nope",
                "TOCSIN_PUBLISHER_OPERATIONS_CHANNEL",
                "pigeon",
                "TOCSIN_PUBLISHER_HISTORY",
                "many",
                "TOCSIN_PUBLISHER_COMPONENT_GROUPS",
                "no products here"));

        assertThatThrownBy(() -> PublisherService.start(env, () -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_PUBLISHER_COMPONENTS")
                .hasMessageContaining("TOCSIN_PUBLISHER_OPERATIONS_CHANNEL")
                .hasMessageContaining("TOCSIN_PUBLISHER_HISTORY")
                .hasMessageContaining("TOCSIN_PUBLISHER_COMPONENT_GROUPS");
    }
}
