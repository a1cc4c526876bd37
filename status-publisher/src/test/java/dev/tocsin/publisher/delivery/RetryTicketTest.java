package dev.tocsin.publisher.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RetryTicketTest {

    private static final Instant NOW = Instant.parse("2026-12-01T04:00:00Z");

    @Test
    void theRetryAfterAFailedAttemptIsTheNextAttemptDueAfterTheWait() {
        RetryTicket ticket = RetryTicket.after(1, NOW, Duration.ofSeconds(2), "attempt 1: HTTP 503", "t", 3, 42);

        assertThat(ticket.attempt()).isEqualTo(2);
        assertThat(ticket.due()).isEqualTo(NOW.plusSeconds(2));
        assertThat(ticket.dueAt(NOW.plusMillis(1999))).isFalse();
        assertThat(ticket.dueAt(NOW.plusSeconds(2))).isTrue();
    }

    @Test
    void aTicketSurvivesTheTripThroughRecordHeadersAndReplacesAnEarlierOne() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-abc".getBytes(UTF_8));
        RetryTicket.after(1, NOW, Duration.ofSeconds(1), "first", "t", 0, 1).writeTo(headers);
        RetryTicket second = RetryTicket.after(2, NOW, Duration.ofSeconds(4), "attempt 2: HTTP 500", "t", 0, 1);

        second.writeTo(headers);

        assertThat(RetryTicket.readFrom(headers)).contains(second);
        assertThat(headers.headers(RetryTicket.ATTEMPT)).hasSize(1);
        assertThat(headers.lastHeader("traceparent")).isNotNull();
    }

    @Test
    void headersWithoutAReadableTicketHaveNone() {
        RecordHeaders headers = new RecordHeaders();
        assertThat(RetryTicket.readFrom(headers)).isEmpty();
        RetryTicket.after(1, NOW, Duration.ZERO, "x", "t", 0, 1).writeTo(headers);
        headers.remove(RetryTicket.DUE);
        headers.add(RetryTicket.DUE, "soon".getBytes(UTF_8));
        assertThat(RetryTicket.readFrom(headers)).isEmpty();
    }

    @Test
    void aFirstAttemptIsNoRetry() {
        assertThatThrownBy(() -> new RetryTicket(1, NOW, "", "t", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
