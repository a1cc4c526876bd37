package dev.tocsin.schemas.serde;

import dev.tocsin.schemas.registry.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a SpecificRecord in the Confluent wire format under the TopicNameStrategy subject
 * ({@code <topic>-value} or {@code <topic>-key}). A null record stays null (a tombstone).
 */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SchemaRegistry registry;
    private final Schema schema;
    private final boolean isKey;
    private final SpecificDatumWriter<T> writer;
    /**
     * One buffered encoder per thread, re-pointed at each record's stream: the direct encoder wrote
     * byte by byte into a synchronized stream, a visible share of every service's storm profile.
     */
    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();

    public SpecificAvroSerializer(SchemaRegistry registry, Schema schema, boolean isKey) {
        this.registry = registry;
        this.schema = schema;
        this.isKey = isKey;
        this.writer = new SpecificDatumWriter<>(schema);
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        int id = registry.idFor(Subjects.forTopic(topic, isKey), schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ByteBuffer header = ByteBuffer.allocate(ConfluentWire.HEADER_LENGTH);
        ConfluentWire.writeHeader(header, id);
        out.writeBytes(header.array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
            ENCODERS.set(encoder);
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Cannot encode " + schema.getFullName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
