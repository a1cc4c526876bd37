package dev.tocsin.embedded.registry;

/**
 * One version of a subject: what a SCHEMA record of the schemas topic holds.
 *
 * @param subject the subject name
 * @param version 1-based version within the subject
 * @param id the global schema id (the same schema has the same id under every subject)
 * @param schema the schema in canonical form (Avro's compact JSON)
 * @param deleted true once soft-deleted: hidden from listings, but the id stays resolvable
 */
record SubjectVersion(String subject, int version, int id, String schema, boolean deleted) implements RegistryEvent {

    SubjectVersion markDeleted() {
        return new SubjectVersion(subject, version, id, schema, true);
    }
}
