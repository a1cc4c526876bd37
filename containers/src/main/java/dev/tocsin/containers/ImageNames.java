package dev.tocsin.containers;

import java.util.function.UnaryOperator;

/**
 * The images of the container tests, each named by a system property the build sets (the module's
 * pom), with the default an IDE run gets. {@code ${property:default}} resolves to the property's
 * value, or the default when it is unset; anything else is an image name as it stands.
 */
public final class ImageNames {

    public static final String KAFKA = "${tocsin.containers.kafka-image:apache/kafka:4.3.1}";
    public static final String SCHEMA_REGISTRY = "${tocsin.containers.registry-image:confluentinc/cp-schema-registry:8.1.0}";
    public static final String ALERT_INGEST = "${tocsin.containers.ingest-image:tocsin/alert-ingest:0.1.0-SNAPSHOT}";
    public static final String INCIDENT_CORRELATOR =
            "${tocsin.containers.correlator-image:tocsin/incident-correlator:0.1.0-SNAPSHOT}";
    public static final String STATUS_PUBLISHER = "${tocsin.containers.publisher-image:tocsin/status-publisher:0.1.0-SNAPSHOT}";

    private ImageNames() {
    }

    /** The image {@code reference} names, looking properties up in the system properties. */
    public static String resolve(String reference) {
        return resolve(reference, System::getProperty);
    }

    /** The image {@code reference} names, looking properties up with {@code properties} (null when unset). */
    static String resolve(String reference, UnaryOperator<String> properties) {
        if (!reference.startsWith("${") || !reference.endsWith("}")) {
            return reference;
        }
        String inner = reference.substring(2, reference.length() - 1);
        // property names hold no colon; image names may (registry port, tag)
        int colon = inner.indexOf(':');
        String property = colon < 0 ? inner : inner.substring(0, colon);
        String fallback = colon < 0 ? null : inner.substring(colon + 1);
        String value = properties.apply(property);
        if (value != null && !value.isBlank()) {
            return value.trim();
        }
        if (fallback == null || fallback.isBlank()) {
            throw new IllegalArgumentException("Image " + reference + " names system property " + property
                    + ", which is unset and has no default");
        }
        return fallback;
    }
}
