package dev.tocsin.console.live;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.Silence;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.WithheldNotification;
import dev.tocsin.runtime.http.HealthCheck;
import dev.tocsin.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's own read of the topics no API answers: one consumer, partitions assigned (no
 * group, no committed offsets), {@code read_committed}, from the beginning, into bounded in-memory
 * views. Alerts are read by key and decoded only when the key is the unclassified product, so a
 * storm costs a key comparison per alert; dead letters are decoded only when they hold a
 * notification. Ready once every partition is caught up to where it was
 * at start.
 */
public final class LiveViews implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveViews.class);
    private static final Duration POLL = Duration.ofMillis(200);

    public final IncidentBoard incidents;
    public final CommandOutcomes outcomes;
    public final Recent<Notification> notifications;
    public final TicketHistory tickets;
    public final Keyed<MaintenanceWindow> maintenance;
    public final Keyed<Silence> silences;
    public final Recent<MonitoringAlert> unclassifiedAlerts;
    public final Recent<Undelivered> undelivered;
    public final Recent<WithheldNotification> withheld;

    private final Topics topics;
    private final Deserializer<Incident> incidentReader;
    private final Deserializer<IncidentEvent> eventReader;
    private final Deserializer<Notification> notificationReader;
    private final Deserializer<WithheldNotification> withheldReader;
    private final Deserializer<TicketUpdate> ticketReader;
    private final Deserializer<MaintenanceWindow> windowReader;
    private final Deserializer<Silence> silenceReader;
    private final Deserializer<MonitoringAlert> alertReader;
    private final String unclassifiedProduct;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private volatile boolean running = true;
    private volatile String failure;

    public LiveViews(
            Properties kafka,
            String clientId,
            Topics topics,
            String unclassifiedProduct,
            int limit,
            MeterRegistry registry) {
        this.topics = topics;
        this.incidentReader = topics.incidents().valueSerde().deserializer();
        this.eventReader = topics.incidentEvents().valueSerde().deserializer();
        this.notificationReader = topics.notifications().valueSerde().deserializer();
        this.withheldReader = topics.notificationsWithheld().valueSerde().deserializer();
        this.ticketReader = topics.ticketUpdates().valueSerde().deserializer();
        this.windowReader = topics.maintenanceWindows().valueSerde().deserializer();
        this.silenceReader = topics.silences().valueSerde().deserializer();
        this.alertReader = topics.alerts().valueSerde().deserializer();
        this.unclassifiedProduct = unclassifiedProduct;
        this.incidents = new IncidentBoard(limit);
        this.outcomes = new CommandOutcomes(limit);
        this.notifications = new Recent<>(limit);
        this.tickets = new TicketHistory(limit);
        this.maintenance = new Keyed<>(limit);
        this.silences = new Keyed<>(limit);
        this.unclassifiedAlerts = new Recent<>(limit);
        this.undelivered = new Recent<>(limit);
        this.withheld = new Recent<>(limit);
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, clientId);
        this.thread.setDaemon(true);
        registry.gauge(
                "tocsin_console_incidents_viewed",
                incidents,
                board -> board.all().size());
        registry.gauge("tocsin_console_views_caught_up", caughtUp, flag -> flag.get() ? 1 : 0);
    }

    public LiveViews start() {
        thread.start();
        return this;
    }

    /** Ready once caught up with the topics; not ready (with the reason) if the reader stopped. */
    public HealthCheck.Status readiness() {
        if (failure != null) {
            return HealthCheck.Status.notReady("topic reader stopped: " + failure);
        }
        return caughtUp.get()
                ? HealthCheck.Status.ready("views caught up")
                : HealthCheck.Status.notReady("reading the topics");
    }

    private List<String> topicNames() {
        return List.of(
                topics.incidents().name(),
                topics.incidentEvents().name(),
                topics.notifications().name(),
                topics.notificationsWithheld().name(),
                topics.ticketUpdates().name(),
                topics.maintenanceWindows().name(),
                topics.silences().name(),
                topics.alerts().name(),
                topics.deadLetters().name());
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    try {
                        apply(record);
                    } catch (RuntimeException e) {
                        // a record the console cannot read is skipped for the view; the services own dead letters
                        LOG.warn(
                                "Cannot show {}-{}@{}: {}",
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                e.toString());
                    }
                }
                if (!caughtUp.get() && partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
                    caughtUp.set(true);
                    LOG.info("ops-console views caught up with {} partitions", partitions.size());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e.toString();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e.toString();
            LOG.error("The console's topic reader stopped; /ready answers 503", e);
        } finally {
            consumer.close();
        }
    }

    private List<TopicPartition> awaitPartitions() throws InterruptedException {
        while (running) {
            List<TopicPartition> partitions = new ArrayList<>();
            boolean all = true;
            for (String topic : topicNames()) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos == null || infos.isEmpty()) {
                    all = false;
                    break;
                }
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            if (all) {
                return partitions;
            }
            Thread.sleep(500);
        }
        throw new WakeupException();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String topic = record.topic();
        byte[] value = record.value();
        if (topic.equals(topics.alerts().name())) {
            if (unclassifiedProduct.equals(record.key()) && value != null) {
                unclassifiedAlerts.add(alertReader.deserialize(topic, value));
            }
        } else if (topic.equals(topics.incidents().name())) {
            incidents.apply(record.key(), value == null ? null : incidentReader.deserialize(topic, value));
        } else if (topic.equals(topics.incidentEvents().name())) {
            if (value != null) {
                outcomes.apply(eventReader.deserialize(topic, value));
            }
        } else if (topic.equals(topics.notifications().name())) {
            if (value != null) {
                notifications.add(notificationReader.deserialize(topic, value));
            }
        } else if (topic.equals(topics.notificationsWithheld().name())) {
            if (value != null) {
                withheld.add(withheldReader.deserialize(topic, value));
            }
        } else if (topic.equals(topics.ticketUpdates().name())) {
            if (value != null) {
                tickets.add(ticketReader.deserialize(topic, value));
            }
        } else if (topic.equals(topics.maintenanceWindows().name())) {
            maintenance.apply(record.key(), value == null ? null : windowReader.deserialize(topic, value));
        } else if (topic.equals(topics.silences().name())) {
            silences.apply(record.key(), value == null ? null : silenceReader.deserialize(topic, value));
        } else if (topic.equals(topics.deadLetters().name())) {
            Undelivered.of(
                            record.headers(),
                            value,
                            java.time.Instant.ofEpochMilli(record.timestamp()),
                            java.util.Set.of(
                                    topics.notifications().name(),
                                    topics.webhookRetries().name()),
                            bytes -> notificationReader.deserialize(
                                    topics.notifications().name(), bytes))
                    .ifPresent(undelivered::add);
        }
    }

    /** The incident a view holds, e.g. to show a just-changed row before the query API has it. */
    public java.util.Optional<Incident> incident(String id) {
        return incidents.get(id);
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
