package dev.tocsin.runtime.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Describes topics, giving ones created a moment ago time to reach the broker's metadata: a create is acknowledged
 * when the controller has committed it, and a broker may still answer "unknown topic" for a short while after
 * (the topic Job creates topics right before the services check them).
 */
final class TopicDescriptions {

    private static final long PATIENCE_MS = 5_000;
    private static final long PAUSE_MS = 250;

    private TopicDescriptions() {}

    /** @throws ExecutionException with {@link UnknownTopicOrPartitionException} when a topic is still unknown after the patience */
    static Map<String, TopicDescription> describe(Admin admin, Collection<String> names, long timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        long giveUpAt = System.currentTimeMillis() + PATIENCE_MS;
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                        || System.currentTimeMillis() >= giveUpAt) {
                    throw e;
                }
            }
            Thread.sleep(PAUSE_MS);
        }
    }
}
