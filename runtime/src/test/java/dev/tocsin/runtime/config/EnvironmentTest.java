package dev.tocsin.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void kafkaVariablesBecomeClientProperties() {
        Environment env = new Environment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "b1:9093,b2:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
                "KAFKA_NUM_STANDBY_REPLICAS", "1",
                "TOCSIN_TOPIC_PREFIX", "x."));

        assertThat(env.kafkaProperties())
                .containsEntry("bootstrap.servers", "b1:9093,b2:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("num.standby.replicas", "1")
                .containsKey("sasl.jaas.config")
                .doesNotContainKey("topic.prefix");
    }

    @Test
    void unsetSettingTakesItsDefault() {
        assertThat(new Environment(Map.of()).get(CommonSettings.TOPIC_PREFIX)).isEqualTo("tocsin.");
    }

    @Test
    void invalidValueFailsNamingTheVariable() {
        Environment env = new Environment(Map.of("TOCSIN_HTTP_PORT", "eighty"));
        assertThatThrownBy(() -> env.get(CommonSettings.HTTP_PORT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_HTTP_PORT")
                .hasMessageContaining("eighty");
    }

    @Test
    void validationReportsEveryProblemAtOnce() {
        Environment env = new Environment(Map.of(
                "TOCSIN_HTTP_PORT",
                "x",
                "TOCSIN_SHUTDOWN_TIMEOUT_MS",
                "soon",
                "TOCSIN_SCHEMA_REGISTRY_AUTO_REGISTER",
                "maybe"));
        assertThatThrownBy(() -> env.validate(CommonSettings.all()))
                .hasMessageContaining("TOCSIN_HTTP_PORT")
                .hasMessageContaining("TOCSIN_SHUTDOWN_TIMEOUT_MS")
                .hasMessageContaining("TOCSIN_SCHEMA_REGISTRY_AUTO_REGISTER");
    }

    @Test
    void secretsAreMaskedWhenConfigurationIsDescribed() {
        Environment env = new Environment(Map.of(
                "TOCSIN_SCHEMA_REGISTRY_PASSWORD", "hunter2",
                "KAFKA_SASL_JAAS_CONFIG", "... password=\"hunter3\";",
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", "hunter4"));
        String described = env.describe(CommonSettings.all()).toString();
        assertThat(described)
                .doesNotContain("hunter2")
                .doesNotContain("hunter3")
                .doesNotContain("hunter4")
                .contains("TOCSIN_SCHEMA_REGISTRY_PASSWORD=****");
    }

    @Test
    void secretParseErrorsDoNotEchoTheValue() {
        Setting<Integer> secretNumber = new Setting<>("TOCSIN_PIN", null, Integer::valueOf, true, "a secret number");
        Environment env = new Environment(Map.of("TOCSIN_PIN", "s3cr3t"));
        assertThatThrownBy(() -> env.get(secretNumber))
                .hasMessageContaining("TOCSIN_PIN")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void serviceConfigDefaultsBootstrapAndApplicationIdAndUsesTheServicePort() {
        ServiceConfig config =
                ServiceConfig.from(new Environment(Map.of("TOCSIN_ENV", "local")), "incident-correlator", 8082);
        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.applicationId()).isEqualTo("tocsin-incident-correlator");
        assertThat(config.httpPort()).isEqualTo(8082);
        assertThat(config.local()).isTrue();
    }

    @Test
    void unknownEnvironmentModeIsRejected() {
        assertThatThrownBy(() -> ServiceConfig.from(new Environment(Map.of("TOCSIN_ENV", "staging")), "x", 1))
                .hasMessageContaining("TOCSIN_ENV");
    }

    @Test
    void registryCredentialsFromTheEnvironmentReachTheClientConfig() {
        ServiceConfig config = ServiceConfig.from(
                new Environment(Map.of(
                        "TOCSIN_SCHEMA_REGISTRY_USER",
                        "svc",
                        "TOCSIN_SCHEMA_REGISTRY_PASSWORD",
                        "pw",
                        "TOCSIN_SCHEMA_REGISTRY_AUTO_REGISTER",
                        "false")),
                "x",
                1);
        assertThat(config.schemaRegistry().basicAuthUser()).contains("svc");
        assertThat(config.schemaRegistry().autoRegister()).isFalse();
        assertThat(config.toString()).doesNotContain("pw\"").doesNotContain("password=pw");
    }
}
