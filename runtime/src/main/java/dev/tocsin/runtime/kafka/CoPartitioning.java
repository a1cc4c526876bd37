package dev.tocsin.runtime.kafka;

import dev.tocsin.runtime.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Refuses to start a service whose merged inputs have different partition counts: records of one
 * key (a product) would reach different tasks, and state partitioned by that key would silently
 * split. Checked before processing starts, so the operator sees the mismatch at deploy time.
 */
public final class CoPartitioning {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CoPartitioning() {}

    /**
     * @throws ConfigException naming every topic and its partition count when they differ or a topic is missing
     */
    public static int require(Properties kafka, List<String> topics) {
        try (Admin admin = Admin.create(kafka)) {
            return require(admin, topics);
        }
    }

    public static int require(Admin admin, List<String> topics) {
        Map<String, TopicDescription> found;
        try {
            found = TopicDescriptions.describe(admin, topics, TIMEOUT.toMillis());
        } catch (ExecutionException e) {
            throw new ConfigException("cannot describe input topics " + topics + ": "
                    + e.getCause().getMessage() + " (create them first, with one partition count)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topics, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe " + topics + " within " + TIMEOUT, e);
        }
        Map<String, Integer> counts = new TreeMap<>();
        found.forEach(
                (name, description) -> counts.put(name, description.partitions().size()));
        if (counts.values().stream().distinct().count() > 1) {
            throw new ConfigException("input topics must have the same partition count, so every record of a product "
                    + "reaches the task that owns it; found " + counts);
        }
        return counts.values().iterator().next();
    }
}
