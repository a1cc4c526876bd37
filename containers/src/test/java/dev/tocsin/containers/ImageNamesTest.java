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
    void propertyWinsOverTheDefaultWhichKeepsItsColons() {
        String reference = "${tocsin.containers.kafka-image:apache/kafka:4.3.1}";

        assertThat(ImageNames.resolve(reference, Map.of("tocsin.containers.kafka-image", "apache/kafka:4.1.1")::get))
                .isEqualTo("apache/kafka:4.1.1");
        assertThat(ImageNames.resolve(reference, p -> null)).isEqualTo("apache/kafka:4.3.1");
        assertThat(ImageNames.resolve(reference, p -> " ")).isEqualTo("apache/kafka:4.3.1");
    }

    @Test
    void unsetPropertyWithoutDefaultIsAnError() {
        assertThatThrownBy(() -> ImageNames.resolve("${tocsin.containers.nothing}", p -> null))
                .hasMessageContaining("tocsin.containers.nothing");
    }
}
