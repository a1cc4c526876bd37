package dev.tocsin.publisher.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What travels with a notification on the webhook retry topic, as record headers: the number of
 * the attempt to make, when it is due, why the last attempt failed, and where the notification
 * first came from (named in its dead letter if it never gets through). The schedule itself (the
 * wait before each retry, the last attempt) is {@link Backoff} and {@link WebhookSender}'s.
 *
 * @param attempt         number of the attempt to make (2 for the first retry)
 * @param due             not to be attempted before this
 * @param lastFailure     why the previous attempt failed; never contains the address
 * @param originTopic     topic the notification was first read from
 * @param originPartition its partition there
 * @param originOffset    its offset there
 */
record RetryTicket(
        int attempt, Instant due, String lastFailure, String originTopic, int originPartition, long originOffset) {

    static final String ATTEMPT = "tocsin.retry.attempt";
    static final String DUE = "tocsin.retry.due-ms";
    static final String REASON = "tocsin.retry.reason";
    static final String ORIGIN_TOPIC = "tocsin.retry.origin-topic";
    static final String ORIGIN_PARTITION = "tocsin.retry.origin-partition";
    static final String ORIGIN_OFFSET = "tocsin.retry.origin-offset";
    static final Set<String> HEADERS = Set.of(ATTEMPT, DUE, REASON, ORIGIN_TOPIC, ORIGIN_PARTITION, ORIGIN_OFFSET);

    RetryTicket {
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(originTopic, "originTopic");
        if (attempt < 2) {
            throw new IllegalArgumentException("a retry is attempt 2 or later, was " + attempt);
        }
    }

    /** The retry after attempt {@code failedAttempt} failed at {@code now} and asked to wait {@code wait}. */
    static RetryTicket after(
            int failedAttempt,
            Instant now,
            Duration wait,
            String reason,
            String originTopic,
            int originPartition,
            long originOffset) {
        return new RetryTicket(
                failedAttempt + 1,
                now.plus(wait),
                reason == null ? "" : reason,
                originTopic,
                originPartition,
                originOffset);
    }

    /** Whether the attempt may be made at {@code now}. */
    boolean dueAt(Instant now) {
        return !due.isAfter(now);
    }

    /** Replaces any ticket headers in {@code headers} with this ticket's. */
    void writeTo(Headers headers) {
        HEADERS.forEach(headers::remove);
        headers.add(ATTEMPT, String.valueOf(attempt).getBytes(UTF_8));
        headers.add(DUE, String.valueOf(due.toEpochMilli()).getBytes(UTF_8));
        headers.add(REASON, lastFailure.getBytes(UTF_8));
        headers.add(ORIGIN_TOPIC, originTopic.getBytes(UTF_8));
        headers.add(ORIGIN_PARTITION, String.valueOf(originPartition).getBytes(UTF_8));
        headers.add(ORIGIN_OFFSET, String.valueOf(originOffset).getBytes(UTF_8));
    }

    /** The ticket in {@code headers}; empty when they carry none or an unreadable one. */
    static Optional<RetryTicket> readFrom(Headers headers) {
        try {
            String attempt = text(headers, ATTEMPT);
            String due = text(headers, DUE);
            String topic = text(headers, ORIGIN_TOPIC);
            String partition = text(headers, ORIGIN_PARTITION);
            String offset = text(headers, ORIGIN_OFFSET);
            if (attempt == null || due == null || topic == null || partition == null || offset == null) {
                return Optional.empty();
            }
            String reason = text(headers, REASON);
            return Optional.of(new RetryTicket(
                    Integer.parseInt(attempt),
                    Instant.ofEpochMilli(Long.parseLong(due)),
                    reason == null ? "" : reason,
                    topic,
                    Integer.parseInt(partition),
                    Long.parseLong(offset)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
    }
}
