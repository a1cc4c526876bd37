package dev.tocsin.runtime.kafka;

import dev.tocsin.schemas.registry.SchemaRegistry;
import dev.tocsin.schemas.serde.Subjects;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalog's topics (compacted where the catalog says so) and registers their value
 * schemas. Idempotent: existing topics and schemas are left as they are, so every start of the
 * local stack, and a deployment's init job, can run it.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {}

    /** Creates missing topics; returns the names it created. */
    public static List<String> createTopics(Admin admin, Topics topics, int partitions, short replicationFactor) {
        return createTopics(admin, topics, partitions, replicationFactor, Map.of());
    }

    /**
     * Creates missing topics with {@code configs} (e.g. {@code min.insync.replicas}) on each, plus compaction and
     * retention where the catalog says so; returns the names it created.
     */
    public static List<String> createTopics(
            Admin admin, Topics topics, int partitions, short replicationFactor, Map<String, String> configs) {
        Set<String> existing;
        try {
            existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list topics: " + e.getMessage(), e);
        }
        List<NewTopic> missing = new ArrayList<>();
        for (Topic<?, ?> topic : topics.all()) {
            if (!existing.contains(topic.name())) {
                Map<String, String> topicConfigs = new LinkedHashMap<>(configs);
                if (topic.compacted()) {
                    // compacted with a retention of its own: the latest value per key, and nothing older than the
                    // retention
                    topicConfigs.put(
                            TopicConfig.CLEANUP_POLICY_CONFIG,
                            topic.retention().isPresent()
                                    ? TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE
                                    : TopicConfig.CLEANUP_POLICY_COMPACT);
                }
                topic.retention()
                        .ifPresent(retention -> topicConfigs.put(
                                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis())));
                missing.add(new NewTopic(topic.name(), partitions, replicationFactor).configs(topicConfigs));
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        try {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "Cannot create topics: " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topics: " + e, e);
        }
        List<String> created = missing.stream().map(NewTopic::name).toList();
        LOG.info("Created topics {}", created);
        return created;
    }

    /**
     * Catalog topics whose partition count is not {@code partitions} (name -> count found): a key's records and the
     * state built from them live on the partition its hash picks, so a different count moves keys away from it.
     */
    public static Map<String, Integer> partitionMismatches(Admin admin, Topics topics, int partitions) {
        List<String> names = topics.all().stream().<String>map(Topic::name).toList();
        Map<String, TopicDescription> found;
        try {
            found = TopicDescriptions.describe(admin, names, 30_000);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Cannot describe topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Cannot describe topics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing topics", e);
        }
        Map<String, Integer> mismatches = new TreeMap<>();
        found.forEach((name, description) -> {
            if (description.partitions().size() != partitions) {
                mismatches.put(name, description.partitions().size());
            }
        });
        return mismatches;
    }

    /** Registers the value schema of every Avro topic; returns subject -> schema id. */
    public static Map<String, Integer> registerSchemas(SchemaRegistry registry, Topics topics) {
        return idsOfValueSchemas(topics, registry::register);
    }

    /** Subject -> id of every Avro topic's value schema, as {@code idOf(subject, schema)} gives it. */
    static Map<String, Integer> idsOfValueSchemas(Topics topics, BiFunction<String, Schema, Integer> idOf) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Topic<?, ?> topic : topics.all()) {
            topic.valueSchema().ifPresent(schema -> {
                String subject = Subjects.valueSubject(topic.name());
                ids.put(subject, idOf.apply(subject, schema));
            });
        }
        return ids;
    }
}
