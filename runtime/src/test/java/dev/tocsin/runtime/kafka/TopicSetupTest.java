package dev.tocsin.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.avro.Incident;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.Setting;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicSetupTest {

    private static Environment env(String prefix, int partitions) {
        return new Environment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                SharedTestStack.bootstrapServers(),
                "TOCSIN_TOPIC_PREFIX",
                prefix,
                "TOCSIN_TOPICS_PARTITIONS",
                String.valueOf(partitions),
                "TOCSIN_TOPICS_REPLICATION_FACTOR",
                "1",
                "TOCSIN_TOPICS_MIN_INSYNC_REPLICAS",
                "1"));
    }

    private static String freshPrefix() {
        return "setup-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    @Test
    void missingTopicsAreCreatedWithMinInsyncReplicasAndCatalogCompactionAndRetentionAndARerunCreatesNothing()
            throws Exception {
        String prefix = freshPrefix();

        List<String> created = TopicSetup.run(env(prefix, 2));

        assertThat(created).contains(prefix + "alerts", prefix + "incidents");
        assertThat(TopicSetup.run(env(prefix, 2))).isEmpty();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()))) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                            new ConfigResource(ConfigResource.Type.TOPIC, prefix + "incidents"),
                            new ConfigResource(ConfigResource.Type.TOPIC, prefix + "alerts")))
                    .all()
                    .get();
            Config incidents = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, prefix + "incidents"));
            Config alerts = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, prefix + "alerts"));
            assertThat(incidents.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value())
                    .isEqualTo("1");
            assertThat(incidents.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
            assertThat(alerts.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
            Config retries = admin.describeConfigs(
                            List.of(new ConfigResource(ConfigResource.Type.TOPIC, prefix + "webhook-retries")))
                    .all()
                    .get()
                    .values()
                    .iterator()
                    .next();
            assertThat(retries.get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .as("the catalog's retention")
                    .isEqualTo(String.valueOf(Topics.WEBHOOK_RETRY_RETENTION.toMillis()));
            Config daily = admin.describeConfigs(
                            List.of(new ConfigResource(ConfigResource.Type.TOPIC, prefix + "component-daily")))
                    .all()
                    .get()
                    .values()
                    .iterator()
                    .next();
            assertThat(daily.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .as("compacted, and deleted after its retention")
                    .isEqualTo("compact,delete");
            assertThat(daily.get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo(String.valueOf(Topics.COMPONENT_DAILY_RETENTION.toMillis()));
            assertThat(admin.describeTopics(List.of(prefix + "alerts"))
                            .allTopicNames()
                            .get()
                            .get(prefix + "alerts")
                            .partitions())
                    .hasSize(2);
        }
    }

    @Test
    void anExistingTopicWithAnotherPartitionCountIsRefusedNamingItsCount() throws Exception {
        String prefix = freshPrefix();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(prefix + "alerts", 1, (short) 1)))
                    .all()
                    .get();
        }

        assertThatThrownBy(() -> TopicSetup.run(env(prefix, 2)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(prefix + "alerts=1")
                .hasMessageContaining("TOCSIN_TOPICS_PARTITIONS=2");
    }

    @Test
    void valueSchemasAreRegisteredWhenAskedSoServicesCanRunWithoutAutoRegistration() {
        String prefix = freshPrefix();
        Map<String, String> variables = new HashMap<>(env(prefix, 1).variables());
        variables.put("TOCSIN_TOPICS_REGISTER_SCHEMAS", "true");
        variables.put("TOCSIN_SCHEMA_REGISTRY_URL", SharedTestStack.registryUrl());

        TopicSetup.run(new Environment(variables));

        SchemaRegistryClient lookupOnly = new SchemaRegistryClient(
                SchemaRegistryConfig.of(SharedTestStack.registryUrl()).withAutoRegister(false));
        assertThat(lookupOnly.subjects()).contains(prefix + "incidents-value", prefix + "alerts-value");
        assertThat(lookupOnly.idFor(prefix + "incidents-value", AvroSerdes.schemaOf(Incident.class)))
                .isPositive();
    }

    @Test
    void topicSetupSettingsAreDocumentedWithTheirDefaults() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
        for (Setting<?> setting : TopicSetup.settings()) {
            assertThat(docs)
                    .as(setting.env())
                    .contains("| `" + setting.env() + "` | `" + setting.defaultValue() + "` |");
        }
    }
}
