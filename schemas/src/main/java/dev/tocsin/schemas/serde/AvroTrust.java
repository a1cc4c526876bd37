package dev.tocsin.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to load classes named by a schema unless they are trusted
 * ({@code org.apache.avro.SERIALIZABLE_PACKAGES}). Our generated contract classes live in
 * {@value #CONTRACT_PACKAGE}; this adds exactly that package to whatever is trusted already,
 * so no process has to remember a system property and nothing else gets trusted.
 */
public final class AvroTrust {

    /** Package of the generated SpecificRecord classes (the Avro namespace of every contract). */
    public static final String CONTRACT_PACKAGE = "dev.tocsin.avro";

    private static boolean installed;

    private AvroTrust() {
    }

    public static synchronized void trustContracts() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                clazz -> clazz.getName().startsWith(CONTRACT_PACKAGE + ".")));
        installed = true;
    }
}
