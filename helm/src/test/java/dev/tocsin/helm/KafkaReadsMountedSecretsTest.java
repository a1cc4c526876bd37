package dev.tocsin.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart never puts a credential into a value: KAFKA_SASL_JAAS_CONFIG is a ${dir:...} reference to a mounted
 * Secret. This pins that the Kafka client we ship resolves it from the file, with the providers the chart sets.
 */
class KafkaReadsMountedSecretsTest {

    @Test
    void theJaasLineIsReadFromTheMountedSecretFileByKafkasDirectoryConfigProvider(@TempDir Path mount) throws Exception {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"tocsin\" password=\"s3cret\";";
        Files.writeString(mount.resolve("sasl.jaas.config"), jaas);
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", "kafka:9093");
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", "SCRAM-SHA-512");
        properties.put("config.providers", "dir");
        properties.put("config.providers.dir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
        properties.put("config.providers.dir.param.allowed.paths", mount.getParent().toString());
        properties.put("sasl.jaas.config", "${dir:" + mount + ":sasl.jaas.config}");

        AdminClientConfig config = new AdminClientConfig(properties);

        assertThat(config.getPassword(SaslConfigs.SASL_JAAS_CONFIG).value()).isEqualTo(jaas);
    }
}
