package dev.tocsin.e2e.bench;

import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.correlator.CorrelatorService;
import dev.tocsin.embedded.kafka.EmbeddedKafka;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.schemas.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Records/s of incident-correlator alone: N alerts over 50 products (each product 1 000
 * fingerprints that fire, repeat, resolve and flap) are written to tocsin.alerts first; then the
 * correlator starts on a fresh application id and the clock runs until its committed offsets
 * reach the end of the topic (exactly-once, RocksDB stores, all on this machine).
 *
 * <p>usage: {@code [KAFKA_COMMIT_INTERVAL_MS=...] e2e/bench/correlator.sh [alerts=1000000] [partitions=3]}
 */
public final class CorrelatorBenchmark {

    private static final int PRODUCTS = 50;
    private static final int FINGERPRINTS_PER_PRODUCT = 1000;

    private CorrelatorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("tocsin-correlator-bench");
        try (BenchCluster cluster = BenchCluster.start(dir, partitions)) {
            EmbeddedKafka kafka = cluster.kafka();
            Admin admin = cluster.admin();
            Topics topics = cluster.topics();

            long produceStart = System.nanoTime();
            produce(kafka.bootstrapServers(), topics, alerts);
            double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
            System.out.printf("%nproduced %,d alerts over %d products in %.1f s%n", alerts, PRODUCTS, produceSeconds);

            Map<String, String> env = cluster.serviceEnvironment();
            env.put("TOCSIN_APPLICATION_ID", "bench-correlator");
            long started = System.nanoTime();
            try (CorrelatorService correlator = CorrelatorService.start(new Environment(env), () -> {})) {
                Map<TopicPartition, Long> end =
                        Offsets.end(admin, Offsets.partitions(topics.alerts().name(), partitions));
                long total = Offsets.sum(end);
                long done = 0;
                while (done < total) {
                    Thread.sleep(500);
                    done = Offsets.committed(admin, "bench-correlator", end.keySet());
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                Runtime rt = Runtime.getRuntime();
                System.out.printf(
                        "incident-correlator, %,d alerts, %d products, %d partitions, exactly_once_v2%n",
                        total, PRODUCTS, partitions);
                System.out.printf("  records/s (start to all committed) : %,.0f%n", total / seconds);
                System.out.printf("  wall time                          : %.1f s%n", seconds);
                System.out.printf(
                        "  heap used MiB                      : %d of max %d (%d cores)%n",
                        (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20, rt.availableProcessors());
            }
            // after the correlator closed: every transaction is committed or aborted
            TopicVolume incidents = TopicVolume.of(
                    admin, kafka.bootstrapServers(), topics.incidents().name());
            TopicVolume changelog =
                    TopicVolume.of(admin, kafka.bootstrapServers(), "bench-correlator-correlator-incidents-changelog");
            System.out.printf(
                    "  snapshots on %s per alert : %.3f (%,d snapshots)%n",
                    topics.incidents().name(), (double) incidents.records() / alerts, incidents.records());
            System.out.printf(
                    "  bytes to %s per alert     : %,.0f (key + value; %,d bytes)%n",
                    topics.incidents().name(), (double) incidents.bytes() / alerts, incidents.bytes());
            System.out.printf(
                    "  incidents changelog per alert      : %.3f records, %,.0f bytes%n",
                    (double) changelog.records() / alerts, (double) changelog.bytes() / alerts);
        }
    }

    /** Per product: fingerprints fire in turn; every 4th record of a fingerprint resolves it, the next fires again (flap). */
    private static void produce(String bootstrap, Topics topics, int alerts) throws Exception {
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
        Instant base = Instant.parse("2026-11-21T00:00:00Z");
        try (KafkaProducer<String, MonitoringAlert> producer = new KafkaProducer<>(
                config,
                topics.alerts().keySerde().serializer(),
                topics.alerts().valueSerde().serializer())) {
            for (int i = 0; i < alerts; i++) {
                String product = "product-" + (i % PRODUCTS);
                int round = i / PRODUCTS;
                int fp = round % FINGERPRINTS_PER_PRODUCT;
                int repeat = round / FINGERPRINTS_PER_PRODUCT;
                Instant at = base.plusMillis(i * 10L);
                MonitoringAlert alert = MonitoringAlert.newBuilder()
                        .setAlertId("bench-" + i)
                        .setFingerprint(product + "-fp-" + fp)
                        .setSource(AlertSource.ALERTMANAGER)
                        .setSourceName("bench")
                        .setStatus(repeat % 4 == 3 ? AlertStatus.RESOLVED : AlertStatus.FIRING)
                        .setProduct(product)
                        .setComponent("c" + (fp % 5))
                        .setRegion("r" + (fp % 3))
                        .setSignal(fp % 2 == 0 ? Signal.LATENCY : Signal.ERROR_RATE)
                        .setSeverityHint(fp % 10 == 0 ? SeverityHint.CRITICAL : SeverityHint.MEDIUM)
                        .setSummary("synthetic alert " + fp)
                        .setStartsAt(at)
                        .setReceivedAt(at)
                        .build();
                producer.send(new ProducerRecord<>(topics.alerts().name(), null, at.toEpochMilli(), product, alert));
            }
            producer.flush();
        }
    }
}
