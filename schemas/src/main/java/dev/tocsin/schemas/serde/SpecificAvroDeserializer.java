package dev.tocsin.schemas.serde;

import dev.tocsin.schemas.registry.SchemaRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Avro into a SpecificRecord: the writer's schema comes from the
 * registry by the id in the header, and Avro schema resolution maps it onto our reader schema,
 * so records written with an older or newer compatible schema still decode.
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final SchemaRegistry registry;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

    public SpecificAvroDeserializer(SchemaRegistry registry, Schema readerSchema) {
        AvroTrust.trustContracts();
        this.registry = registry;
        this.readerSchema = readerSchema;
    }

    @Override
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        int id = ConfluentWire.schemaId(topic, payload);
        SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(
                id, writerId -> new SpecificDatumReader<>(registry.schemaById(writerId), readerSchema));
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(
                            payload, ConfluentWire.HEADER_LENGTH, payload.length - ConfluentWire.HEADER_LENGTH, null);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Cannot decode record on topic " + topic + " written with schema id " + id + " as "
                            + readerSchema.getFullName() + ": " + e.getMessage(),
                    e);
        }
    }
}
