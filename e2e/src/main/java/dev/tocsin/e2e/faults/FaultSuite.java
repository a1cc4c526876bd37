package dev.tocsin.e2e.faults;

import dev.tocsin.e2e.bench.Offsets;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The fault-injection suite (issue 11): the deployed shape ({@link FaultStack}) under alert load
 * ({@link TaggedAlertLoad}), one fault after another, each judged by a read_committed reader of every
 * output topic ({@link PipelineOutput}). A scenario passes when every alert acknowledged with 202 is in
 * {@code tocsin.alerts} exactly once and was taken into an incident exactly once, the incidents' alert
 * counts add up, no incident event, status event or notification id was written twice, and the
 * dead-letter topic grew by exactly the poison injected.
 *
 * <p>{@code FaultSuite short|full [DIR]}: short is the CI variant (each service killed once, poison,
 * a wiped state directory, replay); full adds ten kills of each service, a broker restart, a paused
 * correlator, a stopped registry and an unreachable Kafka. Prints the table; exit 1 when a row fails.
 */
public final class FaultSuite {

    /**
     * What Kafka Streams logs when a zombie's producer is fenced (TaskMigratedException): "Producer got fenced" when
     * the broker answers ProducerFenced, "the producer is fenced" when transactions v2 bumped the epoch and the broker
     * answers InvalidProducerEpoch; which one depends on where the pause caught the transaction.
     */
    private static final List<String> FENCED = List.of("got fenced", "producer is fenced");
    /** Poison records per input topic. */
    static final int POISON_PER_TOPIC = 2;
    /** Alerts of scenario {@code k} are numbered from {@code k * ALERTS_PER_SCENARIO}, so ids never collide. */
    private static final long ALERTS_PER_SCENARIO = 1_000_000_000L;

    private final FaultStack stack;
    private final boolean full;
    private final List<ScenarioResult> results = new ArrayList<>();
    /** Poison on the correlator's inputs, which the replay copies and dead-letters again. */
    private long poisonOnCorrelatorInputs;

    private int scenarios;

    FaultSuite(FaultStack stack, boolean full) {
        this.stack = stack;
        this.full = full;
    }

    public static void main(String[] args) throws Exception {
        boolean full = args.length > 0 && args[0].equals("full");
        Path dir = args.length > 1
                ? Path.of(args[1])
                : Path.of(
                        "e2e",
                        "target",
                        "faults",
                        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<ScenarioResult> results = run(dir, full);
        System.out.println();
        System.out.println(ScenarioResult.table(results));
        System.out.println("logs: " + dir.toAbsolutePath());
        System.exit(results.stream().allMatch(ScenarioResult::passed) ? 0 : 1);
    }

    /** Runs the short or full suite in {@code dir} (logs and data); the stack is stopped at the end. */
    static List<ScenarioResult> run(Path dir, boolean full) throws Exception {
        try (FaultStack stack = new FaultStack(dir)) {
            long started = System.nanoTime();
            stack.start();
            log(
                    "stack up in %d s (3 Kafka nodes, registry, 3 services)",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            FaultSuite suite = new FaultSuite(stack, full);
            suite.runAll();
            return suite.results;
        }
    }

    private void runAll() throws Exception {
        int kills = full ? 10 : 1;
        killNine("kill -9 alert-ingest", stack.ingest(), kills);
        killNine("kill -9 incident-correlator", stack.correlator(), kills);
        killNine("kill -9 status-publisher", stack.publisher(), kills);
        if (full) {
            brokerRestart();
            correlatorPausedPastTransactionTimeout();
            registryStopped(Duration.ofSeconds(30));
            kafkaUnreachableAtIngest(Duration.ofSeconds(15));
        }
        poison();
        correlatorStateWiped();
        replay();
    }

    // ---- scenarios ------------------------------------------------------------------------------

    private void killNine(String name, ChildProcess service, int runs) throws Exception {
        underLoad(name, runs, 0, load -> {
            service.kill9();
            Thread.sleep(500);
            stack.restart(service);
            Thread.sleep(2_000); // load on the restarted service
            return null;
        });
    }

    /** kill -9 of the node leading {@code tocsin.alerts} partition 0; leadership moves, the node comes back. */
    private void brokerRestart() throws Exception {
        underLoad("broker kill -9 + restart", 3, 0, load -> {
            int leader = leaderOfAlertsPartitionZero();
            ChildProcess node = stack.node(leader - 1);
            node.kill9();
            // writes go on with two replicas in sync once the controller has moved leadership (the killed node may
            // have been the active controller too: a quorum election first, slower on a busy machine)
            Thread.sleep(3_000);
            int moved = leaderOfAlertsPartitionZero();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((moved == leader || moved == -1) && System.nanoTime() < deadline) {
                Thread.sleep(500);
                moved = leaderOfAlertsPartitionZero();
            }
            node.start();
            stack.awaitBrokers(3, Duration.ofSeconds(90));
            awaitFullIsrOfAlerts(Duration.ofSeconds(90)); // the next run's kill must find every replica in sync
            return moved == leader || moved == -1
                    ? "leader of tocsin.alerts-0 did not move off killed node " + leader
                    : null;
        });
    }

    /** SIGSTOP past the transaction timeout (10 s under exactly-once): the resumed correlator must be fenced. */
    private void correlatorPausedPastTransactionTimeout() throws Exception {
        underLoad("correlator SIGSTOP 16 s", 1, 0, load -> {
            long fencedBefore = fencedLines(stack.correlator());
            stack.correlator().pause();
            Thread.sleep(16_000);
            stack.correlator().resume();
            stack.awaitReady(stack.correlator(), Duration.ofSeconds(120));
            Thread.sleep(3_000);
            return fencedLines(stack.correlator()) > fencedBefore
                    ? null
                    : "the resumed correlator was not fenced (none of " + FENCED + " in its log)";
        });
    }

    private void registryStopped(Duration outage) throws Exception {
        underLoad("schema registry down " + outage.toSeconds() + " s", 1, 0, load -> {
            stack.registry().terminate();
            Thread.sleep(outage.toMillis());
            stack.registry().start();
            stack.registry().awaitOutput("schema registry at", Duration.ofSeconds(90));
            Thread.sleep(3_000);
            return null;
        });
    }

    /** Every broker frozen (SIGSTOP): ingest must not acknowledge anything it cannot write. */
    private void kafkaUnreachableAtIngest(Duration outage) throws Exception {
        underLoad("Kafka unreachable " + outage.toSeconds() + " s", 1, 0, load -> {
            for (int n = 0; n < 3; n++) {
                stack.node(n).pause();
            }
            long frozen = System.nanoTime();
            Thread.sleep(outage.toMillis());
            long thawed = System.nanoTime();
            for (int n = 0; n < 3; n++) {
                stack.node(n).resume();
            }
            long accepted = load.acceptedBetween(frozen, thawed);
            stack.awaitReady(stack.ingest(), Duration.ofSeconds(120));
            stack.awaitReady(stack.correlator(), Duration.ofSeconds(120));
            stack.awaitReady(stack.publisher(), Duration.ofSeconds(120));
            Thread.sleep(3_000);
            return accepted == 0 ? null : accepted + " requests answered 2xx while no broker could be reached";
        });
    }

    /** Undeserializable records on every stream input of every service: each goes to the dead-letter topic once. */
    private void poison() throws Exception {
        Topics topics = stack.topics(Topics.DEFAULT_PREFIX);
        List<Topic<?, ?>> inputs = List.of(
                topics.ingestRaw(),
                topics.alerts(),
                topics.customerReports(),
                topics.incidentCommands(),
                topics.incidents(),
                topics.incidentEvents());
        underLoad("poison on " + inputs.size() + " input topics", 1, (long) inputs.size() * POISON_PER_TOPIC, load -> {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all"),
                    new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                for (Topic<?, ?> topic : inputs) {
                    for (int i = 0; i < POISON_PER_TOPIC; i++) {
                        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                                topic.name(),
                                ("poison-" + i).getBytes(StandardCharsets.UTF_8),
                                "\u007fnot a record {".getBytes(StandardCharsets.UTF_8));
                        // raw ingest records name their normalizer; this one names a real one and is not JSON
                        record.headers().add("format", "alertmanager".getBytes(StandardCharsets.UTF_8));
                        producer.send(record).get();
                    }
                }
            }
            poisonOnCorrelatorInputs += 3L * POISON_PER_TOPIC; // alerts, customer reports, commands
            Thread.sleep(3_000);
            return null;
        });
    }

    /** The correlator killed and its state directory deleted: it rebuilds its stores from the changelogs. */
    private void correlatorStateWiped() throws Exception {
        underLoad("correlator state dir wiped", 1, 0, load -> {
            stack.correlator().kill9();
            deleteTree(stack.stateDir(stack.correlator().name()));
            stack.restart(stack.correlator());
            Thread.sleep(3_000);
            return null;
        });
    }

    /**
     * Replay from scratch: the correlator's inputs (alerts, operator commands, customer reports) copied
     * record by record (partition, key, value, timestamp, headers) under the prefix {@code replay.}, and
     * a second correlator with its own application id reads them from the beginning. Its incidents must
     * equal the live ones.
     */
    private void replay() throws Exception {
        log("replay: copying the correlator's inputs to replay.*");
        stack.provision("replay.");
        Topics live = stack.topics(Topics.DEFAULT_PREFIX);
        Topics replay = stack.topics("replay.");
        long copied = 0;
        for (Map.Entry<Topic<?, ?>, Topic<?, ?>> input : Map.<Topic<?, ?>, Topic<?, ?>>of(
                        live.alerts(),
                        replay.alerts(),
                        live.incidentCommands(),
                        replay.incidentCommands(),
                        live.customerReports(),
                        replay.customerReports())
                .entrySet()) {
            copied += TopicCopy.copy(
                    stack.bootstrapServers(),
                    input.getKey().name(),
                    input.getValue().name());
        }
        int port = FaultStack.freePort();
        ChildProcess replayer = stack.service(
                "incident-correlator-replay",
                "dev.tocsin.correlator.Main",
                port,
                Map.of("TOCSIN_TOPIC_PREFIX", "replay.", "TOCSIN_APPLICATION_ID", "tocsin-correlator-replay"));
        List<String> failures = new ArrayList<>();
        PipelineOutput original = PipelineOutput.read(stack.bootstrapServers(), live);
        PipelineOutput replayed;
        try {
            replayer.start();
            stack.awaitReady(replayer, Duration.ofSeconds(120));
            replayed = settle(
                    () -> PipelineOutput.read(stack.bootstrapServers(), replay),
                    out -> out.alertsInIncidents.keySet().containsAll(original.alertsInIncidents.keySet())
                            && out.deadLetters >= poisonOnCorrelatorInputs,
                    Duration.ofSeconds(150));
        } finally {
            replayer.terminate();
        }
        Set<String> differing = new HashSet<>();
        Set<String> ids = new HashSet<>(original.incidents.keySet());
        ids.addAll(replayed.incidents.keySet());
        for (String id : ids) {
            String a = IncidentProjection.of(original.incidents.get(id));
            String b = IncidentProjection.of(replayed.incidents.get(id));
            if (!a.equals(b)) {
                if (differing.size() < 3) {
                    failures.add("incident " + id + " live " + a + " replayed " + b);
                }
                differing.add(id);
            }
        }
        if (!differing.isEmpty()) {
            failures.add(differing.size() + " of " + ids.size() + " incidents differ after the replay");
        }
        long duplicates = Verdict.extraCopies(replayed.alertCopies, id -> true)
                + Verdict.extraCopies(replayed.alertsInIncidents, id -> true)
                + replayed.duplicateIds();
        if (duplicates > 0) {
            failures.add(duplicates + " duplicates in the replay's output");
        }
        if (replayed.deadLetters != poisonOnCorrelatorInputs) {
            failures.add("replay dead letters " + replayed.deadLetters + ", poison copied " + poisonOnCorrelatorInputs);
        }
        log(
                "replay: %d records copied, %d incidents live, %d replayed, %d differ",
                copied, original.incidents.size(), replayed.incidents.size(), differing.size());
        results.add(new ScenarioResult(
                "replay into new application id",
                1,
                -1,
                replayed.alertCopies.size(),
                duplicates,
                original.alertsInIncidents.size() - replayed.alertsInIncidents.size(),
                poisonOnCorrelatorInputs,
                replayed.deadLetters,
                failures));
    }

    // ---- the frame every scenario runs in ----------------------------------------------------------

    /** A fault, applied once per run while the load runs; returns a broken promise or null. */
    @FunctionalInterface
    interface Fault {
        String apply(TaggedAlertLoad load) throws Exception;
    }

    private void underLoad(String name, int runs, long poison, Fault fault) throws Exception {
        log("%s: %d run(s)", name, runs);
        PipelineOutput before = PipelineOutput.read(stack.bootstrapServers(), stack.topics(Topics.DEFAULT_PREFIX));
        List<String> failures = new ArrayList<>();
        int scenario = ++scenarios;
        TaggedAlertLoad load = new TaggedAlertLoad(
                        stack.ingestUrl(),
                        scenario * ALERTS_PER_SCENARIO,
                        FaultStack.productPrefix(scenario),
                        10,
                        Duration.ofMillis(200))
                .start(2);
        try {
            Thread.sleep(2_000);
            publishIncidentsOf(FaultStack.productPrefix(scenario), failures);
            for (int run = 0; run < runs; run++) {
                String broken = fault.apply(load);
                if (broken != null) {
                    failures.add("run " + (run + 1) + ": " + broken);
                }
            }
            Thread.sleep(2_000);
        } finally {
            load.close();
        }
        Set<String> acknowledged = load.acknowledged();
        long expectedDeadLetters = before.deadLetters + poison;
        PipelineOutput after = settle(
                () -> PipelineOutput.read(stack.bootstrapServers(), stack.topics(Topics.DEFAULT_PREFIX)),
                out -> out.alertCopies.keySet().containsAll(acknowledged)
                        && out.alertsInIncidents.keySet().containsAll(acknowledged)
                        && out.deadLetters >= expectedDeadLetters
                        && lag() == 0,
                Duration.ofSeconds(120));
        ScenarioResult result = Verdict.judge(name, runs, acknowledged, load::owns, before, after, poison, failures);
        log(
                "%s: alerts by answer status %s; output now %s; %s",
                name, load.statuses(), after.summary(), result.passed() ? "PASS" : result.failures());
        results.add(result);
    }

    /**
     * An operator publishes the scenario's incidents as the fault begins: the publisher then fans
     * INCIDENT_PUBLISHED and later updates out to the subscribers, and the fault hits that too.
     */
    private void publishIncidentsOf(String productPrefix, List<String> failures) throws Exception {
        PipelineOutput now = settle(
                () -> PipelineOutput.read(stack.bootstrapServers(), stack.topics(Topics.DEFAULT_PREFIX)),
                out -> out.incidents.values().stream()
                                .filter(i -> i.getProduct().startsWith(productPrefix))
                                .count()
                        >= FaultStack.PRODUCTS,
                Duration.ofSeconds(30));
        for (var incident : now.incidents.values()) {
            if (incident.getProduct().startsWith(productPrefix)) {
                int status = stack.command(
                        incident.getIncidentId(),
                        "publish-" + incident.getIncidentId(),
                        "{\"type\":\"PUBLISH\",\"actor\":\"fault-suite\",\"message\":\"We are investigating.\"}");
                if (status != 202) {
                    failures.add("PUBLISH of " + incident.getIncidentId() + " answered " + status);
                }
            }
        }
    }

    /** Reads until {@code done} holds (the pipeline caught up) or the timeout passes; returns the last reading. */
    private static PipelineOutput settle(
            java.util.function.Supplier<PipelineOutput> read,
            java.util.function.Predicate<PipelineOutput> done,
            Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        PipelineOutput out = read.get();
        while (!done.test(out) && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            out = read.get();
        }
        Thread.sleep(2_000); // anything still in flight (a late duplicate) shows in one more reading
        return read.get();
    }

    private long lag() {
        try (Admin admin = stack.admin()) {
            return Offsets.lagOfAllGroups(admin);
        } catch (Exception e) {
            return -1;
        }
    }

    /** Waits until every partition of {@code tocsin.alerts} has all three replicas in sync again. */
    private void awaitFullIsrOfAlerts(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Admin admin = stack.admin()) {
                if (admin
                        .describeTopics(List.of("tocsin.alerts"))
                        .allTopicNames()
                        .get(30, TimeUnit.SECONDS)
                        .get("tocsin.alerts")
                        .partitions()
                        .stream()
                        .allMatch(p -> p.isr().size() == p.replicas().size())) {
                    return;
                }
            }
            Thread.sleep(500);
        }
    }

    private int leaderOfAlertsPartitionZero() throws Exception {
        try (Admin admin = stack.admin()) {
            TopicPartitionInfo p0 = admin.describeTopics(List.of("tocsin.alerts"))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get("tocsin.alerts")
                    .partitions()
                    .get(0);
            return p0.leader() == null ? -1 : p0.leader().id();
        }
    }

    static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[faults %s] %s%n", java.time.LocalTime.now().withNano(0), String.format(format, args));
    }

    private static long fencedLines(ChildProcess service) throws IOException {
        long lines = 0;
        for (String marker : FENCED) {
            lines += service.linesContaining(marker);
        }
        return lines;
    }
}
