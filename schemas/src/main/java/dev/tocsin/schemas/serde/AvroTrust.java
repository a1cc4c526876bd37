package dev.tocsin.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to load classes named by a schema unless they are trusted
 * ({@code org.apache.avro.SERIALIZABLE_PACKAGES}). Our generated classes live under
 * {@value #TRUSTED_PREFIX} (contracts in {@value #CONTRACT_PACKAGE}, services' internal state
 * records in their own packages); this adds exactly our own code to whatever is trusted already,
 * so no process has to remember a system property and nothing else gets trusted.
 */
public final class AvroTrust {

    /** Package of the generated SpecificRecord classes (the Avro namespace of every contract). */
    public static final String CONTRACT_PACKAGE = "dev.tocsin.avro";
    /** Every Avro class Tocsin generates starts with this. */
    public static final String TRUSTED_PREFIX = "dev.tocsin.";

    private static boolean installed;

    private AvroTrust() {}

    public static synchronized void trustContracts() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                previous, clazz -> clazz.getName().startsWith(TRUSTED_PREFIX)));
        installed = true;
    }
}
