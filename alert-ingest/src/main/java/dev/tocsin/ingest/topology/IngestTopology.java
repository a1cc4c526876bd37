package dev.tocsin.ingest.topology;

import static dev.tocsin.runtime.streams.TopicStreams.consumed;
import static dev.tocsin.runtime.streams.TopicStreams.materializedAs;
import static dev.tocsin.runtime.streams.TopicStreams.produced;

import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.ingest.domain.AlertNormalizers;
import dev.tocsin.ingest.domain.ReportNormalizers;
import dev.tocsin.schemas.topics.Topics;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * alert-ingest's Kafka Streams side:
 * <ol>
 *   <li>raw JSON on {@code tocsin.ingest.raw} (for sources that already produce to Kafka) goes
 *       through the same normalizers as HTTP and on to {@code tocsin.alerts} or
 *       {@code tocsin.customer-reports}; what cannot be normalized is dead-lettered;</li>
 *   <li>global stores of the latest PagerDuty alert per dedup key (acknowledge and resolve events
 *       name no product) and of maintenance windows, so {@code DELETE /api/v1/maintenance/{id}} can
 *       cancel a window while keeping its products and times;</li>
 *   <li>a global store of silences, which the Alertmanager-compatible silences API reads.</li>
 * </ol>
 */
public final class IngestTopology {

    public static final String MAINTENANCE_STORE = "ingest-maintenance-windows";
    public static final String PAGERDUTY_STORE = "ingest-pagerduty-alerts";
    public static final String SILENCES_STORE = "ingest-silences";
    static final String NORMALIZE = "normalize-raw";

    private IngestTopology() {}

    /**
     * @param clockSkewTolerance how far ahead of the wall clock a raw record's timestamp is believed (EventTimes)
     * @param onEventTimeClamped told of each raw record stamped further ahead, whose time was clamped
     */
    public static Topology build(
            Topics topics,
            AlertNormalizers alerts,
            ReportNormalizers reports,
            Duration clockSkewTolerance,
            Runnable onEventTimeClamped) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(
                topics.pagerDutyAlerts().name(),
                consumed(topics.pagerDutyAlerts(), "read-pagerduty-alerts"),
                materializedAs(topics.pagerDutyAlerts(), PAGERDUTY_STORE));
        KStream<String, SpecificRecord> normalized = builder.stream(
                        topics.ingestRaw().name(), consumed(topics.ingestRaw(), "read-raw"))
                .process(
                        () -> new RawNormalizerProcessor(alerts, reports, clockSkewTolerance, onEventTimeClamped),
                        Named.as(NORMALIZE));
        // global stores are readable from every processor, so the normalizer needs no connectStore
        normalized
                .split(Named.as("route-"))
                .branch(
                        (product, value) -> value instanceof MonitoringAlert,
                        Branched.withConsumer(
                                stream -> {
                                    KStream<String, MonitoringAlert> alertStream =
                                            stream.mapValues(value -> (MonitoringAlert) value, Named.as("as-alert"));
                                    alertStream.to(topics.alerts().name(), produced(topics.alerts(), "write-alerts"));
                                    alertStream
                                            .filter(
                                                    (product, alert) -> alert.getSource() == AlertSource.PAGERDUTY,
                                                    Named.as("only-pagerduty"))
                                            .selectKey(
                                                    (product, alert) -> alert.getFingerprint(),
                                                    Named.as("by-dedup-key"))
                                            .to(
                                                    topics.pagerDutyAlerts().name(),
                                                    produced(topics.pagerDutyAlerts(), "write-pagerduty-alerts"));
                                },
                                "alerts"))
                .defaultBranch(Branched.withConsumer(
                        stream -> stream.mapValues(value -> (CustomerReport) value, Named.as("as-report"))
                                .to(
                                        topics.customerReports().name(),
                                        produced(topics.customerReports(), "write-reports")),
                        "reports"));

        builder.globalTable(
                topics.maintenanceWindows().name(),
                consumed(topics.maintenanceWindows(), "read-maintenance-windows"),
                materializedAs(topics.maintenanceWindows(), MAINTENANCE_STORE));
        builder.globalTable(
                topics.silences().name(),
                consumed(topics.silences(), "read-silences"),
                materializedAs(topics.silences(), SILENCES_STORE));
        return builder.build();
    }
}
