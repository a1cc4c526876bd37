package dev.tocsin.embedded.registry;

/**
 * The schema part of a register, lookup or compatibility request body.
 *
 * @param schema the schema text as sent (may be null when the body lacked it)
 * @param schemaType null or "AVRO" for Avro; anything else is refused
 * @param hasReferences whether the body listed schema references (not supported)
 */
record SchemaRequest(String schema, String schemaType, boolean hasReferences) {}
