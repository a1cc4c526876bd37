package dev.tocsin.embedded.registry;

/**
 * One change to the registry's state, as it is written to and read back from the schemas topic.
 * Live writes and the replay at start go through the same events, so a restarted registry ends
 * up exactly where the previous one stopped.
 */
sealed interface RegistryEvent
        permits SubjectVersion,
                RegistryEvent.VersionRemoved,
                RegistryEvent.SubjectDeleted,
                RegistryEvent.ConfigChanged {

    /** A version was permanently deleted (a tombstone on its SCHEMA key). */
    record VersionRemoved(String subject, int version) implements RegistryEvent {}

    /** Every version of the subject up to {@code upToVersion} is soft-deleted. */
    record SubjectDeleted(String subject, int upToVersion) implements RegistryEvent {}

    /**
     * The compatibility level of a subject, or the global one when {@code subject} is null; a
     * null level removes the setting (the global one falls back to BACKWARD).
     */
    record ConfigChanged(String subject, CompatibilityLevel level) implements RegistryEvent {}
}
