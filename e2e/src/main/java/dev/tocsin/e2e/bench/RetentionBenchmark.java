package dev.tocsin.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.correlator.CorrelatorService;
import dev.tocsin.correlator.topology.CorrelatorStores;
import dev.tocsin.embedded.kafka.EmbeddedKafka;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The correlator's retention and paged incident list on a long history: N incidents over 20
 * products, one every two hours per product, each resolved, the whole history older than the
 * 30-day retention. Prints what one page of {@code GET /api/v1/incidents} costs against a scan of
 * every incident (what the unpaginated list did for every request), then how long the pruner
 * (1 s ticks, 1000 entries per store and task) takes to forget the history and how many tombstones
 * it wrote.
 *
 * <p>usage: {@code e2e/bench/retention.sh [incidents=20000] [partitions=3]}
 */
public final class RetentionBenchmark {

    private static final int PRODUCTS = 20;
    private static final String APPLICATION = "bench-retention";

    private RetentionBenchmark() {}

    public static void main(String[] args) throws Exception {
        int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("tocsin-retention-bench");
        try (BenchCluster cluster = BenchCluster.start(dir, partitions)) {
            EmbeddedKafka kafka = cluster.kafka();
            Admin admin = cluster.admin();
            Topics topics = cluster.topics();
            // the alerts carry their (old) event times as record timestamps: time-based retention must not delete them
            admin.incrementalAlterConfigs(Map.of(
                            new ConfigResource(
                                    ConfigResource.Type.TOPIC, topics.alerts().name()),
                            List.of(new AlterConfigOp(
                                    new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
            produce(kafka.bootstrapServers(), topics, incidents);

            Map<String, String> env = cluster.serviceEnvironment();
            env.put("TOCSIN_APPLICATION_ID", APPLICATION);
            env.put("TOCSIN_CORRELATOR_PRUNE_INTERVAL", "1s");
            try (CorrelatorService correlator = CorrelatorService.start(new Environment(env), () -> {})) {
                Map<TopicPartition, Long> end =
                        Offsets.end(admin, Offsets.partitions(topics.alerts().name(), partitions));
                while (Offsets.committed(admin, APPLICATION, end.keySet()) < Offsets.sum(end)) {
                    Thread.sleep(500);
                }
                KafkaStreams streams = correlator.streams().streams();
                String base = "http://127.0.0.1:" + correlator.port() + "/api/v1/incidents";
                System.out.printf(
                        "%nincident-correlator retention, %,d incidents over %d products, %d partitions%n",
                        incidents, PRODUCTS, partitions);

                // before pruning starts (the task turns to the wall clock after 30 s idle)
                long scanStart = System.nanoTime();
                long all = scanAll(streams);
                double scanMillis = (System.nanoTime() - scanStart) / 1e6;
                Page first = page(base + "?status=all&limit=100");
                Page firstAgain = page(base + "?status=all&limit=100");
                Page product = page(base + "?status=all&product=p07&limit=100");
                Page open = page(base + "?status=open&limit=100");
                long walkStart = System.nanoTime();
                int pages = 0;
                int listed = 0;
                String next = "?status=all&limit=1000";
                while (next != null) {
                    Page p = page(base + next.substring(next.indexOf('?')));
                    pages++;
                    listed += p.items;
                    next = p.next;
                }
                double walkMillis = (System.nanoTime() - walkStart) / 1e6;
                System.out.printf("  incidents in the stores                   : %,d%n", all);
                System.out.printf("  scan of every incident (old list, IQ)     : %.0f ms%n", scanMillis);
                System.out.printf(
                        "  first page, status=all, limit=100         : %.0f ms (again %.0f ms), %d items%n",
                        first.millis, firstAgain.millis, first.items);
                System.out.printf(
                        "  first page, product=p07, limit=100        : %.0f ms, %d items%n",
                        product.millis, product.items);
                System.out.printf(
                        "  first page, status=open, limit=100        : %.0f ms, %d items, next %s%n",
                        open.millis, open.items, open.next == null ? "none" : "yes (scan budget)");
                System.out.printf(
                        "  every page, status=all, limit=1000        : %d pages, %,d incidents, %.0f ms%n",
                        pages, listed, walkMillis);

                long pruneStart = System.nanoTime();
                long left = all;
                while (left > PRODUCTS
                        && System.nanoTime() - pruneStart
                                < Duration.ofMinutes(10).toNanos()) {
                    Thread.sleep(1000);
                    left = scanAll(streams);
                }
                System.out.printf(
                        "  pruned to %,d incidents in              : %.1f s after catch-up (30 s of it waiting for idle)%n",
                        left, (System.nanoTime() - pruneStart) / 1e9);
            }
            System.out.printf(
                    "  tombstones on %s         : %,d%n",
                    topics.incidents().name(), tombstones(kafka.bootstrapServers(), topics));
        }
    }

    private record Page(double millis, int items, String next) {}

    private static Page page(String url) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
        JsonNode body = new ObjectMapper().readTree(response.body());
        return new Page(
                millis,
                body.path("incidents").size(),
                body.hasNonNull("next") ? body.path("next").asText() : null);
    }

    private static long scanAll(KafkaStreams streams) {
        ReadOnlyKeyValueStore<String, Incident> store = streams.store(
                StoreQueryParameters.fromNameAndType(CorrelatorStores.INCIDENTS, QueryableStoreTypes.keyValueStore()));
        long count = 0;
        try (KeyValueIterator<String, Incident> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    /** Per product one incident every two hours, its alert resolved a minute after it fired; all long past. */
    private static void produce(String bootstrap, Topics topics, int incidents) {
        Map<String, Object> config =
                Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 20, "compression.type", "lz4");
        int perProduct = incidents / PRODUCTS;
        Instant base = Instant.now().minus(Duration.ofDays(40)).minus(Duration.ofHours(2L * perProduct));
        try (KafkaProducer<String, MonitoringAlert> producer = new KafkaProducer<>(
                config,
                topics.alerts().keySerde().serializer(),
                topics.alerts().valueSerde().serializer())) {
            for (int j = 0; j < perProduct; j++) {
                for (int p = 0; p < PRODUCTS; p++) {
                    String product = "p%02d".formatted(p);
                    Instant fired = base.plus(Duration.ofHours(2L * j));
                    for (AlertStatus status : List.of(AlertStatus.FIRING, AlertStatus.RESOLVED)) {
                        Instant at = status == AlertStatus.FIRING ? fired : fired.plusSeconds(60);
                        MonitoringAlert alert = MonitoringAlert.newBuilder()
                                .setAlertId(UUID.randomUUID().toString())
                                .setFingerprint(product + "-f" + j)
                                .setSource(AlertSource.ALERTMANAGER)
                                .setSourceName("bench")
                                .setStatus(status)
                                .setProduct(product)
                                .setComponent("c" + j)
                                .setRegion("r1")
                                .setSignal(Signal.LATENCY)
                                .setSeverityHint(SeverityHint.MEDIUM)
                                .setSummary("synthetic " + j)
                                .setStartsAt(fired)
                                .setReceivedAt(at)
                                .build();
                        producer.send(
                                new ProducerRecord<>(topics.alerts().name(), null, at.toEpochMilli(), product, alert));
                    }
                }
            }
            producer.flush();
        }
    }

    private static long tombstones(String bootstrap, Topics topics) {
        long count = 0;
        try (KafkaConsumer<String, Incident> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        bootstrap,
                        "isolation.level",
                        "read_committed",
                        "group.id",
                        "count-" + UUID.randomUUID(),
                        "auto.offset.reset",
                        "earliest"),
                topics.incidents().keySerde().deserializer(),
                topics.incidents().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.incidents().name()));
            int empty = 0;
            while (empty < 10) {
                var records = consumer.poll(Duration.ofMillis(500));
                empty = records.isEmpty() ? empty + 1 : 0;
                for (var record : records) {
                    if (record.value() == null) {
                        count++;
                    }
                }
            }
        }
        return count;
    }
}
