package dev.tocsin.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.correlator.domain.LegacyEnumStrings;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import dev.tocsin.embedded.registry.CompatibilityLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code TrackedAlert} and {@code TicketRecord} held their enums as strings; now they hold real
 * Avro enums (new fields) and still write the strings ({@link LegacyEnumStrings}). The changelogs
 * of both stores hold records of the old shape: they must still be read, with the same values, and
 * the release before must read the records of this one (rolling upgrade, rollback). The old shapes
 * are the schemas as they were ({@code src/test/resources/state-before-enum-fields}); decoding is
 * what the store serde does (writer schema from the registry, this release's class as reader).
 */
class EnumFieldsEvolutionTest {

    private static final Schema OLD_ALERT = oldSchema("TrackedAlert");
    private static final Schema OLD_TICKET = oldSchema("TicketRecord");

    @Test
    void theChangelogSubjectsAcceptTheEnumFieldsUnderBackwardAndFullCompatibility() {
        for (CompatibilityLevel level : List.of(CompatibilityLevel.BACKWARD, CompatibilityLevel.FULL)) {
            assertThat(level.check(TrackedAlert.getClassSchema(), List.of(OLD_ALERT)))
                    .as(level.name())
                    .isEmpty();
            assertThat(level.check(TicketRecord.getClassSchema(), List.of(OLD_TICKET)))
                    .as(level.name())
                    .isEmpty();
        }
    }

    @Test
    void anAlertWrittenWithStringSymbolsIsReadWithTheSameEnums() throws IOException {
        TrackedAlert read = readOldAlert(
                oldAlert("RESOLVED", "LATENCY").set("severityHint", "HIGH").set("flapCount", 2));

        assertThat(read.getAlertStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(read.getAlertSignal()).isEqualTo(Signal.LATENCY);
        assertThat(read.getAlertSeverityHint()).isEqualTo(SeverityHint.HIGH);
        assertThat(read.getFingerprint()).isEqualTo("fp-1");
        assertThat(read.getFlapCount()).isEqualTo(2);
    }

    @Test
    void anAlertWrittenWithoutAHintIsReadWithoutOne() throws IOException {
        TrackedAlert read = readOldAlert(oldAlert("FIRING", "OTHER"));

        assertThat(read.getAlertStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(read.getAlertSignal()).isEqualTo(Signal.OTHER);
        assertThat(read.getAlertSeverityHint()).isNull();
    }

    @Test
    void aTicketWrittenWithStringSymbolsIsReadWithTheSameEnums() throws IOException {
        GenericRecord old = new GenericRecordBuilder(OLD_TICKET)
                .set("ticketId", "T-1")
                .set("organizationId", "org-1")
                .set("product", "chat")
                .set("customerPriority", "P1")
                .set("triageOutcome", "LINKED")
                .set("incidentId", "chat-0000000a")
                .build();

        TicketRecord read = LegacyEnumStrings.read(EnumFieldsEvolutionTest.<TicketRecord>decode(
                write(OLD_TICKET, old), OLD_TICKET, TicketRecord.getClassSchema()));

        assertThat(read.getPriority()).isEqualTo(CustomerPriority.P1);
        assertThat(read.getOutcome()).isEqualTo(TriageOutcome.LINKED);
        assertThat(read.getIncidentId()).isEqualTo("chat-0000000a");
    }

    @Test
    void theReleaseBeforeReadsTheStringsOfRecordsWrittenNow() throws IOException {
        TrackedAlert alert = TrackedAlert.newBuilder()
                .setProduct("chat")
                .setFingerprint("fp-1")
                .setAlertStatus(AlertStatus.ACKNOWLEDGED)
                .setAlertSignal(Signal.ERROR_RATE)
                .setAlertSeverityHint(SeverityHint.LOW)
                .setFirstSeenAt(Instant.EPOCH.toEpochMilli())
                .build();
        TicketRecord ticket = TicketRecord.newBuilder()
                .setTicketId("T-1")
                .setOrganizationId("org-1")
                .setProduct("chat")
                .setPriority(CustomerPriority.P2)
                .setOutcome(TriageOutcome.STANDARD_TROUBLESHOOTING)
                .build();

        GenericRecord oldAlert = decodeGeneric(
                write(TrackedAlert.getClassSchema(), LegacyEnumStrings.mirror(alert)),
                TrackedAlert.getClassSchema(),
                OLD_ALERT);
        GenericRecord oldTicket = decodeGeneric(
                write(TicketRecord.getClassSchema(), LegacyEnumStrings.mirror(ticket)),
                TicketRecord.getClassSchema(),
                OLD_TICKET);

        assertThat(oldAlert.get("status").toString()).isEqualTo("ACKNOWLEDGED");
        assertThat(oldAlert.get("signal").toString()).isEqualTo("ERROR_RATE");
        assertThat(oldAlert.get("severityHint").toString()).isEqualTo("LOW");
        assertThat(oldTicket.get("customerPriority").toString()).isEqualTo("P2");
        assertThat(oldTicket.get("triageOutcome").toString()).isEqualTo("STANDARD_TROUBLESHOOTING");
    }

    @Test
    void aRecordWrittenNowIsReadBackAsItWasWithoutACopy() throws IOException {
        TrackedAlert alert = TrackedAlert.newBuilder()
                .setProduct("chat")
                .setFingerprint("fp-1")
                .setAlertStatus(AlertStatus.FIRING)
                .setAlertSignal(Signal.AVAILABILITY)
                .build();
        Schema current = TrackedAlert.getClassSchema();

        TrackedAlert decoded = EnumFieldsEvolutionTest.<TrackedAlert>decode(
                write(current, LegacyEnumStrings.mirror(alert)), current, current);

        assertThat(LegacyEnumStrings.read(decoded)).isSameAs(decoded).isEqualTo(alert);
    }

    /** An alert record as the release before wrote it: enums as symbol names. */
    private static GenericRecordBuilder oldAlert(String status, String signal) {
        return new GenericRecordBuilder(OLD_ALERT)
                .set("product", "chat")
                .set("fingerprint", "fp-1")
                .set("status", status)
                .set("signal", signal)
                .set("summary", "slow");
    }

    /** What the alerts store hands the rules: decoded by this release's class, then {@link LegacyEnumStrings#read}. */
    private static TrackedAlert readOldAlert(GenericRecordBuilder old) throws IOException {
        return LegacyEnumStrings.read(EnumFieldsEvolutionTest.<TrackedAlert>decode(
                write(OLD_ALERT, old.build()), OLD_ALERT, TrackedAlert.getClassSchema()));
    }

    private static Schema oldSchema(String name) {
        try (InputStream in =
                EnumFieldsEvolutionTest.class.getResourceAsStream("/state-before-enum-fields/" + name + ".avsc")) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] write(Schema schema, Object record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        if (record instanceof GenericData.Record generic) {
            new GenericDatumWriter<GenericRecord>(schema).write(generic, encoder);
        } else {
            new SpecificDatumWriter<Object>(schema).write(record, encoder);
        }
        encoder.flush();
        return bytes.toByteArray();
    }

    private static <T> T decode(byte[] bytes, Schema writer, Schema reader) throws IOException {
        return new SpecificDatumReader<T>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    private static GenericRecord decodeGeneric(byte[] bytes, Schema writer, Schema reader) throws IOException {
        return new GenericDatumReader<GenericRecord>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }
}
