package dev.tocsin.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageNamesTest {

    @Test
    void literalNameStandsAsItIs() {
        assertThat(ImageNames.resolve("registry.example:5000/apache/kafka:4.3.1", p -> "ignored"))
                .isEqualTo("registry.example:5000/apache/kafka:4.3.1");
    }

    @Test
    void propertyNamesTheImage() {
        assertThat(ImageNames.resolve(
                        ImageNames.KAFKA, Map.of("tocsin.containers.kafka-image", "apache/kafka:4.1.1")::get))
                .isEqualTo("apache/kafka:4.1.1");
    }

    @Test
    void unsetOrUnfilledPropertyIsAnErrorNamingIt() {
        assertThatThrownBy(() -> ImageNames.resolve(ImageNames.KAFKA, p -> null))
                .hasMessageContaining("-Dtocsin.containers.kafka-image=");
        assertThatThrownBy(() -> ImageNames.resolve(ImageNames.KAFKA, p -> "${tocsin.containers.kafka-image}"))
                .hasMessageContaining("tocsin.containers.kafka-image");
    }

    @Test
    void buildWritesTheDefaultOfEveryImageFromThePom() {
        assertThat(ImageNames.resolve(ImageNames.KAFKA)).startsWith("apache/kafka:4.");
        assertThat(ImageNames.resolve(ImageNames.SCHEMA_REGISTRY)).startsWith("confluentinc/cp-schema-registry:");
        assertThat(ImageNames.resolve(ImageNames.ALERT_INGEST)).startsWith("tocsin/alert-ingest:");
        assertThat(ImageNames.resolve(ImageNames.INCIDENT_CORRELATOR)).startsWith("tocsin/incident-correlator:");
        assertThat(ImageNames.resolve(ImageNames.STATUS_PUBLISHER)).startsWith("tocsin/status-publisher:");
    }
}
