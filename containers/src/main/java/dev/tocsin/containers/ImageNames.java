package dev.tocsin.containers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The images of the container tests. {@code ${property}} names an image by a property: a JVM
 * system property when set, otherwise the value the build wrote into {@code images.properties}
 * from the module's pom (the one place the defaults live). Anything else is an image name as it stands.
 */
public final class ImageNames {

    public static final String KAFKA = "${tocsin.containers.kafka-image}";
    public static final String SCHEMA_REGISTRY = "${tocsin.containers.registry-image}";
    public static final String ALERT_INGEST = "${tocsin.containers.ingest-image}";
    public static final String INCIDENT_CORRELATOR = "${tocsin.containers.correlator-image}";
    public static final String STATUS_PUBLISHER = "${tocsin.containers.publisher-image}";

    private static final Properties BUILT = load();

    private ImageNames() {}

    /** The image {@code reference} names. */
    public static String resolve(String reference) {
        return resolve(reference, property -> {
            String value = System.getProperty(property);
            return value == null || value.isBlank() ? BUILT.getProperty(property) : value;
        });
    }

    /** The image {@code reference} names, looking properties up with {@code properties} (null when unset). */
    static String resolve(String reference, UnaryOperator<String> properties) {
        if (!reference.startsWith("${") || !reference.endsWith("}")) {
            return reference;
        }
        String property = reference.substring(2, reference.length() - 1);
        String value = properties.apply(property);
        // an unfiltered file (a run outside Maven that skipped resource processing) still says ${...}
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalArgumentException("Image " + reference + " is not set: pass -D" + property
                    + "=<image>, or build the module with Maven, which writes its default");
        }
        return value.trim();
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = ImageNames.class.getResourceAsStream("images.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
