package dev.tocsin.runtime.errors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void aConsumedRecordsDeadLetterKeepsItsBytesAndHeadersAndNamesItsSource() {
        ConsumerRecord<byte[], byte[]> retry =
                consumed("tocsin.webhook-retries", 2, 41, new RecordHeader("trace-id", "t-1".getBytes(UTF_8)));

        DeadLetter letter = decode(DeadLetters.fromConsumerRecord(
                "tocsin.dead-letters",
                retry,
                new TopicPartition("tocsin.notifications", 5),
                1234,
                "webhook",
                new IllegalStateException("HTTP 500")));

        assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap("key".getBytes(UTF_8)));
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap("value".getBytes(UTF_8)));
        assertThat(letter.getHeaders()).containsOnlyKeys("trace-id");
        assertThat(letter.getSourceTopic()).isEqualTo("tocsin.notifications");
        assertThat(letter.getSourcePartition()).isEqualTo(5);
        assertThat(letter.getSourceOffset()).isEqualTo(1234L);
        assertThat(letter.getHttpRoute()).isEqualTo("webhook");
        assertThat(letter.getErrorClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.getErrorMessage()).isEqualTo("HTTP 500");
        assertThat(letter.getStackTrace()).contains("DeadLettersTest");
    }

    @Test
    void aRecordsOwnErrorHeadersDoNotPassForThisFailures() {
        ConsumerRecord<byte[], byte[]> earlierLetter = consumed(
                "tocsin.notifications",
                0,
                7,
                new RecordHeader(DeadLetters.HEADER_EXCEPTION, "java.io.IOException".getBytes(UTF_8)),
                new RecordHeader(DeadLetters.HEADER_OFFSET, "99".getBytes(UTF_8)),
                new RecordHeader(DeadLetters.HEADER_SERVICE, "other-service".getBytes(UTF_8)));

        ProducerRecord<byte[], byte[]> letter = DeadLetters.fromConsumerRecord(
                "tocsin.dead-letters",
                earlierLetter,
                new TopicPartition("tocsin.notifications", 0),
                7,
                "webhook",
                new IllegalStateException("gone"));

        assertThat(letter.headers().headers(DeadLetters.HEADER_EXCEPTION)).hasSize(1);
        assertThat(letter.headers().headers(DeadLetters.HEADER_OFFSET)).hasSize(1);
        assertThat(letter.headers().headers(DeadLetters.HEADER_SERVICE))
                .as("stamped by DeadLetterMetrics")
                .isEmpty();
        DeadLetter decoded = decode(letter);
        assertThat(decoded.getErrorClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(decoded.getSourceOffset()).isEqualTo(7L);
    }

    private static ConsumerRecord<byte[], byte[]> consumed(
            String topic, int partition, long offset, RecordHeader... headers) {
        byte[] key = "key".getBytes(UTF_8);
        byte[] value = "value".getBytes(UTF_8);
        return new ConsumerRecord<>(
                topic,
                partition,
                offset,
                0L,
                TimestampType.CREATE_TIME,
                key.length,
                value.length,
                key,
                value,
                new RecordHeaders(List.of(headers)),
                Optional.empty());
    }

    private static DeadLetter decode(ProducerRecord<byte[], byte[]> letter) {
        return DeadLetters.decode(new ConsumerRecord<>(
                letter.topic(),
                0,
                0,
                0L,
                TimestampType.CREATE_TIME,
                0,
                0,
                letter.key(),
                letter.value(),
                letter.headers(),
                Optional.empty()));
    }
}
