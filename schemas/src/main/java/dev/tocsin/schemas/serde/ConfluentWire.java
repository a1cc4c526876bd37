package dev.tocsin.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding of the value. Any Confluent-compatible client can read what we write.
 */
public final class ConfluentWire {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private ConfluentWire() {}

    /** Writes the 5-byte header into the start of {@code target}. */
    public static void writeHeader(ByteBuffer target, int schemaId) {
        target.put(MAGIC_BYTE).putInt(schemaId);
    }

    /** Reads the schema id from a wire-format payload, rejecting anything that is not one. */
    public static int schemaId(String topic, byte[] payload) {
        if (payload.length < HEADER_LENGTH) {
            throw new SerializationException("Record on topic " + topic + " is " + payload.length
                    + " bytes, too short for the Confluent wire format (magic byte + 4-byte schema id)");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new SerializationException("Record on topic " + topic + " starts with byte " + payload[0]
                    + ", not the Confluent magic byte 0: it was not written by an Avro registry serializer");
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }
}
