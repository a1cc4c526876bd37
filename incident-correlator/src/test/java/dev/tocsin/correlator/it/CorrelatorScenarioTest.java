package dev.tocsin.correlator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.avro.AlertRef;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.TicketLink;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.correlator.CorrelatorService;
import dev.tocsin.correlator.domain.CorrelationRules;
import dev.tocsin.correlator.domain.SnapshotCoalescing;
import dev.tocsin.correlator.topology.CorrelatorStores;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The correlator on a real broker, end to end: the scripted hour gives exactly the expected
 * incidents, links and ticket updates; replaying the same inputs into a fresh application gives
 * the same incidents; and a replay stopped half-way, its local state wiped and started again,
 * ends identical with no duplicate output. Snapshots are coalesced (SnapshotCoalescing), so the
 * runs agree on every lifecycle turn and on the final snapshot, not on how much churn each
 * interval swallowed.
 */
class CorrelatorScenarioTest {

    private static final int PARTITIONS = 2;
    private static final AvroSerdes SERDES =
            new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl())));
    private static Topics live;
    private static Map<String, Incident> liveIncidents;
    private static List<TicketUpdate> liveTicketUpdates;
    private static String chat;
    private static String chatWebsocket;
    private static String voice;
    private static JsonNode firstPage;
    private static HttpResponse<String> firstPageResponse;
    private static JsonNode secondPage;
    private static JsonNode secondPageAgain;
    private static List<HttpResponse<String>> badPageRequests;

    /** Runs the scenario once, live: inputs, then commands naming the incidents the correlator opened. */
    @BeforeAll
    static void runScenarioLive() throws Exception {
        live = topics();
        produce(
                live.maintenanceWindows(),
                List.of(ScenarioInputs.guideMaintenance()),
                w -> w.getWindowId(),
                w -> w.getUpdatedAt().toEpochMilli());
        String liveApplication = "live-" + UUID.randomUUID();
        try (CorrelatorService service = start(live, liveApplication)) {
            produce(
                    live.alerts(),
                    ScenarioInputs.alertsBeforeCommands(),
                    a -> a.getProduct(),
                    a -> a.getReceivedAt().toEpochMilli());
            produce(
                    live.customerReports(),
                    ScenarioInputs.reports(),
                    r -> r.getProduct(),
                    r -> r.getReceivedAt().toEpochMilli());
            Map<String, Incident> opened = awaitIncidents(live, 3);
            chat = only(
                    opened,
                    i -> i.getProduct().equals("chat") && i.getComponents().contains("api"));
            chatWebsocket = only(
                    opened,
                    i -> i.getProduct().equals("chat") && i.getComponents().contains("websocket"));
            voice = only(opened, i -> i.getProduct().equals("voice"));

            produce(
                    live.incidentCommands(),
                    ScenarioInputs.commands(chat, chatWebsocket, voice),
                    c -> c.getProduct(),
                    c -> c.getIssuedAt().toEpochMilli());
            awaitCaughtUp(liveApplication, live);
            liveIncidents = awaitSettled(
                    live,
                    i -> i.getIncidentId().equals(chat)
                            && i.getStatus() == PublicStatus.RESOLVED
                            && i.getAlertCount() == 12);

            // the query API serves the same incident, with its members
            JsonNode served = getJson("http://127.0.0.1:" + service.port() + "/api/v1/incidents/" + chat);
            assertThat(served.path("status").asText()).isEqualTo("RESOLVED");
            assertThat(getJson("http://127.0.0.1:" + service.port() + "/api/v1/incidents/" + chat + "/alerts?limit=5")
                            .path("total")
                            .asInt())
                    .isEqualTo(12);
            assertThat(awaitTicket(service, "T-talk-1").path("triageOutcome").asText())
                    .isEqualTo("STANDARD_TROUBLESHOOTING");

            // the incident list in pages of two over both partitions' stores
            String base = "http://127.0.0.1:" + service.port();
            firstPageResponse = get(base + "/api/v1/incidents?status=all&limit=2");
            firstPage = new ObjectMapper().readTree(firstPageResponse.body());
            secondPage = getJson(base + firstPage.path("next").asText());
            secondPageAgain = getJson(base + "/api/v1/incidents?status=all&limit=2&cursor="
                    + firstPage.path("cursor").asText());
            badPageRequests = new ArrayList<>();
            for (String query : List.of("limit=0", "limit=1001", "limit=two", "cursor=not-a-cursor")) {
                badPageRequests.add(get(base + "/api/v1/incidents?" + query));
            }
        }
        liveTicketUpdates = readAll(live.ticketUpdates()).stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    @Test
    void scriptedHourGivesExactlyTheExpectedIncidents() {
        assertThat(liveIncidents.values())
                .extracting(Incident::getProduct)
                .containsExactlyInAnyOrder("chat", "chat", "voice");

        Incident chatIncident = liveIncidents.get(chat);
        assertThat(chatIncident.getStatus()).isEqualTo(PublicStatus.RESOLVED);
        assertThat(chatIncident.getAlertCount())
                .as("10 storm alerts, 1 flapping, 1 merged in")
                .isEqualTo(12);
        assertThat(chatIncident.getFlapCount()).isEqualTo(1);
        assertThat(chatIncident.getAcknowledged()).isTrue();
        assertThat(chatIncident.getComponents()).contains("api", "websocket");
        assertThat(fingerprints(chatIncident)).contains("chat-flap", "chat-ws-1", "chat-api-0", "chat-api-9");

        Incident merged = liveIncidents.get(chatWebsocket);
        assertThat(merged.getMergedInto()).isEqualTo(chat);
        assertThat(merged.getStatus()).isEqualTo(PublicStatus.RESOLVED);

        Incident voiceIncident = liveIncidents.get(voice);
        assertThat(voiceIncident.getCustomerReported()).isTrue();
        assertThat(voiceIncident.getStatus()).isEqualTo(PublicStatus.IDENTIFIED);
        assertThat(voiceIncident.getOrganizationCount()).isEqualTo(4);
        assertThat(voiceIncident.getLinkedTickets())
                .extracting(TicketLink::getTicketId)
                .containsExactlyInAnyOrder("T-voice-1", "T-voice-2", "T-voice-3", "T-voice-4");
    }

    @Test
    void maintenanceAndCustomerResponsibilityOpenNoIncident() {
        assertThat(liveIncidents.values())
                .noneMatch(i -> i.getProduct().equals("guide") || i.getProduct().equals("talk"));
        assertThat(liveTicketUpdates)
                .filteredOn(u -> u.getTicketId().equals("T-talk-1"))
                .singleElement()
                .satisfies(u -> {
                    assertThat(u.getTriageOutcome()).isEqualTo(TriageOutcome.STANDARD_TROUBLESHOOTING);
                    assertThat(u.getReason()).containsIgnoringCase("wi-fi");
                });
    }

    @Test
    void everyVoiceTicketIsLinkedAndToldOfTheStatusChange() {
        Map<String, List<TicketUpdate>> byTicket = liveTicketUpdates.stream()
                .filter(u -> u.getTicketId().startsWith("T-voice"))
                .collect(Collectors.groupingBy(TicketUpdate::getTicketId));
        assertThat(byTicket).hasSize(4);
        byTicket.forEach((ticket, updates) -> {
            assertThat(updates).as(ticket).anySatisfy(u -> {
                assertThat(u.getKind()).isEqualTo(TicketUpdateKind.TRIAGED);
                assertThat(u.getTriageOutcome()).isIn(TriageOutcome.NEW_INCIDENT, TriageOutcome.LINKED);
                assertThat(u.getIncidentId()).isEqualTo(voice);
            });
            assertThat(updates).as(ticket).anySatisfy(u -> {
                assertThat(u.getKind()).isEqualTo(TicketUpdateKind.INCIDENT_STATUS_CHANGED);
                assertThat(u.getIncidentStatus()).isEqualTo(PublicStatus.IDENTIFIED);
                assertThat(u.getPublicMessage()).contains("carrier route");
            });
        });
    }

    @Test
    void replayIntoAFreshApplicationGivesTheSameIncidentsAndARestartWithWipedStateChangesNothing() throws Exception {
        // replay 1: the same inputs, copied to fresh topics, into a fresh application
        Topics replay = copyInputs();
        String replayApplication = "replay-" + UUID.randomUUID();
        try (CorrelatorService service = start(replay, replayApplication)) {
            awaitCaughtUp(replayApplication, replay);
            awaitLatest(
                    replay, latest -> project(latest).equals(project(liveIncidents))); // the last interval's snapshots
        }
        Map<String, Incident> replayed = latestById(readAll(replay.incidents()));
        assertThat(project(replayed)).isEqualTo(project(liveIncidents));

        // replay 2: stopped half-way, local state wiped, started again
        Topics restarted = copyInputs();
        String applicationId = "restart-" + UUID.randomUUID();
        Path stateDir = Files.createTempDirectory("correlator-restart");
        // small polls and frequent commits, so the stop lands mid-way through the inputs
        try (CorrelatorService first =
                start(restarted, applicationId, stateDir, Map.of("KAFKA_MAX_POLL_RECORDS", "5"))) {
            awaitIncidents(restarted, 1);
        }
        deleteRecursively(stateDir);
        try (CorrelatorService second = start(restarted, applicationId, stateDir, Map.of())) {
            awaitCaughtUp(applicationId, restarted);
            awaitLatest(restarted, latest -> latest.equals(replayed));
        }
        List<ConsumerRecord<String, Incident>> snapshots = readAll(restarted.incidents());
        assertThat(latestById(snapshots)).isEqualTo(replayed);
        assertThat(versions(snapshots))
                .as("no snapshot written twice")
                .allSatisfy((id, versions) ->
                        assertThat(versions).doesNotHaveDuplicates().isSorted());
        assertThat(lifecycleTurns(snapshots))
                .as("no lifecycle change lost or repeated")
                .isEqualTo(lifecycleTurns(readAll(replay.incidents())));
        assertThat(readAll(restarted.incidentEvents()))
                .extracting(r -> r.value().getEventId())
                .doesNotHaveDuplicates()
                .hasSameSizeAs(readAll(replay.incidentEvents()));
        assertThat(readAll(restarted.ticketUpdates())).hasSameSizeAs(readAll(replay.ticketUpdates()));
    }

    @Test
    void aSnapshotPendingAtARestartInTheMiddleOfAnIntervalIsWrittenExactlyOnce() throws Exception {
        Topics topics = topics();
        String applicationId = "pending-" + UUID.randomUUID();
        Path stateDir = Files.createTempDirectory("correlator-pending");
        produce(
                topics.alerts(),
                ScenarioInputs.storm("chat", 20),
                a -> a.getProduct(),
                a -> a.getReceivedAt().toEpochMilli());
        // an interval of an hour: the storm's churn is still pending when the first run stops
        try (CorrelatorService first =
                start(topics, applicationId, stateDir, Map.of("TOCSIN_CORRELATOR_SNAPSHOT_INTERVAL", "1h"))) {
            awaitCaughtUp(applicationId, topics);
        }
        List<ConsumerRecord<String, Incident>> beforeRestart = readAll(topics.incidents());
        assertThat(beforeRestart)
                .as("only lifecycle changes so far")
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.value().getAlertCount()).isLessThan(20));

        deleteRecursively(stateDir); // the pending mark must come back from the changelog, as after a lost machine
        try (CorrelatorService second = start(topics, applicationId, stateDir, Map.of())) {
            awaitLatest(topics, latest -> latest.values().stream().anyMatch(i -> i.getAlertCount() == 20));
        }
        List<ConsumerRecord<String, Incident>> all = readAll(topics.incidents());
        assertThat(all)
                .as("one snapshot written after the restart")
                .hasSize(beforeRestart.size() + 1)
                .filteredOn(r -> r.value().getAlertCount() == 20)
                .hasSize(1);
        assertThat(versions(all))
                .allSatisfy((id, versions) ->
                        assertThat(versions).doesNotHaveDuplicates().isSorted());
    }

    // ---- projection: what "the same incidents" means (ids, members, severities, states)

    private static Map<String, String> project(Map<String, Incident> incidents) {
        Map<String, String> out = new TreeMap<>();
        incidents.forEach((id, i) -> out.put(
                id,
                i.getProduct() + " " + i.getStatus() + " sev" + i.getSeverity() + " "
                        + i.getScope() + " merged=" + i.getMergedInto() + " alerts=" + fingerprints(i) + " tickets="
                        + new TreeSet<>(i.getLinkedTickets().stream()
                                .map(TicketLink::getTicketId)
                                .toList()) + " orgs="
                        + new TreeSet<>(i.getAffectedOrganizations()) + " counts=" + i.getAlertCount() + "/"
                        + i.getTicketCount()
                        + "/" + i.getOrganizationCount() + "/" + i.getFlapCount()));
        return out;
    }

    private static Set<String> fingerprints(Incident incident) {
        return new TreeSet<>(
                incident.getAlerts().stream().map(AlertRef::getFingerprint).toList());
    }

    // ---- harness

    /**
     * The dependency graph on the broker: the dependant's partition sees the upstream incident through
     * the global view of tocsin.incidents, and its absorb command reaches the upstream's partition
     * through tocsin.incident-commands; when the upstream resolves, the dependant opens its own.
     */
    @Test
    void anOpenUpstreamIncidentAbsorbsADependantAlertAndReleasesItWhenResolved() throws Exception {
        Topics topics = topics();
        Path policy = Files.createTempFile("policy", ".yaml");
        // with two partitions, murmur2 puts "voice" on partition 1 and "sip" on partition 0: a cross-partition path
        Files.writeString(policy, "dependencies:\n  voice: [sip]\n");
        Instant now = Instant.now();
        try (CorrelatorService service = start(
                topics,
                "deps-" + UUID.randomUUID(),
                Files.createTempDirectory("correlator-state"),
                Map.of("TOCSIN_CORRELATOR_POLICY", policy.toString()))) {
            produce(
                    topics.alerts(),
                    List.of(ScenarioInputs.firing("sip", "trunk-down", now)),
                    a -> a.getProduct(),
                    a -> a.getReceivedAt().toEpochMilli());
            String upstream =
                    only(awaitIncidents(topics, 1), i -> i.getProduct().equals("sip"));
            awaitOpenInGlobalView(service, "sip");

            produce(
                    topics.alerts(),
                    List.of(ScenarioInputs.firing("voice", "calls-failing", now.plusSeconds(1))),
                    a -> a.getProduct(),
                    a -> a.getReceivedAt().toEpochMilli());
            Map<String, Incident> absorbed = awaitSettled(
                    topics,
                    i -> i.getIncidentId().equals(upstream)
                            && i.getEvidence().stream()
                                    .anyMatch(e -> e.getRule().equals(CorrelationRules.ABSORBED_DEPENDANT)));
            assertThat(absorbed.values()).noneMatch(i -> i.getProduct().equals("voice"));

            produce(
                    topics.incidentCommands(),
                    List.of(ScenarioInputs.resolve(upstream, now.plusSeconds(2))),
                    c -> c.getProduct(),
                    c -> c.getIssuedAt().toEpochMilli());
            awaitSettled(topics, i -> i.getProduct().equals("voice"));
        }
    }

    /**
     * Support moves a ticket between two products on different partitions (with two partitions,
     * murmur2 puts "voice" on 1 and "sip" on 0): the old product's incident lets it go, the new one
     * triages it once, and the query API finds it once, under the new product.
     */
    @Test
    void aTicketReclassifiedToAProductOnAnotherPartitionIsTriagedOnceAndLeavesTheOldIncident() throws Exception {
        Topics topics = topics();
        Instant now = Instant.now();
        try (CorrelatorService service = start(topics, "reclass-" + UUID.randomUUID())) {
            produce(
                    topics.alerts(),
                    List.of(
                            ScenarioInputs.firing("voice", "calls-failing", now),
                            ScenarioInputs.firing("sip", "trunk-down", now)),
                    a -> a.getProduct(),
                    a -> a.getReceivedAt().toEpochMilli());
            Map<String, Incident> opened = awaitIncidents(topics, 2);
            String voiceIncident = only(opened, i -> i.getProduct().equals("voice"));
            String sipIncident = only(opened, i -> i.getProduct().equals("sip"));
            produce(
                    topics.customerReports(),
                    List.of(ScenarioInputs.report("T-moved", "org-1", "voice", now.plusSeconds(1))),
                    r -> r.getProduct(),
                    r -> r.getReceivedAt().toEpochMilli());
            awaitSettled(topics, i -> i.getIncidentId().equals(voiceIncident) && i.getTicketCount() == 1);

            produce(
                    topics.customerReports(),
                    List.of(ScenarioInputs.report("T-moved", "org-1", "sip", now.plusSeconds(2))),
                    r -> r.getProduct(),
                    r -> r.getReceivedAt().toEpochMilli());
            awaitLatest(
                    topics,
                    latest -> latest.get(sipIncident).getTicketCount() == 1
                            && latest.get(voiceIncident).getTicketCount() == 0);

            Map<String, Incident> latest = latestById(readAll(topics.incidents()));
            assertThat(latest.get(voiceIncident).getTicketCount()).isZero();
            assertThat(latest.get(voiceIncident).getOrganizationCount()).isZero();
            assertThat(latest.get(sipIncident).getTicketCount()).isEqualTo(1);
            assertThat(latest.get(sipIncident).getOrganizationCount()).isEqualTo(1);
            List<TicketUpdate> updates = readAll(topics.ticketUpdates()).stream()
                    .map(ConsumerRecord::value)
                    .filter(u -> u.getTicketId().equals("T-moved"))
                    .toList();
            assertThat(updates)
                    .extracting(u -> u.getKind() + " " + u.getIncidentId())
                    .containsExactlyInAnyOrder(
                            "TRIAGED " + voiceIncident, "UNLINKED " + voiceIncident, "TRIAGED " + sipIncident);
            JsonNode ticket = awaitTicket(service, "T-moved");
            assertThat(ticket.path("product").asText()).isEqualTo("sip");
            assertThat(ticket.path("incidentId").asText()).isEqualTo(sipIncident);
        }
    }

    /** Waits until the global view of open incidents (read by another thread) shows the product's incident. */
    private static void awaitOpenInGlobalView(CorrelatorService service, String product) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                ReadOnlyKeyValueStore<String, String> view = service.streams()
                        .streams()
                        .store(StoreQueryParameters.fromNameAndType(
                                CorrelatorStores.OPEN_INCIDENTS, QueryableStoreTypes.<String, String>keyValueStore()));
                if (view.get(product) != null) {
                    return;
                }
            } catch (InvalidStateStoreException starting) {
                // not queryable yet: ask again
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no open " + product + " incident in the global view");
    }

    private static Topics topics() throws Exception {
        Topics topics = Topics.create("scenario-" + UUID.randomUUID().toString().substring(0, 8) + ".", SERDES);
        try (Admin admin = admin()) {
            TopicProvisioner.createTopics(admin, topics, PARTITIONS, (short) 1);
        }
        return topics;
    }

    private static Topics copyInputs() throws Exception {
        Topics target = topics();
        copy(live.maintenanceWindows(), target.maintenanceWindows());
        copy(live.alerts(), target.alerts());
        copy(live.customerReports(), target.customerReports());
        copy(live.incidentCommands(), target.incidentCommands());
        return target;
    }

    private static <V> void copy(Topic<String, V> from, Topic<String, V> to) {
        try (KafkaProducer<String, V> producer = producer(to)) {
            for (ConsumerRecord<String, V> r : readAll(from)) {
                producer.send(new ProducerRecord<>(to.name(), r.partition(), r.timestamp(), r.key(), r.value()));
            }
        }
    }

    private static CorrelatorService start(Topics topics, String applicationId) throws Exception {
        return start(topics, applicationId, Files.createTempDirectory("correlator-state"), Map.of());
    }

    private static CorrelatorService start(
            Topics topics, String applicationId, Path stateDir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("TOCSIN_ENV", "local");
        env.put("KAFKA_BOOTSTRAP_SERVERS", SharedTestStack.bootstrapServers());
        env.put("TOCSIN_SCHEMA_REGISTRY_URL", SharedTestStack.registryUrl());
        env.put(
                "TOCSIN_TOPIC_PREFIX",
                topics.alerts().name().substring(0, topics.alerts().name().indexOf("alerts")));
        env.put("TOCSIN_APPLICATION_ID", applicationId);
        env.put("TOCSIN_STATE_DIR", stateDir.toString());
        env.put("TOCSIN_HTTP_HOST", "127.0.0.1");
        env.put("TOCSIN_HTTP_PORT", "0");
        env.put("TOCSIN_CORRELATOR_MANAGEMENT_PORT", "0");
        env.put("KAFKA_COMMIT_INTERVAL_MS", "100");
        env.put("TOCSIN_CORRELATOR_CLOCK_INTERVAL", "1s");
        env.putAll(extra);
        return CorrelatorService.start(new Environment(env), () -> {});
    }

    private static <V extends SpecificRecord> void produce(
            Topic<String, V> topic,
            List<V> values,
            java.util.function.Function<V, String> key,
            java.util.function.ToLongFunction<V> timestamp) {
        try (KafkaProducer<String, V> producer = producer(topic)) {
            for (V value : values) {
                producer.send(new ProducerRecord<>(
                        topic.name(), null, timestamp.applyAsLong(value), key.apply(value), value));
            }
        }
    }

    private static <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
        return new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedTestStack.bootstrapServers(), "acks", "all"),
                topic.keySerde().serializer(),
                topic.valueSerde().serializer());
    }

    private static <V> List<ConsumerRecord<String, V>> readAll(Topic<String, V> topic) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", SharedTestStack.bootstrapServers(), "isolation.level", "read_committed"),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        records.sort(Comparator.comparingLong((ConsumerRecord<String, V> r) -> r.timestamp())
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }

    /** Per incident, the versions of the snapshots that changed its lifecycle (SnapshotCoalescing), in order. */
    private static Map<String, List<Long>> lifecycleTurns(List<ConsumerRecord<String, Incident>> snapshots) {
        Map<String, List<Long>> out = new TreeMap<>();
        Map<String, String> last = new HashMap<>();
        for (ConsumerRecord<String, Incident> r : snapshots) {
            if (SnapshotCoalescing.mustEmitAtOnce(last.get(r.key()), r.value())) {
                last.put(r.key(), SnapshotCoalescing.lifecycle(r.value()));
                out.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(r.value().getVersion());
            }
        }
        return out;
    }

    /** Waits until the latest snapshots satisfy {@code done}: the flush of the last coalescing interval. */
    private static void awaitLatest(Topics topics, java.util.function.Predicate<Map<String, Incident>> done)
            throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!done.test(latestById(readAll(topics.incidents()))) && System.currentTimeMillis() < deadline) {
            Thread.sleep(300);
        }
    }

    /** Per incident, the versions its snapshots carried, in the order written. */
    private static Map<String, List<Long>> versions(List<ConsumerRecord<String, Incident>> snapshots) {
        Map<String, List<Long>> out = new TreeMap<>();
        snapshots.forEach(r -> out.computeIfAbsent(r.key(), k -> new ArrayList<>())
                .add(r.value().getVersion()));
        return out;
    }

    private static Map<String, Incident> latestById(List<ConsumerRecord<String, Incident>> snapshots) {
        Map<String, Incident> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, Incident> r : snapshots) {
            latest.merge(r.key(), r.value(), (a, b) -> b.getVersion() >= a.getVersion() ? b : a);
        }
        return latest;
    }

    private static Map<String, Incident> awaitIncidents(Topics topics, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        Map<String, Incident> latest = Map.of();
        while (latest.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(300);
            latest = latestById(readAll(topics.incidents()));
        }
        assertThat(latest).as("incidents on " + topics.incidents().name()).hasSizeGreaterThanOrEqualTo(count);
        return latest;
    }

    private static Map<String, Incident> awaitSettled(Topics topics, java.util.function.Predicate<Incident> done)
            throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        Map<String, Incident> latest = Map.of();
        while (latest.values().stream().noneMatch(done) && System.currentTimeMillis() < deadline) {
            Thread.sleep(300);
            latest = latestById(readAll(topics.incidents()));
        }
        assertThat(latest.values()).as("settled incidents " + latest.keySet()).anyMatch(done);
        return latest;
    }

    /** Waits until the application's committed offsets reach the end of every input topic. */
    private static void awaitCaughtUp(String applicationId, Topics topics) throws Exception {
        List<TopicPartition> inputs = new ArrayList<>();
        for (String name : List.of(
                topics.alerts().name(),
                topics.customerReports().name(),
                topics.incidentCommands().name())) {
            for (int p = 0; p < PARTITIONS; p++) {
                inputs.add(new TopicPartition(name, p));
            }
        }
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(inputs.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((tp, info) -> end.put(tp, info.offset()));
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                boolean caughtUp = inputs.stream()
                        .allMatch(tp -> end.get(tp) == 0
                                || (committed.get(tp) != null
                                        && committed.get(tp).offset() >= end.get(tp)));
                if (caughtUp) {
                    return;
                }
                Thread.sleep(300);
            }
            throw new AssertionError(applicationId + " did not catch up with " + inputs);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()));
    }

    private static String only(Map<String, Incident> incidents, java.util.function.Predicate<Incident> which) {
        List<String> ids = incidents.values().stream()
                .filter(which)
                .map(Incident::getIncidentId)
                .toList();
        assertThat(ids).as("incidents " + incidents.keySet()).hasSize(1);
        return ids.get(0);
    }

    /** The query API's answer for a ticket, once it has one: reports reach the correlator through two repartition topics. */
    private static JsonNode awaitTicket(CorrelatorService service, String ticketId) throws Exception {
        String url = "http://127.0.0.1:" + service.port() + "/api/v1/tickets/" + ticketId;
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> response = get(url);
            if (response.statusCode() != 404) {
                break;
            }
            Thread.sleep(300);
        }
        return getJson(url);
    }

    @Test
    void incidentListPagesInIdOrderWithACursorThatContinuesWhereThePageEnded() {
        assertThat(firstPageResponse.statusCode()).isEqualTo(200);
        List<String> first = new ArrayList<>();
        firstPage.path("incidents").forEach(i -> first.add(i.path("id").asText()));
        List<String> second = new ArrayList<>();
        secondPage.path("incidents").forEach(i -> second.add(i.path("id").asText()));

        assertThat(first).hasSize(2).isSorted();
        assertThat(second).hasSize(1);
        assertThat(second.get(0)).isGreaterThan(first.get(1));
        assertThat(new TreeSet<>(List.of(first.get(0), first.get(1), second.get(0))))
                .isEqualTo(new TreeSet<>(Set.of(chat, chatWebsocket, voice)));
        assertThat(firstPageResponse.headers().firstValue("Link"))
                .contains("<" + firstPage.path("next").asText() + ">; rel=\"next\"");
        assertThat(secondPage.has("next")).as("the last page has no next").isFalse();
        assertThat(secondPageAgain).as("a cursor reads the same page again").isEqualTo(secondPage);
    }

    @Test
    void aLimitOutsideOneToAThousandOrAForeignCursorIsA422Problem() {
        assertThat(badPageRequests).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        });
    }

    private static HttpResponse<String> get(String url) throws Exception {
        // the local mode's operator credential, as ./tocsin local prints it
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer local-dev-token")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = get(url);
        assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
