package dev.tocsin.runtime.kafka;

import dev.tocsin.runtime.config.CommonSettings;
import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.ServiceConfig;
import dev.tocsin.runtime.config.Setting;
import dev.tocsin.schemas.registry.SchemaRegistry;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment's topic step (the helm chart's pre-install/pre-upgrade Job): creates the catalog's missing topics
 * with the configured partitions, replication factor and {@code min.insync.replicas} (compacted where the catalog
 * says so), then refuses, exit 78, when any catalog topic has another partition count; optionally registers the
 * value schemas. Kafka and registry settings are those of every service.
 */
public final class TopicSetup {

    public static final Setting<Integer> PARTITIONS = Setting.integer(
            "TOCSIN_TOPICS_PARTITIONS",
            6,
            "partitions of every topic the topic setup creates, and the count it requires of existing ones");
    public static final Setting<Integer> REPLICATION_FACTOR = Setting.integer(
            "TOCSIN_TOPICS_REPLICATION_FACTOR", 3, "replication factor of every topic the topic setup creates");
    public static final Setting<Integer> MIN_INSYNC_REPLICAS = Setting.integer(
            "TOCSIN_TOPICS_MIN_INSYNC_REPLICAS", 2, "min.insync.replicas of every topic the topic setup creates");
    public static final Setting<Boolean> REGISTER_SCHEMAS = Setting.bool(
            "TOCSIN_TOPICS_REGISTER_SCHEMAS",
            false,
            "also register every topic's value schema, so services can run with TOCSIN_SCHEMA_REGISTRY_AUTO_REGISTER=false");

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {}

    public static List<Setting<?>> settings() {
        return List.of(PARTITIONS, REPLICATION_FACTOR, MIN_INSYNC_REPLICAS, REGISTER_SCHEMAS);
    }

    public static void main(String[] args) {
        try {
            List<String> created = run(Environment.system());
            LOG.info("Topics ready ({} created)", created.size());
        } catch (ConfigException e) {
            LOG.error("Topic setup refused: {}", e.getMessage());
            System.exit(78);
        } catch (RuntimeException e) {
            LOG.error("Topic setup failed", e);
            System.exit(1);
        }
        // a Job's container must end: no client thread may keep the JVM alive
        System.exit(0);
    }

    /** Creates missing topics and returns their names; throws {@link ConfigException} on a partition mismatch. */
    public static List<String> run(Environment env) {
        env.validate(settings());
        ServiceConfig config = ServiceConfig.from(env, "topics", 0);
        int partitions = env.get(PARTITIONS);
        // nothing is serialized here: the registry is only called to register schemas, when asked to
        SchemaRegistry registry = SchemaRegistry.connect(config.schemaRegistry());
        Topics topics = Topics.create(env.get(CommonSettings.TOPIC_PREFIX), new AvroSerdes(registry));
        try (Admin admin = Admin.create(config.kafkaProperties())) {
            List<String> created = TopicProvisioner.createTopics(
                    admin,
                    topics,
                    partitions,
                    env.get(REPLICATION_FACTOR).shortValue(),
                    Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(env.get(MIN_INSYNC_REPLICAS))));
            Map<String, Integer> mismatches = TopicProvisioner.partitionMismatches(admin, topics, partitions);
            if (!mismatches.isEmpty()) {
                throw new ConfigException("topics must have " + PARTITIONS.env() + "=" + partitions
                        + " partitions, found " + mismatches + "; changing a topic's partition count moves keys away "
                        + "from their state, see docs/DEPLOYING.md, \"Sizing\"");
            }
            if (env.get(REGISTER_SCHEMAS)) {
                LOG.info("Registered schemas {}", TopicProvisioner.registerSchemas(registry, topics));
            }
            return created;
        }
    }
}
