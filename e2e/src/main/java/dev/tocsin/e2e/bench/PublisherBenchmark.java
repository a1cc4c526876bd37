package dev.tocsin.e2e.bench;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.Subscription;
import dev.tocsin.avro.SubscriptionScope;
import dev.tocsin.avro.TimelineEntry;
import dev.tocsin.embedded.kafka.EmbeddedKafka;
import dev.tocsin.publisher.PublisherService;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.schemas.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Incident snapshots/s of status-publisher alone: N snapshots (versions of 500 incidents over 50
 * products, half of them published, with public updates) and S subscriptions are written
 * first; then the publisher starts on a fresh application id and the clock runs until its
 * committed offsets reach the end of tocsin.incidents and of its one-partition page topic
 * (exactly-once, RocksDB stores, notifications fanned out to every matching subscription).
 *
 * <p>usage: {@code e2e/bench/publisher.sh [snapshots=50000] [partitions=3] [subscriptions=1000]}
 */
public final class PublisherBenchmark {

    private static final int PRODUCTS = 50;
    private static final int INCIDENTS = 500;
    private static final String APPLICATION_ID = "bench-publisher";

    private PublisherBenchmark() {}

    public static void main(String[] args) throws Exception {
        int snapshots = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int subscriptions = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path dir = Files.createTempDirectory("tocsin-publisher-bench");
        try (BenchCluster cluster = BenchCluster.start(dir, partitions)) {
            EmbeddedKafka kafka = cluster.kafka();
            Admin admin = cluster.admin();
            Topics topics = cluster.topics();
            produce(kafka.bootstrapServers(), topics, snapshots, subscriptions);
            System.out.printf(
                    "%nproduced %,d snapshots of %d incidents over %d products, %d subscriptions%n",
                    snapshots, INCIDENTS, PRODUCTS, subscriptions);

            Map<String, String> env = cluster.serviceEnvironment();
            env.put("TOCSIN_APPLICATION_ID", APPLICATION_ID);
            // the components are the allow-list of public products: every benchmark product is one
            env.put(
                    "TOCSIN_PUBLISHER_COMPONENTS",
                    java.util.stream.IntStream.range(0, PRODUCTS)
                            .mapToObj(p -> "product-" + p)
                            .collect(java.util.stream.Collectors.joining(",")));
            long started = System.nanoTime();
            try (PublisherService publisher = PublisherService.start(new Environment(env), () -> {})) {
                Set<TopicPartition> inputs =
                        Offsets.partitions(topics.incidents().name(), partitions);
                Set<TopicPartition> page = Offsets.partitions(APPLICATION_ID + "-page-incidents-repartition", 1);
                while (true) {
                    Thread.sleep(250);
                    if (Offsets.committed(admin, APPLICATION_ID, inputs) < Offsets.sum(Offsets.end(admin, inputs))) {
                        continue;
                    }
                    if (Offsets.committed(admin, APPLICATION_ID, page) >= Offsets.sum(Offsets.end(admin, page))) {
                        break;
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                Runtime rt = Runtime.getRuntime();
                String metrics = publisher.streams() == null ? "" : scrape(publisher.managementPort());
                System.out.printf(
                        "status-publisher, %,d snapshots, %d partitions in, 1 page partition, exactly_once_v2%n",
                        snapshots, partitions);
                System.out.printf("  snapshots/s (start to all committed) : %,.0f%n", snapshots / seconds);
                System.out.printf("  wall time                            : %.1f s%n", seconds);
                System.out.printf(
                        "  status events / notifications        : %s / %s%n",
                        total(metrics, "tocsin_status_events_total"), total(metrics, "tocsin_notifications_total"));
                System.out.printf(
                        "  heap used MiB                        : %d of max %d (%d cores)%n",
                        (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20, rt.availableProcessors());
            }
        }
    }

    /** Incident i gets versions 1.. in turn; severity and status move with the version; every 5th version posts an update. */
    private static void produce(String bootstrap, Topics topics, int snapshots, int subscriptions) throws Exception {
        Map<String, Object> config = Map.of(
                "bootstrap.servers",
                bootstrap,
                "acks",
                "all",
                "linger.ms",
                20,
                "batch.size",
                262_144,
                "compression.type",
                "lz4");
        Instant base = Instant.now().minusSeconds(3600);
        try (KafkaProducer<String, Subscription> producer = new KafkaProducer<>(
                config,
                topics.subscriptions().keySerde().serializer(),
                topics.subscriptions().valueSerde().serializer())) {
            for (int s = 0; s < subscriptions; s++) {
                SubscriptionScope scope = s % 10 == 0
                        ? SubscriptionScope.ALL
                        : s % 2 == 0 ? SubscriptionScope.PRODUCT : SubscriptionScope.INCIDENT;
                String target = switch (scope) {
                    case ALL -> null;
                    case PRODUCT -> "product-" + (s % PRODUCTS);
                    case INCIDENT -> incidentId(s % INCIDENTS);
                };
                producer.send(new ProducerRecord<>(
                        topics.subscriptions().name(),
                        "sub-" + s,
                        Subscription.newBuilder()
                                .setSubscriptionId("sub-" + s)
                                .setScope(scope)
                                .setTarget(target)
                                .setChannel(NotificationChannel.EMAIL)
                                .setAddress("user" + s + "@example.com")
                                .setLocale(List.of("en", "de", "ja").get(s % 3))
                                .setCreatedAt(base)
                                .build()));
            }
        }
        try (KafkaProducer<String, Incident> producer = new KafkaProducer<>(
                config,
                topics.incidents().keySerde().serializer(),
                topics.incidents().valueSerde().serializer())) {
            for (int i = 0; i < snapshots; i++) {
                int n = i % INCIDENTS;
                int version = i / INCIDENTS + 1;
                Instant at = base.plusMillis(i * 50L);
                List<TimelineEntry> timeline = new ArrayList<>();
                for (int u = 5; u <= version; u += 5) {
                    timeline.add(TimelineEntry.newBuilder()
                            .setAt(base.plusMillis((long) (u - 1) * INCIDENTS * 50L + n * 50L))
                            .setType(IncidentEventType.UPDATE_POSTED)
                            .setMessage("Update " + u + " on incident " + n)
                            .setIsPublic(true)
                            .setStatus(PublicStatus.IDENTIFIED)
                            .build());
                }
                Incident incident = Incident.newBuilder()
                        .setIncidentId(incidentId(n))
                        .setProduct("product-" + (n % PRODUCTS))
                        .setTitle("synthetic " + n)
                        .setSeverity(Severity.values()[(n + version / 3) % 4])
                        .setScope(Scope.PLATFORM)
                        .setStatus(version % 7 == 0 ? PublicStatus.MONITORING : PublicStatus.IDENTIFIED)
                        .setPublished(n % 2 == 0)
                        .setOpenedAt(base)
                        .setUpdatedAt(at)
                        .setVersion(version)
                        .setTimeline(
                                timeline.size() > 20
                                        ? timeline.subList(timeline.size() - 20, timeline.size())
                                        : timeline)
                        .build();
                producer.send(new ProducerRecord<>(
                        topics.incidents().name(), null, at.toEpochMilli(), incident.getIncidentId(), incident));
            }
            producer.flush();
        }
    }

    private static String incidentId(int n) {
        return "product-" + (n % PRODUCTS) + "-" + String.format("%08x", n);
    }

    private static String scrape(int port) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        return http.send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Sum of every sample of a Prometheus counter. */
    private static long total(String metrics, String name) {
        return (long) metrics.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
