package dev.tocsin.publisher.subscribe;

import dev.tocsin.avro.Notification;
import dev.tocsin.avro.Subscription;
import dev.tocsin.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes what the subscription pages decide: subscriptions and their tombstones to
 * {@code tocsin.subscriptions} (which the page topology reads as its global table), and
 * confirmation mails to {@code tocsin.notifications}. Each write is acknowledged by the broker
 * before the page answers, so "confirmed" and "unsubscribed" are true when shown.
 */
public final class SubscriptionWriter implements AutoCloseable {

    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final Topics topics;
    private final Producer<String, Subscription> subscriptions;
    private final Producer<String, Notification> notifications;

    public SubscriptionWriter(Topics topics, Properties kafka) {
        this.topics = topics;
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // single acknowledged writes; a transactional id would demand transactions
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.subscriptions = new KafkaProducer<>(
                props,
                topics.subscriptions().keySerde().serializer(),
                topics.subscriptions().valueSerde().serializer());
        this.notifications = new KafkaProducer<>(
                props,
                topics.notifications().keySerde().serializer(),
                topics.notifications().valueSerde().serializer());
    }

    public void subscribe(List<Subscription> confirmed) {
        List<Future<RecordMetadata>> acks = confirmed.stream()
                .map(subscription -> subscriptions.send(new ProducerRecord<>(
                        topics.subscriptions().name(), subscription.getSubscriptionId(), subscription)))
                .toList();
        acks.forEach(SubscriptionWriter::await);
    }

    public void unsubscribe(String subscriptionId) {
        await(subscriptions.send(new ProducerRecord<>(topics.subscriptions().name(), subscriptionId, null)));
    }

    /** Queues a mail; keyed by its recipient, as every notification is. */
    public void mail(Notification notification) {
        await(notifications.send(
                new ProducerRecord<>(topics.notifications().name(), notification.getAddress(), notification)));
    }

    private static void await(Future<RecordMetadata> ack) {
        try {
            ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the write", e);
        }
    }

    @Override
    public void close() {
        subscriptions.close(Duration.ofSeconds(5));
        notifications.close(Duration.ofSeconds(5));
    }
}
