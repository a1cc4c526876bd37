package dev.tocsin.publisher.zendesk;

import static dev.tocsin.publisher.zendesk.ZendeskTestUpdates.linked;
import static dev.tocsin.publisher.zendesk.ZendeskTestUpdates.resolved;
import static dev.tocsin.publisher.zendesk.ZendeskTestUpdates.standardTroubleshooting;
import static dev.tocsin.publisher.zendesk.ZendeskTestUpdates.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.DeadLetter;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.publisher.delivery.Backoff;
import dev.tocsin.publisher.delivery.DeliveryKafka;
import dev.tocsin.runtime.errors.DeadLetters;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Zendesk write-back on the real embedded broker against {@link FakeZendesk}, which checks
 * every request against the documented API shapes.
 */
class ZendeskWriteBackIntegrationTest {

    private static final int PARTITIONS = 2;
    private static final String INCIDENT = "inc-7c1d";

    private final FakeZendesk zendesk = new FakeZendesk();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicBoolean fatal = new AtomicBoolean();
    private final String group = "it-zendesk-" + UUID.randomUUID();
    private final Topics topics = topics();

    @AfterEach
    void noRequestBrokeTheApiAndNothingWasFatal() {
        zendesk.close();
        assertThat(zendesk.violations()).isEmpty();
        assertThat(fatal).isFalse();
    }

    @Test
    void linkingMakesEachTicketAnIncidentOfOneProblemTicketWithACommentInItsLanguageAndAnInternalNote()
            throws Exception {
        zendesk.customerTicket(101).customerTicket(102).customerTicket(103);
        produce(linked("101", INCIDENT, "de"), linked("102", INCIDENT, "ja"), linked("103", INCIDENT, "en"));

        try (ZendeskWriteBack writeBack = start(config(Duration.ofSeconds(5)))) {
            awaitCommitted(3);
        }

        assertThat(zendesk.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path("external_id").asText()).isEqualTo("tocsin-incident:" + INCIDENT);
            assertThat(problem.path("priority").asText()).isEqualTo("high");
        });
        long problemId = zendesk.problems().get(0).path("id").asLong();
        assertThat(zendesk.requests())
                .filteredOn(r -> r.method().equals("POST"))
                .singleElement()
                .satisfies(r -> assertThat(r.header("Idempotency-Key")).isEqualTo("tocsin-problem-" + INCIDENT));
        for (long id : new long[] {101, 102, 103}) {
            JsonNode ticket = zendesk.ticket(id);
            assertThat(ticket.path("type").asText()).isEqualTo("incident");
            assertThat(ticket.path("problem_id").asLong()).isEqualTo(problemId);
            List<JsonNode> comments = zendesk.comments(id);
            assertThat(comments).hasSize(2);
            assertThat(comments.get(0).path("public").asBoolean()).isTrue();
            assertThat(comments.get(1).path("public").asBoolean())
                    .as("internal note")
                    .isFalse();
            assertThat(comments.get(1).path("body").asText())
                    .contains("https://tocsin.example/incidents/" + INCIDENT)
                    .contains("#" + problemId);
        }
        assertThat(zendesk.comments(101).get(0).path("body").asText())
                .contains("Störung")
                .contains("Untersuchung");
        assertThat(zendesk.comments(102).get(0).path("body").asText())
                .contains("障害")
                .contains("調査中");
        assertThat(zendesk.comments(103).get(0).path("body").asText())
                .contains("We are aware of an incident")
                .contains("Chat messages are delayed");
        assertThat(count(ZendeskMetrics.UPDATES, "outcome", ZendeskMetrics.APPLIED))
                .isEqualTo(3);
        assertThat(registry.get(ZendeskMetrics.PROBLEMS_CREATED).counter().count())
                .isEqualTo(1);
    }

    @Test
    void everyPublicUpdateReachesEveryLinkedTicketResolvingSolvesThemAndTroubleshootingGetsTheStandardReply()
            throws Exception {
        long agent = 235323;
        zendesk.customerTicket(101).customerTicket(102, agent).customerTicket(104);
        produce(
                linked("101", INCIDENT, "en"),
                linked("102", INCIDENT, "de"),
                statusChanged("101", INCIDENT, 3, PublicStatus.IDENTIFIED, "A faulty deploy was found.", "en"),
                statusChanged("102", INCIDENT, 3, PublicStatus.IDENTIFIED, "A faulty deploy was found.", "de"),
                resolved("101", INCIDENT, 4, "en"),
                resolved("102", INCIDENT, 4, "de"),
                standardTroubleshooting(
                        "104", "Thank you for your report. Please check your Wi-Fi access points.", "en"));

        try (ZendeskWriteBack writeBack = start(config(Duration.ofSeconds(5)))) {
            awaitCommitted(7);
        }

        for (long id : new long[] {101, 102}) {
            List<JsonNode> publicComments = zendesk.comments(id).stream()
                    .filter(c -> c.path("public").asBoolean())
                    .toList();
            assertThat(publicComments).as("linked, identified, resolved").hasSize(3);
            assertThat(publicComments.get(1).path("body").asText()).contains("A faulty deploy was found.");
            assertThat(publicComments.get(2).path("body").asText()).contains("Chat works normally again.");
            assertThat(zendesk.ticket(id).path("status").asText()).isEqualTo("solved");
        }
        assertThat(zendesk.ticket(101).path("assignee_id").asLong())
                .as("unassigned: solved by the token's agent")
                .isEqualTo(FakeZendesk.AGENT_ID);
        assertThat(zendesk.ticket(102).path("assignee_id").asLong())
                .as("an assignee is kept")
                .isEqualTo(agent);
        assertThat(zendesk.comments(102).get(2).path("body").asText()).contains("Ursache erkannt");
        assertThat(zendesk.comments(104))
                .extracting(c -> c.path("public").asBoolean())
                .containsExactly(true, false);
        assertThat(zendesk.comments(104).get(0).path("body").asText())
                .isEqualTo("Thank you for your report. Please check your Wi-Fi access points.");
        assertThat(zendesk.comments(104).get(1).path("body").asText()).contains("customer-responsibility: wi-fi");
        assertThat(zendesk.ticket(104).path("problem_id").isNull()).isTrue();
        assertThat(zendesk.problems()).hasSize(1);
    }

    @Test
    void aRateLimitIsWaitedOutConflictsAndServerErrorsAreRetriedAndAnUnansweredEditIsNotRepeatedOnceItLanded()
            throws Exception {
        zendesk.customerTicket(101).customerTicket(102).customerTicket(103).customerTicket(104);
        zendesk.fail(
                        r -> r.method().equals("PUT") && r.path().endsWith("/101.json"),
                        1,
                        429,
                        Map.of("Retry-After", "1"),
                        "")
                .fail(
                        r -> r.method().equals("PUT") && r.path().endsWith("/102.json"),
                        2,
                        503,
                        Map.of(),
                        "{\"error\":\"Unavailable\"}")
                .fail(
                        r -> r.method().equals("PUT") && r.path().endsWith("/104.json"),
                        1,
                        409,
                        Map.of(),
                        "{\"error\":\"TicketUpdateConflict\"}")
                .hangAfterApplying(r -> r.method().equals("PUT") && r.path().endsWith("/103.json"));
        String message = "We are rolling back.";
        produce(
                statusChanged("101", INCIDENT, 3, PublicStatus.IDENTIFIED, message, "en"),
                statusChanged("102", INCIDENT, 3, PublicStatus.IDENTIFIED, message, "en"),
                statusChanged("103", INCIDENT, 3, PublicStatus.IDENTIFIED, message, "en"),
                statusChanged("104", INCIDENT, 3, PublicStatus.IDENTIFIED, message, "en"));

        try (ZendeskWriteBack writeBack = start(config(Duration.ofSeconds(2)))) {
            awaitCommitted(4);
        }

        for (long id : new long[] {101, 102, 103, 104}) {
            assertThat(zendesk.comments(id))
                    .as("ticket " + id)
                    .singleElement()
                    .satisfies(c -> assertThat(c.path("body").asText()).contains(message));
        }
        List<FakeZendesk.Request> puts101 = zendesk.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().endsWith("/101.json"))
                .toList();
        assertThat(puts101).hasSize(2);
        assertThat(Duration.between(puts101.get(0).at(), puts101.get(1).at()))
                .as("Retry-After honoured")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(zendesk.requests())
                .filteredOn(r -> r.method().equals("PUT") && r.path().endsWith("/102.json"))
                .hasSize(3);
        assertThat(zendesk.requests())
                .as("the unanswered edit was found in the audits, not sent again")
                .filteredOn(r -> r.method().equals("PUT") && r.path().endsWith("/103.json"))
                .hasSize(1);
        assertThat(registry.get(ZendeskMetrics.RATE_LIMITED).counter().count()).isEqualTo(1);
        assertThat(zendesk.requests())
                .filteredOn(r -> r.method().equals("PUT") && r.path().endsWith("/104.json"))
                .hasSize(2);
        assertThat(count(ZendeskMetrics.UPDATES, "outcome", ZendeskMetrics.APPLIED))
                .isEqualTo(4);
    }

    @Test
    void aRestartAfterZendeskAppliedAnEditButBeforeItsCommitMakesOnlyTheMissingEdits() throws Exception {
        zendesk.customerTicket(101)
                .customerTicket(102)
                .hangAfterApplying(r -> r.method().equals("PUT") && r.path().endsWith("/101.json"));
        produce(linked("101", INCIDENT, "en"));

        ZendeskWriteBack first = start(config(Duration.ofSeconds(60)));
        zendesk.awaitHung();
        first.close();
        assertThat(zendesk.comments(101))
                .as("the public comment landed, the note did not")
                .hasSize(1);

        produce(linked("102", INCIDENT, "en"));
        try (ZendeskWriteBack second = start(config(Duration.ofSeconds(5)))) {
            awaitCommitted(2);
        }

        assertThat(zendesk.comments(101))
                .extracting(c -> c.path("public").asBoolean())
                .as("one public comment and one note, none twice")
                .containsExactly(true, false);
        assertThat(zendesk.comments(102)).hasSize(2);
        assertThat(zendesk.problems()).hasSize(1);
        assertThat(zendesk.requests())
                .filteredOn(r -> r.method().equals("POST"))
                .as("found by external_id after the restart")
                .hasSize(1);
    }

    @Test
    void aRebalanceWhileWaitingOutARateLimitHandsTheUpdateOnAndNoEditIsMadeTwice() throws Exception {
        long[] ids = {101, 102, 103, 104, 105, 106};
        for (long id : ids) {
            zendesk.customerTicket(id);
        }
        zendesk.fail(
                r -> r.method().equals("PUT") && r.path().endsWith("/101.json"),
                1,
                429,
                Map.of("Retry-After", "6"),
                "");
        for (long id : ids) {
            produce(statusChanged(String.valueOf(id), INCIDENT, 3, PublicStatus.IDENTIFIED, "Rolling back.", "en"));
        }

        try (ZendeskWriteBack first = start(config(Duration.ofSeconds(5)))) {
            awaitRequest(r -> r.method().equals("PUT") && r.path().endsWith("/101.json"));
            try (ZendeskWriteBack second = start(config(Duration.ofSeconds(5)))) {
                awaitCommitted(ids.length);
            }
        }

        for (long id : ids) {
            assertThat(zendesk.comments(id)).as("ticket " + id).hasSize(1);
        }
        assertThat(zendesk.problems()).hasSize(1);
    }

    @Test
    void aRefusedUpdateIsDeadLetteredWithItsReasonAndWithoutTheTokenAndLaterUpdatesStillApply() throws Exception {
        zendesk.customerTicket(101);
        TicketUpdate missing = statusChanged("999", INCIDENT, 3, PublicStatus.IDENTIFIED, "Rolling back.", "en");
        produce(missing, statusChanged("portal-17", INCIDENT, 3, PublicStatus.IDENTIFIED, "Rolling back.", "en"));
        produceRaw("101", "not avro".getBytes());
        produce(statusChanged("101", INCIDENT, 3, PublicStatus.IDENTIFIED, "Rolling back.", "en"));

        try (ZendeskWriteBack writeBack = start(config(Duration.ofSeconds(5)))) {
            awaitCommitted(4);
        }

        List<ConsumerRecord<byte[], byte[]>> letters =
                readAll(topics.deadLetters().name());
        assertThat(letters).hasSize(2);
        List<DeadLetter> decoded = letters.stream().map(DeadLetters::decode).toList();
        assertThat(decoded).allSatisfy(letter -> {
            assertThat(letter.getService()).isEqualTo(ZendeskWriteBack.SERVICE);
            assertThat(letter.getHttpRoute()).isEqualTo(ZendeskWriteBack.ROUTE);
            assertThat(letter.getSourceTopic()).isEqualTo(topics.ticketUpdates().name());
            assertThat(letter.getErrorMessage())
                    .doesNotContain(FakeZendesk.TOKEN)
                    .doesNotContain("Basic ");
        });
        DeadLetter refused = decoded.stream()
                .filter(l -> l.getErrorMessage().contains("999"))
                .findFirst()
                .orElseThrow();
        assertThat(refused.getErrorMessage())
                .contains(missing.getUpdateId())
                .contains("HTTP 404")
                .contains("RecordNotFound");
        assertThat(topics.ticketUpdates()
                        .valueSerde()
                        .deserializer()
                        .deserialize(
                                topics.ticketUpdates().name(),
                                letters.get(decoded.indexOf(refused)).value()))
                .isEqualTo(missing);
        assertThat(decoded).anySatisfy(l -> assertThat(l.getErrorMessage()).contains("is not a ticket update"));
        assertThat(zendesk.comments(101)).hasSize(1);
        assertThat(count(ZendeskMetrics.UPDATES, "outcome", ZendeskMetrics.DEAD_LETTERED))
                .isEqualTo(2);
        assertThat(count(ZendeskMetrics.UPDATES, "outcome", ZendeskMetrics.NOT_ZENDESK))
                .isEqualTo(1);
        assertThat(count(ZendeskMetrics.UPDATES, "outcome", ZendeskMetrics.APPLIED))
                .isEqualTo(1);
    }

    private ZendeskConfig config(Duration timeout) {
        return new ZendeskConfig(
                URI.create(zendesk.baseUrl()),
                FakeZendesk.EMAIL,
                FakeZendesk.TOKEN,
                ResolveAction.SOLVE,
                "https://tocsin.example/incidents/{id}",
                4,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                timeout);
    }

    private ZendeskWriteBack start(ZendeskConfig config) {
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", SharedTestStack.bootstrapServers());
        kafka.put("auto.offset.reset", "earliest");
        return ZendeskWriteBack.start(config, topics, kafka, group, registry, () -> fatal.set(true));
    }

    private void awaitRequest(java.util.function.Predicate<FakeZendesk.Request> matches) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (zendesk.requests().stream().noneMatch(matches)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such request: " + zendesk.requests());
            }
            Thread.sleep(20);
        }
    }

    private double count(String meter, String tag, String value) {
        return registry.get(meter).tag(tag, value).counter().count();
    }

    private static Topics topics() {
        AvroSerdes serdes =
                new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl())));
        Topics topics = Topics.create("it-zendesk-" + UUID.randomUUID() + ".", serdes);
        try (Admin admin = admin()) {
            TopicProvisioner.createTopics(admin, topics, PARTITIONS, (short) 1);
        }
        return topics;
    }

    private void produce(TicketUpdate... updates) throws Exception {
        try (KafkaProducer<String, TicketUpdate> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedTestStack.bootstrapServers(), "acks", "all"),
                topics.ticketUpdates().keySerde().serializer(),
                topics.ticketUpdates().valueSerde().serializer())) {
            for (TicketUpdate update : updates) {
                producer.send(new ProducerRecord<>(topics.ticketUpdates().name(), update.getTicketId(), update))
                        .get(10, TimeUnit.SECONDS);
            }
        }
    }

    private void produceRaw(String key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedTestStack.bootstrapServers(), "acks", "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.ticketUpdates().name(), key.getBytes(), value))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    /** Waits until the group's committed offsets cover {@code total} records of the ticket-updates topic. */
    private void awaitCommitted(long total) throws Exception {
        DeliveryKafka.awaitCommitted(group, topics.ticketUpdates().name(), total, Duration.ofSeconds(90));
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()));
    }
}
