package dev.tocsin.publisher.http;

import dev.tocsin.avro.ComponentDay;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.publisher.topology.PublisherStores;
import dev.tocsin.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every instance's own copy of the page's inputs, so any instance answers without the page's owner.
 *
 * <p>The page task keeps its incidents and windows in two stores whose changelogs are compacted,
 * one-partition topics ({@code <application id>-<store>-changelog}): exactly "the page's public
 * state, published by the owner". This reader follows both from the beginning with
 * {@code read_committed} (aborted transactions never show) and hands every committed change to the
 * {@link PageFeed}, from which {@link RenderedPages} renders once per change. It also follows every
 * partition of the components' daily uptime topic (tocsin.component-daily, written by the page task in
 * the same transactions). The page is served once the reader has caught up with all of them; until
 * then the API answers 503.
 */
public final class PageReplica implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PageReplica.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicPartition incidentsTopic;
    private final TopicPartition windowsTopic;
    private final Deserializer<Incident> incidentReader;
    private final Deserializer<MaintenanceWindow> windowReader;
    private final String dailyTopic;
    private final Deserializer<ComponentDay> dayReader;
    private final PageFeed feed;
    private final Map<String, Incident> incidents = new TreeMap<>();
    private final Map<String, MaintenanceWindow> windows = new TreeMap<>();
    private final Map<String, ComponentDay> days = new TreeMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private PageReplica(
            Properties kafka,
            String applicationId,
            Deserializer<Incident> incidentReader,
            Deserializer<MaintenanceWindow> windowReader,
            String dailyTopic,
            Deserializer<ComponentDay> dayReader,
            PageFeed feed) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // never create a changelog by asking for it: Kafka Streams creates it compacted
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, applicationId + "-page-replica");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(
                props, new org.apache.kafka.common.serialization.StringDeserializer(), new ByteArrayDeserializer());
        this.incidentsTopic = new TopicPartition(changelog(applicationId, PublisherStores.INCIDENTS), 0);
        this.windowsTopic = new TopicPartition(changelog(applicationId, PublisherStores.MAINTENANCE), 0);
        this.incidentReader = incidentReader;
        this.windowReader = windowReader;
        this.dailyTopic = dailyTopic;
        this.dayReader = dayReader;
        this.feed = feed;
        this.thread = new Thread(this::run, applicationId + "-page-replica");
        this.thread.setDaemon(true);
    }

    public static PageReplica start(
            Properties kafka,
            String applicationId,
            Deserializer<Incident> incidentReader,
            Deserializer<MaintenanceWindow> windowReader,
            String dailyTopic,
            Deserializer<ComponentDay> dayReader,
            PageFeed feed) {
        PageReplica replica =
                new PageReplica(kafka, applicationId, incidentReader, windowReader, dailyTopic, dayReader, feed);
        replica.thread.start();
        return replica;
    }

    /** The changelog topic Kafka Streams keeps for a store. */
    static String changelog(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    private void run() {
        try {
            awaitTopics();
            Set<TopicPartition> all = new HashSet<>(Set.of(incidentsTopic, windowsTopic));
            consumer.partitionsFor(dailyTopic).forEach(p -> all.add(new TopicPartition(dailyTopic, p.partition())));
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> caughtUpAt = consumer.endOffsets(all);
            boolean caughtUp = false;
            while (running) {
                boolean changed = false;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                    changed = true;
                }
                if (!caughtUp) {
                    caughtUp = all.stream().allMatch(p -> consumer.position(p) >= caughtUpAt.get(p));
                    changed = caughtUp;
                }
                if (changed) {
                    forgetExpiredDays();
                }
                if (changed && caughtUp) {
                    feed.publish(new PageFeed.Inputs(
                            List.copyOf(incidents.values()),
                            List.copyOf(windows.values()),
                            List.copyOf(days.values())));
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("The page replica stopped; this instance answers 503 for the status page", e);
            feed.withdraw();
        } finally {
            consumer.close();
        }
    }

    /** Days past the topic's retention are never shown: dropped, since their deletion sends no tombstone. */
    private void forgetExpiredDays() {
        String oldest = java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .minusDays(Topics.COMPONENT_DAILY_RETENTION.toDays())
                .toString();
        days.values().removeIf(day -> day.getDay().compareTo(oldest) < 0);
    }

    /** Kafka Streams creates the changelogs when the page task is first assigned. */
    private void awaitTopics() throws InterruptedException {
        while (running
                && (consumer.partitionsFor(incidentsTopic.topic()).isEmpty()
                        || consumer.partitionsFor(windowsTopic.topic()).isEmpty()
                        || consumer.partitionsFor(dailyTopic).isEmpty())) {
            Thread.sleep(200);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.topic().equals(dailyTopic)) {
            if (record.value() == null) {
                days.remove(record.key());
            } else {
                days.put(record.key(), dayReader.deserialize(record.topic(), record.value()));
            }
            return;
        }
        boolean incident = record.topic().equals(incidentsTopic.topic());
        if (record.value() == null) {
            (incident ? incidents : windows).remove(record.key());
        } else if (incident) {
            incidents.put(record.key(), incidentReader.deserialize(record.topic(), record.value()));
        } else {
            windows.put(record.key(), windowReader.deserialize(record.topic(), record.value()));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
