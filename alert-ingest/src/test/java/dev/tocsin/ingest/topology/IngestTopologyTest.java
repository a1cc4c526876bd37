package dev.tocsin.ingest.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.ingest.domain.AlertNormalizers;
import dev.tocsin.ingest.domain.NormalizationEvents;
import dev.tocsin.ingest.domain.NormalizerSettings;
import dev.tocsin.ingest.domain.ProductCatalog;
import dev.tocsin.ingest.domain.ReportNormalizers;
import dev.tocsin.ingest.domain.RoutingRule;
import dev.tocsin.ingest.domain.RoutingRules;
import dev.tocsin.ingest.domain.Source;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.ServiceConfig;
import dev.tocsin.runtime.errors.DeadLetters;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import dev.tocsin.runtime.streams.StreamsRunner;
import dev.tocsin.schemas.registry.SchemaRegistry;
import dev.tocsin.schemas.rules.LabelMatchers;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka-native ingest path: raw JSON with a format header goes through the same normalizers. */
class IngestTopologyTest {

    @TempDir
    Path stateDir;

    private final Topics topics =
            Topics.create("tocsin.", new AvroSerdes(SchemaRegistry.connect("mock://ingest-topology-test")));
    private static final Instant WALL_CLOCK = Instant.parse("2026-11-21T12:00:00Z");
    private static final Duration CLOCK_SKEW_TOLERANCE = Duration.ofMinutes(1);
    private TopologyTestDriver driver;
    private ServiceMetrics metrics;
    private TestInputTopic<String, byte[]> raw;
    private final AtomicInteger clamped = new AtomicInteger();

    @BeforeEach
    void build() {
        NormalizerSettings settings = NormalizerSettings.defaults();
        ProductCatalog catalog = ProductCatalog.defaults();
        metrics = new ServiceMetrics("ingest-test");
        ServiceConfig config =
                ServiceConfig.from(new Environment(Map.of("TOCSIN_STATE_DIR", stateDir.toString())), "alert-ingest", 0);
        Properties props = StreamsRunner.properties(config, topics.deadLetters().name(), metrics);
        RoutingRules routing = RoutingRules.of(List.of(
                new RoutingRule(LabelMatchers.parseEach(List.of("job=~\"chat-.*\"")), "chat", null, null, null)));
        driver = new TopologyTestDriver(
                IngestTopology.build(
                        topics,
                        new AlertNormalizers(settings, catalog, routing, NormalizationEvents.NONE),
                        new ReportNormalizers(settings, catalog, routing, NormalizationEvents.NONE),
                        CLOCK_SKEW_TOLERANCE,
                        clamped::incrementAndGet),
                props,
                WALL_CLOCK);
        raw = driver.createInputTopic(topics.ingestRaw().name(), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void close() {
        driver.close();
        metrics.close();
    }

    @Test
    void rawAlertmanagerJsonBecomesAlertsKeyedByProductWithReplayStableIds() {
        String json = """
                {"version":"4","status":"firing","alerts":[{"status":"firing",
                 "labels":{"alertname":"TalkDown","product":"talk","severity":"critical"},
                 "annotations":{"summary":"Talk unavailable"},"startsAt":"2026-11-21T10:00:00Z","fingerprint":"ffff000000000001"}]}
                """;
        raw.pipeInput(record(json, "alertmanager"));

        List<TestRecord<String, MonitoringAlert>> alerts = alertsOut().readRecordsToList();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).key()).isEqualTo("talk");
        assertThat(alerts.get(0).value().getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alerts.get(0).value().getAlertId()).isEqualTo("raw-0-0-0");
        assertThat(alerts.get(0).value().getReceivedAt()).isEqualTo(Instant.parse("2026-11-21T10:00:05Z"));
    }

    @Test
    void aRawRecordStampedHoursAheadOfTheWallClockIsReceivedAtWallClockPlusTheToleranceAndCounted() {
        Instant fastClock = WALL_CLOCK.plus(Duration.ofHours(2));
        raw.pipeInput(new TestRecord<>(
                null,
                """
                {"status":"firing","alerts":[{"labels":{"alertname":"TalkDown","product":"talk"},
                 "annotations":{"summary":"Talk unavailable"}}]}
                """.getBytes(StandardCharsets.UTF_8),
                record("{}", "alertmanager").headers(),
                fastClock));

        TestRecord<String, MonitoringAlert> alert = alertsOut().readRecord();
        Instant latest = WALL_CLOCK.plus(CLOCK_SKEW_TOLERANCE);
        assertThat(alert.value().getReceivedAt()).isEqualTo(latest);
        assertThat(alert.getRecordTime())
                .as("the record the correlator reads carries the same time")
                .isEqualTo(latest);
        assertThat(clamped.get()).isEqualTo(1);

        raw.pipeInput(record("""
                {"status":"firing","alerts":[{"labels":{"alertname":"TalkDown","product":"talk"},
                 "annotations":{"summary":"Talk unavailable"}}]}
                """, "alertmanager")); // stamped in the past, as a replay is: kept
        assertThat(alertsOut().readRecord().value().getReceivedAt()).isEqualTo(Instant.parse("2026-11-21T10:00:05Z"));
        assertThat(clamped.get()).isEqualTo(1);
    }

    @Test
    void rawAlertsWithoutProductLabelAreRoutedByTheRulesElseUnclassified() {
        raw.pipeInput(record("""
                {"status":"firing","alerts":[
                  {"labels":{"alertname":"HighLatency","job":"chat-api"},"annotations":{"summary":"slow"}},
                  {"labels":{"alertname":"DiskFull","job":"backup"},"annotations":{"summary":"full"}}]}
                """, "alertmanager"));

        assertThat(alertsOut().readKeyValuesToList())
                .extracting(kv -> kv.key + ":" + kv.value.getProduct())
                .containsExactly("chat:chat", "unclassified:unclassified");
    }

    @Test
    void rawPagerDutyResolveOfAnUnknownDedupKeyWritesNothingAndDeadLettersNothing() {
        raw.pipeInput(record(
                "{\"routing_key\":\"r\",\"event_action\":\"resolve\",\"dedup_key\":\"never-seen\"}", "pagerduty"));

        assertThat(alertsOut().isEmpty()).isTrue();
        assertThat(driver.createOutputTopic(
                                topics.deadLetters().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                        .isEmpty())
                .isTrue();
    }

    @Test
    void rawPagerDutyResolveFindsItsTriggerThroughTheSharedTable() {
        raw.pipeInput(record("""
                {"routing_key":"r","event_action":"trigger","dedup_key":"pd-1",
                 "payload":{"summary":"Voice gateway errors","source":"gw-1","severity":"critical","custom_details":{"product":"voice"}}}
                """, "pagerduty"));
        // the table is fed from tocsin.ingest.pagerduty-alerts, which the trigger was just written to
        TestOutputTopic<String, MonitoringAlert> table = driver.createOutputTopic(
                topics.pagerDutyAlerts().name(),
                topics.pagerDutyAlerts().keySerde().deserializer(),
                topics.pagerDutyAlerts().valueSerde().deserializer());
        TestRecord<String, MonitoringAlert> remembered = table.readRecord();
        assertThat(remembered.key()).isEqualTo("pd-1");
        driver.createInputTopic(
                        topics.pagerDutyAlerts().name(),
                        topics.pagerDutyAlerts().keySerde().serializer(),
                        topics.pagerDutyAlerts().valueSerde().serializer())
                .pipeInput(remembered.key(), remembered.value());

        raw.pipeInput(
                record("{\"routing_key\":\"r\",\"event_action\":\"resolve\",\"dedup_key\":\"pd-1\"}", "pagerduty"));

        assertThat(alertsOut().readKeyValuesToList())
                .extracting(kv -> kv.key + ":" + kv.value.getStatus())
                .containsExactly("voice:FIRING", "voice:RESOLVED");
    }

    @Test
    void rawGenericReportBecomesACustomerReport() {
        raw.pipeInput(record(
                "{\"ticketId\":\"T-9\",\"organizationId\":\"org-9\",\"subject\":\"Chat is slow\",\"product\":\"chat\"}",
                "generic-report"));

        TestOutputTopic<String, CustomerReport> reports = driver.createOutputTopic(
                topics.customerReports().name(),
                topics.customerReports().keySerde().deserializer(),
                topics.customerReports().valueSerde().deserializer());
        assertThat(reports.readKeyValuesToList()).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("chat");
            assertThat(kv.value.getTicketId()).isEqualTo("T-9");
        });
    }

    @Test
    void recordsThatCannotBeNormalizedAreDeadLetteredWithTheReasonAndTheGoodOnesFlow() {
        raw.pipeInput(record("{\"status\":\"firing\"", "generic-alert"));
        raw.pipeInput(record("{\"status\":\"firing\",\"product\":\"chat\",\"summary\":\"ok\"}", "nagios"));
        raw.pipeInput(
                record("{\"status\":\"sizzling\",\"product\":\"chat\",\"summary\":\"bad status\"}", "generic-alert"));
        raw.pipeInput(record("{\"status\":\"firing\",\"product\":\"chat\",\"summary\":\"good\"}", "generic-alert"));

        assertThat(alertsOut().readValuesToList())
                .extracting(MonitoringAlert::getSummary)
                .containsExactly("good");
        List<TestRecord<byte[], byte[]>> dead = deadLetters();
        assertThat(dead).hasSize(3);
        assertThat(dead)
                .extracting(this::reason)
                .anySatisfy(m -> assertThat(m).contains("not valid JSON"))
                .anySatisfy(m -> assertThat(m).contains("nagios"))
                .anySatisfy(m -> assertThat(m).contains("status"));
        assertThat(new String(dead.get(1).value(), StandardCharsets.UTF_8)).contains("\"summary\":\"ok\"");
    }

    @Test
    void aRawRecordWithContentAfterItsJsonIsDeadLetteredAsOverHttp() {
        raw.pipeInput(record(
                "{\"status\":\"firing\",\"product\":\"chat\",\"summary\":\"one\"} {\"more\":1}", "generic-alert"));

        assertThat(alertsOut().isEmpty()).isTrue();
        assertThat(deadLetters())
                .singleElement()
                .extracting(this::reason)
                .asString()
                .contains("not valid JSON");
    }

    private List<TestRecord<byte[], byte[]>> deadLetters() {
        return driver.createOutputTopic(
                        topics.deadLetters().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    /** The reason the dead-letter record names. */
    private String reason(TestRecord<byte[], byte[]> dead) {
        return DeadLetters.decode(new ConsumerRecord<>(
                        topics.deadLetters().name(),
                        0,
                        0,
                        dead.timestamp(),
                        org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                        0,
                        0,
                        dead.key(),
                        dead.value(),
                        dead.headers(),
                        java.util.Optional.empty()))
                .getErrorMessage();
    }

    private TestOutputTopic<String, MonitoringAlert> alertsOut() {
        return driver.createOutputTopic(
                topics.alerts().name(),
                topics.alerts().keySerde().deserializer(),
                topics.alerts().valueSerde().deserializer());
    }

    private static TestRecord<String, byte[]> record(String json, String format) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(Source.FORMAT_HEADER, format.getBytes(StandardCharsets.UTF_8)));
        return new TestRecord<>(
                null, json.getBytes(StandardCharsets.UTF_8), headers, Instant.parse("2026-11-21T10:00:05Z"));
    }
}
