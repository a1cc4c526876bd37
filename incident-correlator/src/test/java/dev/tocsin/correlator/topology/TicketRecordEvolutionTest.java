package dev.tocsin.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.correlator.state.TicketRecord;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/**
 * {@code TicketRecord.lastReportAt} (reclassified tickets) was added to a store whose changelog
 * holds records written without it: they must still restore, as a ticket never reported since.
 */
class TicketRecordEvolutionTest {

    @Test
    void aTicketRecordWrittenBeforeLastReportAtRestoresWithItAtZero() throws Exception {
        Schema current = TicketRecord.getClassSchema();
        Schema previous = withoutField(current, "lastReportAt");
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, previous)
                        .getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);

        GenericRecord old = new GenericData.Record(previous);
        old.put("ticketId", "T-1");
        old.put("organizationId", "org-1");
        old.put("product", "chat");
        old.put("customerPriority", "P4");
        old.put("reportedAt", 1L);
        old.put("triagedAt", 2L);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(previous).write(old, encoder);
        encoder.flush();

        TicketRecord restored = new SpecificDatumReader<TicketRecord>(previous, current)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertThat(restored.getTicketId()).isEqualTo("T-1");
        assertThat(restored.getLastReportAt()).isZero();
    }

    private static Schema withoutField(Schema schema, String name) {
        List<Schema.Field> fields = schema.getFields().stream()
                .filter(f -> !f.name().equals(name))
                .map(f -> new Schema.Field(f, f.schema()))
                .toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
