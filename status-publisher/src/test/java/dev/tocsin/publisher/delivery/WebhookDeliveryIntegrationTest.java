package dev.tocsin.publisher.delivery;

import static dev.tocsin.publisher.delivery.DeliveryKafka.PARTITIONS;
import static dev.tocsin.publisher.delivery.DeliveryKafka.admin;
import static dev.tocsin.publisher.delivery.DeliveryKafka.awaitCommitted;
import static dev.tocsin.publisher.delivery.DeliveryKafka.awaitRecords;
import static dev.tocsin.publisher.delivery.DeliveryKafka.kafka;
import static dev.tocsin.publisher.delivery.DeliveryKafka.produce;
import static dev.tocsin.publisher.delivery.DeliveryKafka.readAll;
import static dev.tocsin.publisher.delivery.DeliveryKafka.topics;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.DeadLetter;
import dev.tocsin.avro.Notification;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.runtime.errors.DeadLetters;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.rules.WebhookSecrets;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery on the real embedded broker: one webhook delivered once with a valid signature,
 * one that keeps failing dead-lettered with its original bytes and reason, an e-mail left alone,
 * and the consumer group's committed offsets covering all three.
 */
class WebhookDeliveryIntegrationTest {

    private static final String SECRET = "it-webhook-secret";

    @Test
    void webhooksAreDeliveredOrDeadLetteredOtherChannelsSkippedAndEveryOffsetCommitted() throws Exception {
        AvroSerdes serdes =
                new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl())));
        Topics topics = Topics.create("it-webhook-" + UUID.randomUUID() + ".", serdes);
        try (Admin admin = admin()) {
            TopicProvisioner.createTopics(admin, topics, PARTITIONS, (short) 1);
        }
        String group = "it-webhook-" + UUID.randomUUID();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicBoolean fatal = new AtomicBoolean();

        try (Receiver accepting = Receiver.answering(204);
                Receiver failing = Receiver.answering(500)) {
            Notification delivered = TestNotifications.webhook(accepting.url()).build();
            Notification deadLettered = TestNotifications.webhook(failing.url()).build();
            Notification email = TestNotifications.email("ops@example.com").build();
            produce(topics, delivered, deadLettered, email);

            WebhookDeliveryConfig config = new WebhookDeliveryConfig(
                            true, SECRET, 3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(2))
                    .allowing("127.0.0.1");
            Properties kafka = new Properties();
            kafka.put("bootstrap.servers", SharedTestStack.bootstrapServers());
            kafka.put("auto.offset.reset", "earliest");
            try (WebhookDispatcher dispatcher =
                    WebhookDispatcher.start(config, topics, kafka, group, registry, () -> fatal.set(true))) {
                awaitCommitted(group, topics.notifications().name(), 3);
                // the failing one's retries run from the retry topic, after its source offset is committed
                awaitRecords(topics.deadLetters().name(), 1);
                assertThat(dispatcher.health().check().ready()).isTrue();
            }

            // delivered exactly once, signed with its subscription's secret
            assertThat(accepting.requests()).singleElement().satisfies(request -> {
                assertThat(request.header(WebhookSender.DEDUP_KEY_HEADER)).isEqualTo(delivered.getDedupKey());
                assertThat(new String(request.body(), UTF_8)).contains(delivered.getNotificationId());
                assertThat(WebhookSignature.verify(
                                request.header(WebhookSignature.HEADER),
                                request.body(),
                                WebhookSecrets.derive(SECRET, delivered.getSubscriptionId()),
                                Instant.now(),
                                WebhookSignature.DEFAULT_TOLERANCE))
                        .isTrue();
            });

            // retried up to the limit, then dead-lettered with its original bytes and the reason
            assertThat(failing.requests()).hasSize(3);
            List<ConsumerRecord<byte[], byte[]>> letters =
                    readAll(topics.deadLetters().name());
            assertThat(letters).hasSize(1);
            DeadLetter letter = DeadLetters.decode(letters.get(0));
            Notification original = topics.notifications()
                    .valueSerde()
                    .deserializer()
                    .deserialize(topics.notifications().name(), letters.get(0).value());
            assertThat(original).isEqualTo(deadLettered);
            assertThat(letter.getService()).isEqualTo(WebhookDispatcher.SERVICE);
            assertThat(letter.getHttpRoute()).isEqualTo(WebhookDispatcher.ROUTE);
            assertThat(letter.getSourceTopic()).isEqualTo(topics.notifications().name());
            assertThat(letter.getErrorMessage())
                    .contains(deadLettered.getNotificationId())
                    .contains("HTTP 500")
                    .contains("3 attempts")
                    .doesNotContain(failing.url())
                    .doesNotContain(Receiver.TOKEN);
            assertThat(readAll(topics.webhookRetries().name()))
                    .as("attempts 2 and 3 came from the retry topic")
                    .extracting(
                            r -> RetryTicket.readFrom(r.headers()).orElseThrow().attempt())
                    .containsExactly(2, 3);

            // the e-mail was nobody's webhook
            List<String> bodies = new ArrayList<>();
            accepting.requests().forEach(r -> bodies.add(new String(r.body(), UTF_8)));
            failing.requests().forEach(r -> bodies.add(new String(r.body(), UTF_8)));
            assertThat(bodies).noneMatch(body -> body.contains(email.getNotificationId()));

            assertThat(registry.get(WebhookMetrics.DELIVERIES)
                            .tag("outcome", "delivered")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get(WebhookMetrics.DELIVERIES)
                            .tag("outcome", "dead_lettered")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get(WebhookMetrics.ATTEMPTS).counter().count()).isEqualTo(4);
            assertThat(fatal).isFalse();
        }
    }

    @Test
    void aReceiverFailingTwiceGetsTheNotificationOnceViaTheRetryTopicAfterTheSourceOffsetIsCommitted()
            throws Exception {
        Topics topics = topics();
        String group = "it-webhook-" + UUID.randomUUID();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicBoolean fatal = new AtomicBoolean();
        try (Receiver flaky = Receiver.answering(503, 503, 204)) {
            Notification notification = TestNotifications.webhook(flaky.url()).build();
            produce(topics, notification);

            try (WebhookDispatcher dispatcher =
                    WebhookDispatcher.start(retrying(5), topics, kafka(), group, registry, () -> fatal.set(true))) {
                awaitCommitted(group, topics.notifications().name(), 1);
                assertThat(registry.get(WebhookMetrics.DELIVERIES)
                                .tag("outcome", "delivered")
                                .counter()
                                .count())
                        .as("the source offset is committed while the delivery is still owed")
                        .isZero();
                awaitRequests(flaky, 3);
                awaitCommitted(group + "-retries", topics.webhookRetries().name(), 2);
            }

            assertThat(flaky.requests())
                    .extracting(r -> r.header(WebhookSender.ATTEMPT_HEADER))
                    .containsExactly("1", "2", "3");
            assertThat(flaky.requests())
                    .extracting(r -> r.header(WebhookSender.DEDUP_KEY_HEADER))
                    .containsOnly(notification.getDedupKey());
            List<ConsumerRecord<byte[], byte[]>> retries =
                    readAll(topics.webhookRetries().name());
            assertThat(retries)
                    .extracting(r -> RetryTicket.readFrom(r.headers()).orElseThrow())
                    .allSatisfy(ticket -> {
                        assertThat(ticket.lastFailure()).contains("HTTP 503");
                        assertThat(ticket.originTopic())
                                .isEqualTo(topics.notifications().name());
                    })
                    .extracting(RetryTicket::attempt)
                    .containsExactly(2, 3);
            assertThat(readAll(topics.deadLetters().name())).isEmpty();
            assertThat(registry.get(WebhookMetrics.DELIVERIES)
                            .tag("outcome", "delivered")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(fatal).isFalse();
        }
    }

    @Test
    void aRetryPendingAtARestartIsDeliveredFromTheRetryTopicWithoutResendingFromTheSource() throws Exception {
        Topics topics = topics();
        String group = "it-webhook-" + UUID.randomUUID();
        AtomicBoolean fatal = new AtomicBoolean();
        try (Receiver flaky = Receiver.answering(503, 204)) {
            Notification notification = TestNotifications.webhook(flaky.url()).build();
            produce(topics, notification);

            try (WebhookDispatcher first = WebhookDispatcher.start(
                    retrying(5), topics, kafka(), group, new SimpleMeterRegistry(), () -> fatal.set(true))) {
                awaitCommitted(group, topics.notifications().name(), 1);
                awaitRecords(topics.webhookRetries().name(), 1);
            }
            assertThat(flaky.requests())
                    .as("stopped while the retry waits for its due time")
                    .hasSize(1);

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (WebhookDispatcher second =
                    WebhookDispatcher.start(retrying(5), topics, kafka(), group, registry, () -> fatal.set(true))) {
                awaitRequests(flaky, 2);
                awaitCommitted(group + "-retries", topics.webhookRetries().name(), 1);
            }

            assertThat(flaky.requests())
                    .extracting(r -> r.header(WebhookSender.ATTEMPT_HEADER))
                    .as("the second request is the retry, not the source record again")
                    .containsExactly("1", "2");
            assertThat(registry.get(WebhookMetrics.DELIVERIES)
                            .tag("outcome", "delivered")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(fatal).isFalse();
        }
    }

    /** Retries after a backoff long enough to observe the state between attempts. */
    private static WebhookDeliveryConfig retrying(int attempts) {
        return new WebhookDeliveryConfig(
                        true, SECRET, attempts, Duration.ofMillis(2500), Duration.ofMillis(2500), Duration.ofSeconds(2))
                .allowing("127.0.0.1");
    }

    private static void awaitRequests(Receiver receiver, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (receiver.requests().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("receiver got " + receiver.requests().size() + " requests, expected " + count);
            }
            Thread.sleep(50);
        }
    }
}
