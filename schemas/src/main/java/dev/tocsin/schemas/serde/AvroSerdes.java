package dev.tocsin.schemas.serde;

import dev.tocsin.schemas.registry.SchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Makes Confluent-wire Avro serdes for our generated contract classes, sharing one registry. */
public final class AvroSerdes {

    private final SchemaRegistry registry;

    public AvroSerdes(SchemaRegistry registry) {
        AvroTrust.trustContracts();
        this.registry = registry;
    }

    public SchemaRegistry registry() {
        return registry;
    }

    /** A value serde for {@code type}. */
    public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
        return forType(type, false);
    }

    /** A key serde for {@code type} (subject {@code <topic>-key}). */
    public <T extends SpecificRecord> Serde<T> key(Class<T> type) {
        return forType(type, true);
    }

    /** The Avro schema compiled into a generated class. */
    public static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }

    private <T extends SpecificRecord> Serde<T> forType(Class<T> type, boolean isKey) {
        Schema schema = schemaOf(type);
        return Serdes.serdeFrom(
                new SpecificAvroSerializer<>(registry, schema, isKey),
                new SpecificAvroDeserializer<>(registry, schema));
    }
}
