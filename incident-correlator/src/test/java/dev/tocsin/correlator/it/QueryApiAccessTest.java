package dev.tocsin.correlator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Silence;
import dev.tocsin.avro.SilenceMatcher;
import dev.tocsin.correlator.CorrelatorService;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.http.InstanceToken;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The query API of two correlator instances sharing one application, against the real broker:
 * operator and support credentials, the internal {@code local=true} flag honoured only between
 * instances (which still fan out and proxy to each other), metrics only on the management port.
 */
class QueryApiAccessTest {

    private static final String OPERATOR = "it-operator-token";
    private static final String SUPPORT = "it-support-token";
    private static final String INTERNAL = "it-internal-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** With two partitions, murmur2 puts "sip" on partition 0 and "voice" on partition 1: one on each instance. */
    private static final List<String> PRODUCTS = List.of("sip", "voice");

    private static final String SILENCED_ALERTNAME = "KnownNoisy";
    private static final Instant SILENCE_ENDS = Instant.parse("2099-01-01T00:00:00Z");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<CorrelatorService> instances = new ArrayList<>();
    private static List<String> incidentIds;

    @BeforeAll
    static void startTwoInstancesWithAnIncidentEach() throws Exception {
        Topics topics = Topics.create(
                "query-" + UUID.randomUUID().toString().substring(0, 8) + ".",
                new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl()))));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()))) {
            TopicProvisioner.createTopics(admin, topics, 2, (short) 1);
        }
        silenceBeforeTheInstancesStart(topics);
        String application = "query-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            int port = freePort();
            Map<String, String> env = new HashMap<>();
            env.put("TOCSIN_ENV", "local");
            env.put("KAFKA_BOOTSTRAP_SERVERS", SharedTestStack.bootstrapServers());
            env.put("TOCSIN_SCHEMA_REGISTRY_URL", SharedTestStack.registryUrl());
            env.put(
                    "TOCSIN_TOPIC_PREFIX",
                    topics.alerts().name().substring(0, topics.alerts().name().indexOf("alerts")));
            env.put("TOCSIN_APPLICATION_ID", application);
            env.put(
                    "TOCSIN_STATE_DIR",
                    Files.createTempDirectory("correlator-query").toString());
            env.put("TOCSIN_HTTP_HOST", "127.0.0.1");
            env.put("TOCSIN_HTTP_PORT", String.valueOf(port));
            env.put("TOCSIN_CORRELATOR_MANAGEMENT_PORT", "0");
            env.put("TOCSIN_CORRELATOR_APPLICATION_SERVER", "127.0.0.1:" + port);
            env.put("TOCSIN_INTERNAL_TOKEN", INTERNAL);
            env.put("TOCSIN_CORRELATOR_OPERATOR_TOKENS", OPERATOR);
            env.put("TOCSIN_CORRELATOR_SUPPORT_TOKENS", SUPPORT);
            env.put("KAFKA_COMMIT_INTERVAL_MS", "100");
            instances.add(CorrelatorService.start(new Environment(env), () -> {}));
        }
        Instant now = Instant.now();
        try (KafkaProducer<String, MonitoringAlert> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedTestStack.bootstrapServers(), "acks", "all"),
                topics.alerts().keySerde().serializer(),
                topics.alerts().valueSerde().serializer())) {
            for (String product : PRODUCTS) {
                MonitoringAlert alert = ScenarioInputs.firing(product, product + "-down", now);
                producer.send(new ProducerRecord<>(topics.alerts().name(), null, now.toEpochMilli(), product, alert));
                MonitoringAlert silenced = MonitoringAlert.newBuilder(
                                ScenarioInputs.firing(product, product + "-noisy", now))
                        .setLabels(Map.of("alertname", SILENCED_ALERTNAME))
                        .build();
                producer.send(
                        new ProducerRecord<>(topics.alerts().name(), null, now.toEpochMilli(), product, silenced));
            }
        }
        incidentIds = awaitEveryProductListedByBothInstances();
    }

    /** Written before the instances start, so their global silences table has it when the alerts come. */
    private static void silenceBeforeTheInstancesStart(Topics topics) throws Exception {
        Instant now = Instant.now();
        Silence silence = Silence.newBuilder()
                .setSilenceId("s-noisy")
                .setMatchers(List.of(new SilenceMatcher("alertname", SILENCED_ALERTNAME, false, true)))
                .setStartsAt(now.minus(Duration.ofHours(1)))
                .setEndsAt(SILENCE_ENDS)
                .setCreatedBy("oncall")
                .setComment("known noisy")
                .setUpdatedAt(now)
                .build();
        try (KafkaProducer<String, Silence> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedTestStack.bootstrapServers(), "acks", "all"),
                topics.silences().keySerde().serializer(),
                topics.silences().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.silences().name(), "s-noisy", silence))
                    .get();
        }
    }

    @AfterAll
    static void stop() {
        instances.forEach(CorrelatorService::close);
    }

    @Test
    void theQueryApiWithoutCredentialsIs401WithAChallenge() throws Exception {
        for (String path : List.of(
                "/api/v1/incidents",
                "/api/v1/incidents/" + incidentIds.get(0),
                "/api/v1/incidents/" + incidentIds.get(0) + "/alerts",
                "/api/v1/tickets/T-1")) {
            HttpResponse<String> response = get(0, path, Map.of());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .as(path)
                    .isPresent();
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(get(0, "/api/v1/incidents", bearer("local-dev-token")).statusCode())
                .as("configured tokens replace the dev token")
                .isEqualTo(401);
    }

    @Test
    void supportReadsIncidentsButTheRawAlertsOfAnIncidentAreForOperators() throws Exception {
        String id = incidentIds.get(0);
        assertThat(get(0, "/api/v1/incidents/" + id, bearer(SUPPORT)).statusCode())
                .isEqualTo(200);
        assertThat(get(0, "/api/v1/incidents/" + id + "/tickets", bearer(SUPPORT))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> alerts = get(0, "/api/v1/incidents/" + id + "/alerts", bearer(SUPPORT));
        assertThat(alerts.statusCode()).isEqualTo(403);
        assertThat(alerts.body()).contains("operator");
        assertThat(get(0, "/api/v1/incidents/" + id + "/alerts", bearer(OPERATOR))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void localTrueFromOutsideIsRefusedWhileTheInstancesStillAnswerEachOther() throws Exception {
        for (int instance = 0; instance < 2; instance++) {
            HttpResponse<String> outside = get(instance, "/api/v1/incidents?local=true", bearer(OPERATOR));
            assertThat(outside.statusCode()).isEqualTo(403);
            assertThat(outside.body()).contains("between instances");
        }
        Set<String> localIds = new TreeSet<>();
        for (int instance = 0; instance < 2; instance++) {
            HttpResponse<String> between =
                    get(instance, "/api/v1/incidents?status=all&local=true", Map.of(InstanceToken.HEADER, INTERNAL));
            assertThat(between.statusCode()).isEqualTo(200);
            localIds.addAll(ids(between));
        }
        assertThat(localIds).containsExactlyInAnyOrderElementsOf(incidentIds);
        // every incident is served by either instance: the owner answers, the other proxies with the token
        for (String id : incidentIds) {
            for (int instance = 0; instance < 2; instance++) {
                HttpResponse<String> one = get(instance, "/api/v1/incidents/" + id, bearer(SUPPORT));
                assertThat(one.statusCode())
                        .as(id + " from instance " + instance)
                        .isEqualTo(200);
                assertThat(JSON.readTree(one.body()).path("id").asText()).isEqualTo(id);
            }
        }
    }

    @Test
    void heldAlertsOfEveryInstanceArePagedForOperatorsWithWhyAndUntilWhenTheyAreHeld() throws Exception {
        List<JsonNode> held = awaitHeldAlerts(0, "/api/v1/alerts?held=true");
        assertThat(held)
                .extracting(alert -> alert.path("fingerprint").asText())
                .containsExactly("sip-noisy", "voice-noisy");
        JsonNode hold = held.get(0).path("hold");
        assertThat(hold.path("reason").asText()).isEqualTo("SILENCED");
        assertThat(hold.path("by").asText()).isEqualTo("s-noisy");
        assertThat(hold.path("until").asText()).isEqualTo(SILENCE_ENDS.toString());
        assertThat(held.get(0).path("labels").path("alertname").asText()).isEqualTo(SILENCED_ALERTNAME);

        // one per page, across both instances' partitions, from either instance
        HttpResponse<String> first = get(1, "/api/v1/alerts?held=true&limit=1", bearer(OPERATOR));
        JsonNode firstPage = JSON.readTree(first.body());
        assertThat(firstPage.path("alerts"))
                .extracting(a -> a.path("fingerprint").asText())
                .containsExactly("sip-noisy");
        JsonNode secondPage = JSON.readTree(
                get(0, firstPage.path("next").asText(), bearer(OPERATOR)).body());
        assertThat(secondPage.path("alerts"))
                .extracting(a -> a.path("fingerprint").asText())
                .containsExactly("voice-noisy");
        assertThat(JSON.readTree(get(0, "/api/v1/alerts?held=true&product=voice", bearer(OPERATOR))
                                .body())
                        .path("alerts"))
                .extracting(a -> a.path("fingerprint").asText())
                .containsExactly("voice-noisy");
    }

    @Test
    void heldAlertsAreForOperatorsAndBadParametersAre422Problems() throws Exception {
        assertThat(get(0, "/api/v1/alerts?held=true", bearer(SUPPORT)).statusCode())
                .isEqualTo(403);
        assertThat(get(0, "/api/v1/alerts?held=true", Map.of()).statusCode()).isEqualTo(401);
        for (String query : List.of("", "?held=false", "?held=true&limit=0", "?held=true&cursor=nonsense")) {
            HttpResponse<String> bad = get(0, "/api/v1/alerts" + query, bearer(OPERATOR));
            assertThat(bad.statusCode()).as(query).isEqualTo(422);
            assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
    }

    @Test
    void metricsAreServedOnTheManagementPortAndNotOnTheQueryPort() throws Exception {
        CorrelatorService service = instances.get(0);
        assertThat(get(0, "/metrics", bearer(OPERATOR)).statusCode()).isEqualTo(404);
        HttpResponse<String> metrics = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.managementPort() + "/metrics"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("service=\"incident-correlator\"");
    }

    /** Waits until each instance's merged list shows an incident of every product; returns their ids. */
    private static List<String> awaitEveryProductListedByBothInstances() throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        List<String> last = List.of();
        while (System.currentTimeMillis() < deadline) {
            List<Set<String>> seen = new ArrayList<>();
            for (int instance = 0; instance < 2; instance++) {
                HttpResponse<String> list = get(instance, "/api/v1/incidents?status=all", bearer(OPERATOR));
                seen.add(list.statusCode() == 200 ? new TreeSet<>(ids(list)) : Set.of());
            }
            last = new ArrayList<>(seen.get(0));
            if (seen.get(0).size() == PRODUCTS.size() && seen.get(0).equals(seen.get(1))) {
                return last;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("both instances should list one incident per product, saw " + last);
    }

    private static List<JsonNode> awaitHeldAlerts(int instance, String path) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        List<JsonNode> last = List.of();
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> list = get(instance, path, bearer(OPERATOR));
            if (list.statusCode() == 200) {
                last = new ArrayList<>();
                JSON.readTree(list.body()).path("alerts").forEach(last::add);
                if (last.size() == PRODUCTS.size()) {
                    return last;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("one held alert per product should be listed, saw " + last);
    }

    private static List<String> ids(HttpResponse<String> list) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode incident : JSON.readTree(list.body()).path("incidents")) {
            ids.add(incident.path("id").asText());
        }
        return ids;
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> get(int instance, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + instances.get(instance).port() + path));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
