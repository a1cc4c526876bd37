package dev.tocsin.publisher.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.publisher.PublisherService;
import dev.tocsin.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every instance serves the page from its own copy: no request needs the page's owner. */
class PageReplicaTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** Nobody listens there: an instance that proxied to its peer would fail. */
    private static final Map<String, String> UNREACHABLE_PEER =
            Map.of("TOCSIN_PUBLISHER_APPLICATION_SERVER", "127.0.0.1:9");

    @Test
    void everyInstanceAnswersTheSamePageWithoutReachingTheOwner() throws Exception {
        Topics topics = PublisherHarness.topics();
        String applicationId =
                "publisher-replica-" + UUID.randomUUID().toString().substring(0, 8);
        try (PublisherService first = PublisherHarness.start(topics, applicationId, UNREACHABLE_PEER);
                PublisherService second = PublisherHarness.start(topics, applicationId, UNREACHABLE_PEER)) {
            PublisherHarness.produce(
                    topics.incidents(),
                    "chat-1",
                    Incident.newBuilder()
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
                            .build(),
                    NOW);

            HttpResponse<String> fromFirst = awaitChatDown(first.port());
            HttpResponse<String> fromSecond = awaitChatDown(second.port());

            assertThat(fromSecond.body()).isEqualTo(fromFirst.body());
            assertThat(fromSecond.headers().firstValue("ETag"))
                    .isEqualTo(fromFirst.headers().firstValue("ETag"));
        }
    }

    private static HttpResponse<String> awaitChatDown(int port) throws InterruptedException {
        HttpResponse<String> answer = PublisherHarness.getUntil(
                port,
                "/api/v2/components.json",
                r -> r.statusCode() == 200 && r.body().contains("partial_outage"),
                Duration.ofSeconds(60));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("partial_outage");
        return answer;
    }
}
