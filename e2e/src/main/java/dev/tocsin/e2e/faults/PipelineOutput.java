package dev.tocsin.e2e.faults;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEvent;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The checker's view: every output topic read from the beginning to its last stable offset by a
 * {@code read_committed} reader, as any downstream consumer sees it. Records that do not deserialize
 * (the poison the suite injects) are counted, not read.
 */
final class PipelineOutput {

    /** Copies of each alert id in the alerts topic. */
    final Map<String, Integer> alertCopies = new HashMap<>();
    /** Alert ids an incident took in (the OPENED or ALERT_ATTACHED event naming its fingerprint), with copies. */
    final Map<String, Integer> alertsInIncidents = new HashMap<>();
    /** The latest snapshot of every incident. */
    final Map<String, Incident> incidents = new HashMap<>();
    /** Copies of each event or notification id, by topic (incident events, status events, notifications). */
    final Map<String, Map<String, Integer>> idCopies = new HashMap<>();

    long deadLetters;
    final Map<String, Long> undeserializable = new HashMap<>();

    static PipelineOutput read(String bootstrapServers, Topics topics) {
        PipelineOutput out = new PipelineOutput();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<Topic<?, ?>> read = List.of(
                topics.alerts(),
                topics.incidentEvents(),
                topics.incidents(),
                topics.statusEvents(),
                topics.notifications(),
                topics.deadLetters());
        Map<String, String> fingerprintToId = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> events = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic<?, ?> topic : read) {
                consumer.partitionsFor(topic.name())
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // read_committed: last stable offsets
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the output topics to their end in 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String topic = record.topic();
                    if (topic.equals(topics.deadLetters().name())) {
                        out.deadLetters++;
                    } else if (topic.equals(topics.alerts().name())) {
                        MonitoringAlert alert = out.value(topics.alerts(), record);
                        String id = alert == null ? null : alert.getLabels().get("instance");
                        if (id != null && id.startsWith("host-")) {
                            out.alertCopies.merge(id, 1, Integer::sum);
                            fingerprintToId.put(alert.getFingerprint(), id);
                        }
                    } else if (topic.equals(topics.incidentEvents().name())) {
                        events.add(record);
                    } else if (topic.equals(topics.incidents().name())) {
                        if (record.value() == null) {
                            out.incidents.remove(new String(record.key()));
                        } else {
                            Incident incident = out.value(topics.incidents(), record);
                            if (incident != null) {
                                out.incidents.put(incident.getIncidentId(), incident);
                            }
                        }
                    } else if (topic.equals(topics.statusEvents().name())) {
                        StatusEvent event = out.value(topics.statusEvents(), record);
                        if (event != null) {
                            out.copy(topic, event.getEventId());
                        }
                    } else if (topic.equals(topics.notifications().name())) {
                        Notification notification = out.value(topics.notifications(), record);
                        if (notification != null) {
                            out.copy(topic, notification.getNotificationId());
                        }
                    }
                }
            }
        }
        for (ConsumerRecord<byte[], byte[]> record : events) {
            IncidentEvent event = out.value(topics.incidentEvents(), record);
            if (event == null) {
                continue;
            }
            out.copy(record.topic(), event.getEventId());
            boolean tookAlertIn =
                    event.getType() == IncidentEventType.OPENED || event.getType() == IncidentEventType.ALERT_ATTACHED;
            String id = event.getAlertFingerprint() == null ? null : fingerprintToId.get(event.getAlertFingerprint());
            if (tookAlertIn && id != null) {
                out.alertsInIncidents.merge(id, 1, Integer::sum);
            }
        }
        return out;
    }

    private <V> V value(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record) {
        try {
            return topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            undeserializable.merge(record.topic(), 1L, Long::sum);
            return null;
        }
    }

    private void copy(String topic, String id) {
        idCopies.computeIfAbsent(topic, t -> new HashMap<>()).merge(id, 1, Integer::sum);
    }

    /** How much the reader saw, for the log: records per topic and what did not deserialize. */
    String summary() {
        Map<String, Integer> ids = new java.util.TreeMap<>();
        idCopies.forEach((topic, copies) -> ids.put(topic, copies.size()));
        return alertCopies.size() + " alerts, " + incidents.size() + " incidents, ids " + ids + ", " + deadLetters
                + " dead letters, undeserializable " + undeserializable;
    }

    /** Event and notification ids written more than once, over all three topics. */
    long duplicateIds() {
        return idCopies.values().stream()
                .flatMap(m -> m.values().stream())
                .filter(n -> n > 1)
                .mapToLong(n -> n - 1)
                .sum();
    }
}
