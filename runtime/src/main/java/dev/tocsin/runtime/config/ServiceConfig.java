package dev.tocsin.runtime.config;

import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The shared configuration of one service, resolved and validated once from the environment.
 *
 * @param service         service name, e.g. {@code alert-ingest}; used for ids, metrics and logs
 * @param local           whether this runs as the local stack (relaxed security defaults)
 * @param topicPrefix     prefix of every topic name
 * @param applicationId   Kafka Streams application id
 * @param stateDir        state store directory
 * @param httpHost        HTTP bind address
 * @param httpPort        HTTP port
 * @param shutdownTimeout graceful shutdown budget
 * @param schemaRegistry  schema registry client settings
 * @param kafka           Kafka client properties from {@code KAFKA_*} (bootstrap servers defaulted)
 * @param rocksDbMemoryBytes off-heap budget shared by the process's RocksDB stores
 */
public record ServiceConfig(
        String service,
        boolean local,
        String topicPrefix,
        String applicationId,
        Path stateDir,
        String httpHost,
        int httpPort,
        Duration shutdownTimeout,
        SchemaRegistryConfig schemaRegistry,
        Properties kafka,
        long rocksDbMemoryBytes) {

    /** Resolves the shared settings for {@code service}, whose HTTP port defaults to {@code defaultPort}. */
    public static ServiceConfig from(Environment env, String service, int defaultPort) {
        env.validate(CommonSettings.all());
        String mode = env.get(CommonSettings.ENVIRONMENT);
        if (!mode.equals("local") && !mode.equals("production")) {
            throw new ConfigException(CommonSettings.ENVIRONMENT.env() + "='" + mode + "' must be local or production");
        }
        Properties kafka = env.kafkaProperties();
        kafka.putIfAbsent("bootstrap.servers", CommonSettings.DEFAULT_BOOTSTRAP_SERVERS);
        return new ServiceConfig(
                service,
                mode.equals("local"),
                env.get(CommonSettings.TOPIC_PREFIX),
                env.optional(CommonSettings.APPLICATION_ID).orElse("tocsin-" + service),
                Path.of(env.get(CommonSettings.STATE_DIR)),
                env.get(CommonSettings.HTTP_HOST),
                env.get(CommonSettings.HTTP_PORT.withDefault(String.valueOf(defaultPort))),
                env.get(CommonSettings.SHUTDOWN_TIMEOUT),
                schemaRegistry(env),
                kafka,
                env.get(CommonSettings.ROCKSDB_MEMORY_MB) * 1024L * 1024L);
    }

    public String bootstrapServers() {
        return kafka.getProperty("bootstrap.servers");
    }

    /** A copy of the Kafka client properties, safe to extend. */
    public Properties kafkaProperties() {
        Properties copy = new Properties();
        copy.putAll(kafka);
        return copy;
    }

    /** Kafka properties are listed by name only: they may hold SASL or TLS secrets. */
    @Override
    public String toString() {
        return "ServiceConfig[service=" + service + ", local=" + local + ", topicPrefix=" + topicPrefix
                + ", applicationId=" + applicationId + ", stateDir=" + stateDir + ", http=" + httpHost + ":" + httpPort
                + ", shutdownTimeout=" + shutdownTimeout + ", schemaRegistry=" + schemaRegistry
                + ", bootstrapServers=" + bootstrapServers() + ", kafkaProperties="
                + new java.util.TreeSet<>(kafka.stringPropertyNames()) + "]";
    }

    private static SchemaRegistryConfig schemaRegistry(Environment env) {
        SchemaRegistryConfig config = SchemaRegistryConfig.of(env.get(CommonSettings.SCHEMA_REGISTRY_URL))
                .withTimeouts(Duration.ofSeconds(5), env.get(CommonSettings.SCHEMA_REGISTRY_TIMEOUT))
                .withRetries(env.get(CommonSettings.SCHEMA_REGISTRY_RETRIES), Duration.ofMillis(200))
                .withAutoRegister(env.get(CommonSettings.SCHEMA_REGISTRY_AUTO_REGISTER));
        var user = env.optional(CommonSettings.SCHEMA_REGISTRY_USER);
        if (user.isPresent()) {
            config = config.withBasicAuth(user.get(), env.get(CommonSettings.SCHEMA_REGISTRY_PASSWORD));
        }
        var token = env.optional(CommonSettings.SCHEMA_REGISTRY_BEARER_TOKEN);
        if (token.isPresent()) {
            config = config.withBearerToken(token.get());
        }
        var trustStore = env.optional(CommonSettings.SCHEMA_REGISTRY_TRUSTSTORE);
        if (trustStore.isPresent()) {
            config = config.withTrustStore(
                    Path.of(trustStore.get()),
                    env.optional(CommonSettings.SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD)
                            .orElse(null),
                    env.get(CommonSettings.SCHEMA_REGISTRY_TRUSTSTORE_TYPE));
        }
        return config;
    }
}
