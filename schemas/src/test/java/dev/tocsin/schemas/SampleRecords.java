package dev.tocsin.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds a record of any contract type with every field set, optional ones included, so a round
 * trip exercises the whole schema rather than the required fields only.
 */
public final class SampleRecords {

    private SampleRecords() {}

    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> T fullyPopulated(Class<T> type) {
        SpecificData data = SpecificData.getForClass(type);
        return (T) record(data, data.getSchema(type));
    }

    private static Object record(SpecificData data, Schema schema) {
        SpecificRecord record = (SpecificRecord) data.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.pos(), value(data, field.name(), field.schema()));
        }
        return record;
    }

    private static Object value(SpecificData data, String name, Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            return switch (logical.getName()) {
                case "timestamp-millis" -> Instant.parse("2026-11-21T10:15:30.123Z");
                case "timestamp-nanos" -> Instant.parse("2026-11-21T10:15:30.123456789Z");
                default -> throw new IllegalArgumentException("no sample for logical type " + logical.getName());
            };
        }
        return switch (schema.getType()) {
            case STRING -> name + "-sample-ü-日本";
            case INT -> 42;
            case LONG -> 1L << 40;
            case BOOLEAN -> true;
            case DOUBLE -> 0.5d;
            case FLOAT -> 0.25f;
            case BYTES -> ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255});
            case ENUM ->
                data.createEnum(
                        schema.getEnumSymbols().get(schema.getEnumSymbols().size() - 1), schema);
            case RECORD -> record(data, schema);
            case ARRAY -> List.of(value(data, name, schema.getElementType()));
            case MAP -> Map.of("k-" + name, value(data, name, schema.getValueType()));
            case UNION ->
                value(
                        data,
                        name,
                        schema.getTypes().stream()
                                .filter(t -> t.getType() != Schema.Type.NULL)
                                .findFirst()
                                .orElseThrow());
            default -> throw new IllegalArgumentException("no sample for " + schema.getType());
        };
    }
}
