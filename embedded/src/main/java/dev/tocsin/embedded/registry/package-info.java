/**
 * An embedded schema registry speaking the Confluent Schema Registry REST API v1 (Avro only),
 * for the local stack and tests. {@link dev.tocsin.embedded.registry.EmbeddedSchemaRegistry} is
 * the entry point.
 *
 * <p>Inside, one concept per class: {@code CompatibilityLevel} (the evolution rules, pure),
 * {@code SchemaStore} (state in memory), {@code RegistryEvent}/{@code RegistryLogCodec} (the
 * changes and their Confluent {@code _schemas} layout), {@code KafkaRegistryLog} (the compacted
 * topic), {@code RegistryService} (operations and errors, one lock, write-then-apply) and
 * {@code RegistryRoutes}/{@code BasicAuth} (HTTP).
 */
package dev.tocsin.embedded.registry;
