package dev.tocsin.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client settings the chart relies on, as the Kafka version we ship reads them: the JAAS line is a ${dir:...}
 * reference to a mounted Secret (never a value), and static membership is given to the Streams main consumer only.
 */
class KafkaHonoursTheChartsClientSettingsTest {

    @Test
    void theJaasLineIsReadFromTheMountedSecretFileByKafkasDirectoryConfigProvider(@TempDir Path mount)
            throws Exception {
        String jaas =
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"tocsin\" password=\"s3cret\";";
        Files.writeString(mount.resolve("sasl.jaas.config"), jaas);
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", "kafka:9093");
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", "SCRAM-SHA-512");
        properties.put("config.providers", "dir");
        properties.put("config.providers.dir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
        properties.put(
                "config.providers.dir.param.allowed.paths", mount.getParent().toString());
        properties.put("sasl.jaas.config", "${dir:" + mount + ":sasl.jaas.config}");

        AdminClientConfig config = new AdminClientConfig(properties);

        assertThat(config.getPassword(SaslConfigs.SASL_JAAS_CONFIG).value()).isEqualTo(jaas);
    }

    @Test
    void theMainConsumerPrefixGivesStaticMembershipToTheStreamsMainConsumerAlone() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("application.id", "tocsin-incident-correlator");
        properties.put("bootstrap.servers", "kafka:9093");
        properties.put("main.consumer.group.instance.id", "tocsin-incident-correlator-0");
        StreamsConfig config = new StreamsConfig(properties);

        assertThat(config.getMainConsumerConfigs("tocsin-incident-correlator", "client", 1))
                .containsEntry("group.instance.id", "tocsin-incident-correlator-0-1");
        assertThat(config.getRestoreConsumerConfigs("client")).doesNotContainKey("group.instance.id");
        assertThat(config.getGlobalConsumerConfigs("client")).doesNotContainKey("group.instance.id");
    }
}
