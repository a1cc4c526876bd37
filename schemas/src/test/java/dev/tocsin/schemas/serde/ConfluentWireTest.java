package dev.tocsin.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentWireTest {

    @Test
    void headerIsMagicZeroThenBigEndianSchemaId() {
        ByteBuffer buffer = ByteBuffer.allocate(ConfluentWire.HEADER_LENGTH);
        ConfluentWire.writeHeader(buffer, 0x01020304);
        assertThat(buffer.array()).containsExactly(0, 1, 2, 3, 4);
        assertThat(ConfluentWire.schemaId("t", buffer.array())).isEqualTo(0x01020304);
    }

    @Test
    void payloadWithoutMagicByteIsRejectedNamingTheTopic() {
        byte[] json = "{\"status\":\"firing\"}".getBytes();
        assertThatThrownBy(() -> ConfluentWire.schemaId("tocsin.alerts", json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("tocsin.alerts")
                .hasMessageContaining("magic byte");
    }

    @Test
    void payloadShorterThanHeaderIsRejected() {
        assertThatThrownBy(() -> ConfluentWire.schemaId("t", new byte[] {0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void topicNameStrategyAppendsValueOrKey() {
        assertThat(Subjects.valueSubject("tocsin.alerts")).isEqualTo("tocsin.alerts-value");
        assertThat(Subjects.forTopic("tocsin.alerts", true)).isEqualTo("tocsin.alerts-key");
    }
}
