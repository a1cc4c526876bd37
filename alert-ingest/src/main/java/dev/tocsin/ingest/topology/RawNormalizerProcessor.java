package dev.tocsin.ingest.topology;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.ingest.domain.AlertNormalizers;
import dev.tocsin.ingest.domain.IngestContext;
import dev.tocsin.ingest.domain.KnownAlerts;
import dev.tocsin.ingest.domain.Normalizers;
import dev.tocsin.ingest.domain.PayloadParser;
import dev.tocsin.ingest.domain.ReportNormalizers;
import dev.tocsin.ingest.domain.Source;
import dev.tocsin.schemas.rules.EventTimes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Normalizes one raw JSON record as the {@link Source} its {@code format} header names and forwards
 * each resulting alert or report keyed by product. Anything it cannot normalize throws: the
 * shared processing handler then sends the original bytes to the dead-letter topic with the
 * reason. Ids and the received time come from the record's coordinates and timestamp, so a
 * replay produces the same records; a timestamp further ahead of the wall clock than the tolerance
 * (a producer with a fast clock) is clamped to it ({@link EventTimes}) and counted.
 */
final class RawNormalizerProcessor implements Processor<String, byte[], String, SpecificRecord> {

    private final AlertNormalizers alerts;
    private final ReportNormalizers reports;
    private final long clockSkewToleranceMillis;
    private final Runnable onEventTimeClamped;
    private ProcessorContext<String, SpecificRecord> context;
    private Normalizers normalizers;

    RawNormalizerProcessor(
            AlertNormalizers alerts,
            ReportNormalizers reports,
            Duration clockSkewTolerance,
            Runnable onEventTimeClamped) {
        this.alerts = alerts;
        this.reports = reports;
        this.clockSkewToleranceMillis = clockSkewTolerance.toMillis();
        this.onEventTimeClamped = onEventTimeClamped;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        KeyValueStore<String, ValueAndTimestamp<MonitoringAlert>> store =
                context.getStateStore(IngestTopology.PAGERDUTY_STORE);
        KnownAlerts pagerDutyAlerts =
                fingerprint -> Optional.ofNullable(store.get(fingerprint)).map(ValueAndTimestamp::value);
        normalizers = new Normalizers(alerts, reports, pagerDutyAlerts);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Header header = record.headers().lastHeader(Source.FORMAT_HEADER);
        String headerValue = header == null || header.value() == null ? null : new String(header.value(), UTF_8);
        Source source = Source.fromFormat(headerValue)
                .orElseThrow(() -> new IllegalArgumentException("Header '" + Source.FORMAT_HEADER + "' is "
                        + (headerValue == null ? "missing" : "'" + headerValue + "'") + "; expected one of "
                        + Source.formats()));
        JsonNode body = parse(record.value());
        long receivedAt = receivedAt(record.timestamp());
        IngestContext ingest = new IngestContext(Instant.ofEpochMilli(receivedAt), idsFor(record));
        for (SpecificRecord normalized : source.normalize(normalizers, body, ingest)) {
            String product = normalized instanceof MonitoringAlert alert
                    ? alert.getProduct()
                    : ((CustomerReport) normalized).getProduct();
            context.forward(record.withKey(product).withValue(normalized).withTimestamp(receivedAt));
        }
    }

    /**
     * The record's timestamp, or the wall clock plus the tolerance if a producer's fast clock put it
     * further ahead. A replay of history is unaffected (its timestamps lie in the past); only a record
     * clamped live gets its own, later, time if replayed after that time has passed.
     */
    private long receivedAt(long timestamp) {
        long clamped = EventTimes.clamp(timestamp, context.currentSystemTimeMs(), clockSkewToleranceMillis);
        if (clamped != timestamp) {
            onEventTimeClamped.run();
        }
        return clamped;
    }

    private static JsonNode parse(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("Raw ingest record has no value");
        }
        try {
            return PayloadParser.parse(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("Raw ingest record is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** {@code raw-<partition>-<offset>-<n>}: stable across replays of the same input. */
    private Supplier<String> idsFor(Record<String, byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String base = meta == null ? "raw-" + record.timestamp() : "raw-" + meta.partition() + "-" + meta.offset();
        AtomicInteger n = new AtomicInteger();
        return () -> base + "-" + n.getAndIncrement();
    }
}
