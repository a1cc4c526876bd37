package dev.tocsin.publisher.it;

import static dev.tocsin.publisher.it.PublisherHarness.get;
import static dev.tocsin.publisher.it.PublisherHarness.getUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.StatusEventType;
import dev.tocsin.avro.Subscription;
import dev.tocsin.avro.SubscriptionScope;
import dev.tocsin.avro.TimelineEntry;
import dev.tocsin.publisher.PublisherService;
import dev.tocsin.publisher.delivery.WebhookSignature;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.schemas.rules.WebhookSecrets;
import dev.tocsin.schemas.topics.Topics;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * status-publisher against the real broker and registry: incident snapshots in, the public page
 * (JSON, HTML, Atom), status events and a signed webhook out, conditional requests, and a second
 * instance that answers with the owner's page.
 */
class PublisherServiceTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final String UPDATE = "Logins are slow for some users; we are rolling back a release.";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String WEBHOOK_SECRET = "it-webhook-secret";

    static Topics topics;
    static PublisherService owner;
    static PublisherService second;
    static HttpServer receiver;
    static final List<String> deliveries = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startTwoInstancesAndOpenAnIncident() throws Exception {
        topics = PublisherHarness.topics();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean signed = WebhookSignature.verify(
                    exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    body,
                    WebhookSecrets.derive(WEBHOOK_SECRET, "sub-webhook"),
                    Instant.now(),
                    Duration.ofMinutes(5));
            deliveries.add((signed ? "signed " : "UNSIGNED ") + new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        // subscribed before the publishers start: their global table holds it before the first incident
        PublisherHarness.produce(
                topics.subscriptions(),
                "sub-webhook",
                Subscription.newBuilder()
                        .setSubscriptionId("sub-webhook")
                        .setScope(SubscriptionScope.PRODUCT)
                        .setTarget("chat")
                        .setChannel(NotificationChannel.WEBHOOK)
                        .setLocale("de")
                        .setAddress("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")
                        .setCreatedAt(NOW)
                        .build(),
                NOW);
        Map<String, String> webhooks = Map.of(
                "TOCSIN_PUBLISHER_WEBHOOKS_ENABLED",
                "true",
                "TOCSIN_PUBLISHER_WEBHOOK_SECRET",
                WEBHOOK_SECRET,
                "KAFKA_AUTO_OFFSET_RESET",
                "earliest");
        String applicationId = "publisher-it-" + UUID.randomUUID().toString().substring(0, 8);
        int firstPort = PublisherHarness.freePort();
        int secondPort = PublisherHarness.freePort();
        owner = PublisherHarness.start(
                topics,
                applicationId,
                with(
                        webhooks,
                        "TOCSIN_HTTP_PORT",
                        String.valueOf(firstPort),
                        "TOCSIN_PUBLISHER_APPLICATION_SERVER",
                        "127.0.0.1:" + firstPort));
        second = PublisherHarness.start(
                topics,
                applicationId,
                with(
                        webhooks,
                        "TOCSIN_HTTP_PORT",
                        String.valueOf(secondPort),
                        "TOCSIN_PUBLISHER_APPLICATION_SERVER",
                        "127.0.0.1:" + secondPort));
        PublisherHarness.produce(topics.incidents(), "chat-00000001", chatIncident(1, Severity.SEV3, NOW), NOW);
        PublisherHarness.produce(
                topics.incidents(),
                "voice-00000002",
                Incident.newBuilder(chatIncident(1, Severity.SEV1, NOW))
                        .setIncidentId("voice-00000002")
                        .setProduct("voice")
                        .setScope(Scope.SINGLE_CUSTOMER)
                        .build(),
                NOW);
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> out = new java.util.HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (second != null) {
            second.close();
        }
        if (owner != null) {
            owner.close();
        }
    }

    static Incident chatIncident(long version, Severity severity, Instant at) {
        return Incident.newBuilder()
                .setIncidentId("chat-00000001")
                .setProduct("chat")
                .setTitle("acme-corp: chat login latency")
                .setSeverity(severity)
                .setScope(Scope.PLATFORM)
                .setStatus(PublicStatus.IDENTIFIED)
                .setPublished(true)
                .setOpenedAt(NOW)
                .setUpdatedAt(at)
                .setAffectedOrganizations(List.of("acme-corp"))
                .setTimeline(List.of(
                        TimelineEntry.newBuilder()
                                .setAt(NOW)
                                .setType(IncidentEventType.OTHER)
                                .setActor("alice")
                                .setMessage("acme-corp called twice")
                                .setIsPublic(false)
                                .build(),
                        TimelineEntry.newBuilder()
                                .setAt(NOW)
                                .setType(IncidentEventType.UPDATE_POSTED)
                                .setActor("alice")
                                .setMessage(UPDATE)
                                .setIsPublic(true)
                                .build()))
                .setVersion(version)
                .build();
    }

    /** Whichever instance answers, the page is the owner's. */
    private static int anyPort() {
        return second.port();
    }

    private static JsonNode awaitDegradedChat(int port) throws Exception {
        HttpResponse<String> answer = getUntil(
                port,
                "/api/v2/components.json",
                r -> r.statusCode() == 200 && r.body().contains("degraded_performance"),
                Duration.ofSeconds(60));
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    @Test
    void metricsAreNotServedOnThePublicPagePortButOnTheManagementPort() {
        for (String internal : List.of("/metrics", "/health", "/ready")) {
            assertThat(get(owner.port(), internal).statusCode()).as(internal).isEqualTo(404);
        }
        HttpResponse<String> metrics = get(owner.managementPort(), "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("service=\"status-publisher\"");
        assertThat(get(owner.managementPort(), "/health").statusCode()).isEqualTo(200);
        assertThat(get(owner.managementPort(), "/api/v2/summary.json").statusCode())
                .as("the page is not on the management port")
                .isEqualTo(404);
    }

    @Test
    void platformIncidentDegradesItsComponentOnThePageOfEveryInstance() throws Exception {
        for (int port : List.of(owner.port(), second.port())) {
            JsonNode components = awaitDegradedChat(port).get("components");
            assertThat(components)
                    .extracting(
                            c -> c.get("name").asText() + "=" + c.get("status").asText())
                    .containsExactly("Chat=degraded_performance", "Voice=operational");
        }
        assertThat(get(owner.port(), "/api/v2/summary.json").body())
                .isEqualTo(get(second.port(), "/api/v2/summary.json").body());
    }

    @Test
    void uptimeHistoryReachesEveryInstanceThroughTheDailyTopic() throws Exception {
        String today = java.time.LocalDate.ofInstant(Instant.now(), java.time.ZoneOffset.UTC)
                .toString();
        for (int port : List.of(owner.port(), second.port())) {
            HttpResponse<String> answer = getUntil(
                    port,
                    "/api/v2/uptime.json",
                    r -> r.statusCode() == 200 && r.body().contains("\"status\":\"degraded_performance\""),
                    Duration.ofSeconds(30));
            JsonNode chat = JSON.readTree(answer.body()).get("components").get(0);
            assertThat(chat.get("component").asText()).isEqualTo("chat");
            JsonNode days = chat.get("days");
            assertThat(days).hasSize(90);
            JsonNode latest = days.get(89);
            assertThat(latest.get("date").asText())
                    .isIn(today, java.time.LocalDate.parse(today).plusDays(1).toString());
            assertThat(latest.get("status").asText())
                    .as("the day's worst status, from tocsin.component-daily")
                    .isEqualTo("degraded_performance");
            // the open time is counted at the page's next refresh step: no data yet, or full uptime
            JsonNode uptime = chat.get("uptime_percentage");
            assertThat(uptime.isNull() || uptime.asDouble() == 100.0)
                    .as("degraded performance is not downtime: " + uptime)
                    .isTrue();
            assertThat(get(port, "/?locale=en").body())
                    .contains("id=\"uptime\"", "data-status=\"degraded_performance\"");
        }
    }

    @Test
    void summaryShowsThePublicUpdateAndNothingInternal() throws Exception {
        awaitDegradedChat(anyPort());
        JsonNode summary = JSON.readTree(get(anyPort(), "/api/v2/summary.json").body());

        assertThat(summary.at("/status/indicator").asText()).isEqualTo("minor");
        assertThat(summary.get("incidents")).singleElement().satisfies(incident -> {
            assertThat(incident.get("name").asText()).isEqualTo("Degraded performance of Chat");
            assertThat(incident.get("status").asText()).isEqualTo("identified");
            assertThat(incident.at("/incident_updates/0/body").asText()).isEqualTo(UPDATE);
        });
        assertThat(summary.toString()).doesNotContain("acme", "alice");
    }

    @Test
    void statusEventsAnnounceTheComponentChangeAndThePublishedIncidentOnce() {
        List<StatusEvent> events =
                PublisherHarness.readUntil(topics.statusEvents(), e -> e.size() >= 2, Duration.ofSeconds(60));

        assertThat(events)
                .extracting(StatusEvent::getType)
                .containsExactlyInAnyOrder(
                        StatusEventType.COMPONENT_STATUS_CHANGED, StatusEventType.INCIDENT_PUBLISHED);
        assertThat(events)
                .allSatisfy(e -> assertThat(String.valueOf(e.getComponent())).isEqualTo("chat"));
    }

    @Test
    void webhookSubscriberGetsOneSignedNotificationInItsLanguage() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (deliveries.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1_000); // a duplicate would arrive within this

        assertThat(deliveries).singleElement().satisfies(delivery -> {
            assertThat(delivery).startsWith("signed ");
            assertThat(delivery)
                    .contains(Messages.forLanguage("de")
                            .format(
                                    "notify.subject.INCIDENT_PUBLISHED",
                                    Messages.forLanguage("de").format("incident.name.DEGRADED_PERFORMANCE", "Chat")));
            assertThat(delivery).doesNotContain("127.0.0.1", "acme");
        });
    }

    @Test
    void unchangedPageAnswers304ToItsEtagAndToIfModifiedSince() throws Exception {
        awaitDegradedChat(anyPort());
        HttpResponse<String> first = get(anyPort(), "/api/v2/status.json");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");

        assertThat(get(anyPort(), "/api/v2/status.json", "If-None-Match", etag).statusCode())
                .isEqualTo(304);
        assertThat(get(owner.port(), "/api/v2/status.json", "If-None-Match", etag)
                        .statusCode())
                .isEqualTo(304);
        assertThat(get(anyPort(), "/api/v2/status.json", "If-Modified-Since", lastModified)
                        .statusCode())
                .isEqualTo(304);
        assertThat(get(anyPort(), "/api/v2/status.json", "If-None-Match", "\"something-else\"")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void unsupportedLocaleIsAProblemNotAGuess() throws Exception {
        HttpResponse<String> answer = get(anyPort(), "/?locale=fr");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(JSON.readTree(answer.body()).at("/errors/0/field").asText()).isEqualTo("locale");
    }

    @Test
    void htmlPageIsServedInTheRequestedLanguage() throws Exception {
        awaitDegradedChat(anyPort());
        for (String language : Messages.SUPPORTED) {
            Messages messages = Messages.forLanguage(language);
            HttpResponse<String> page = get(anyPort(), "/?locale=" + language);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body())
                    .contains("lang=\"" + language + "\"")
                    .contains(messages.text("page.status.degraded"))
                    .contains(messages.text("component.status.DEGRADED_PERFORMANCE"))
                    .contains(UPDATE.replace("'", "&#39;"))
                    .doesNotContain("acme");
        }
        assertThat(get(anyPort(), "/", "Accept-Language", "ja-JP,ja;q=0.9,en;q=0.5")
                        .body())
                .contains("lang=\"ja\"");
    }

    @Test
    void atomFeedCarriesTheIncidentUpdate() throws Exception {
        awaitDegradedChat(anyPort());
        HttpResponse<String> feed = get(anyPort(), "/history.atom");

        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/atom+xml"));
        assertThat(feed.body())
                .contains("<feed", UPDATE.replace("'", "&#39;").substring(0, 20))
                .doesNotContain("acme");
    }
}
