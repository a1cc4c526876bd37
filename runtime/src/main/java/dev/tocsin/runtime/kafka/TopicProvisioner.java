package dev.tocsin.runtime.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.serde.Subjects;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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

    private TopicProvisioner() {
    }

    /** Creates missing topics; returns the names it created. */
    public static List<String> createTopics(Admin admin, Topics topics, int partitions, short replicationFactor) {
        Set<String> existing;
        try {
            existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list topics: " + e.getMessage(), e);
        }
        List<NewTopic> missing = new ArrayList<>();
        for (Topic<?, ?> topic : topics.all()) {
            if (!existing.contains(topic.name())) {
                NewTopic newTopic = new NewTopic(topic.name(), partitions, replicationFactor);
                if (topic.compacted()) {
                    newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                }
                missing.add(newTopic);
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        try {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topics: " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topics: " + e, e);
        }
        List<String> created = missing.stream().map(NewTopic::name).toList();
        LOG.info("Created topics {}", created);
        return created;
    }

    /** Registers the value schema of every Avro topic; returns subject -> schema id. */
    public static Map<String, Integer> registerSchemas(SchemaRegistryClient registry, Topics topics) {
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
