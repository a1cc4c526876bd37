package dev.tocsin.publisher.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.Notification;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.StatusEventType;
import dev.tocsin.avro.Subscription;
import dev.tocsin.avro.SubscriptionScope;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.publisher.PublisherService;
import dev.tocsin.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A restart in the middle of a batch, on the real broker: the batch's incident changes are
 * committed but the page was not evaluated yet. The next instance (state restored from the
 * changelogs) evaluates exactly those changes once: one component event, one incident event, one
 * notification, and none again after a further restart.
 */
class PageBatchRestartTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** Long enough that the first instance never evaluates its batch. */
    private static final Map<String, String> NEVER_EVALUATES =
            Map.of("TOCSIN_PUBLISHER_PAGE_INTERVAL", "10m", "TOCSIN_PUBLISHER_CLOCK_INTERVAL", "10m");

    @Test
    void restartInTheMiddleOfABatchAnnouncesItsChangesExactlyOnce() throws Exception {
        Topics topics = PublisherHarness.topics();
        String applicationId = "publisher-batch-" + UUID.randomUUID().toString().substring(0, 8);
        PublisherHarness.produce(
                topics.subscriptions(),
                "sub-all",
                Subscription.newBuilder()
                        .setSubscriptionId("sub-all")
                        .setScope(SubscriptionScope.ALL)
                        .setChannel(NotificationChannel.EMAIL)
                        .setAddress("all@example.com")
                        .setLocale("en")
                        .setCreatedAt(NOW)
                        .build(),
                NOW);

        try (PublisherService first = PublisherHarness.start(topics, applicationId, NEVER_EVALUATES)) {
            PublisherHarness.produce(topics.incidents(), "chat-1", incident(), NOW);
            awaitCommittedPageInput(applicationId);
        }
        assertThat(PublisherHarness.readUntil(topics.statusEvents(), e -> !e.isEmpty(), Duration.ofSeconds(2)))
                .isEmpty();

        try (PublisherService second = PublisherHarness.start(topics, applicationId, Map.of())) {
            assertThat(PublisherHarness.readUntil(topics.statusEvents(), e -> e.size() >= 2, Duration.ofSeconds(60)))
                    .as("the restarted instance announces the interrupted first batch itself")
                    .hasSize(2);
        }
        try (PublisherService third = PublisherHarness.start(topics, applicationId, Map.of())) {
            Thread.sleep(3_000); // a duplicate would be announced within this
        }

        List<StatusEvent> events = PublisherHarness.readUntil(topics.statusEvents(), e -> false, Duration.ofSeconds(3));
        // keyed by component and by incident: two partitions, so no order between them
        assertThat(events)
                .extracting(StatusEvent::getType)
                .containsExactlyInAnyOrder(
                        StatusEventType.COMPONENT_STATUS_CHANGED, StatusEventType.INCIDENT_PUBLISHED);
        List<Notification> notifications =
                PublisherHarness.readUntil(topics.notifications(), n -> false, Duration.ofSeconds(2));
        assertThat(notifications).extracting(Notification::getSubscriptionId).containsExactly("sub-all");
    }

    private static Incident incident() {
        return Incident.newBuilder()
                .setIncidentId("chat-1")
                .setProduct("chat")
                .setTitle("internal")
                .setSeverity(Severity.SEV2)
                .setScope(Scope.PLATFORM)
                .setStatus(PublicStatus.INVESTIGATING)
                .setCustomerReported(false)
                .setPublished(true)
                .setAcknowledged(false)
                .setOpenedAt(NOW)
                .setUpdatedAt(NOW)
                .setVersion(1)
                .build();
    }

    /** Until the page processor committed its input: the change is in the stores, the batch not evaluated. */
    private static void awaitCommittedPageInput(String applicationId) throws Exception {
        TopicPartition page = new TopicPartition(applicationId + "-page-incidents-repartition", 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(page);
                if (committed != null && committed.offset() >= 1) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the page input was not committed in time");
    }
}
