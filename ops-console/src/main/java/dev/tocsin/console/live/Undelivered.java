package dev.tocsin.console.live;

import dev.tocsin.avro.Notification;
import dev.tocsin.runtime.errors.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A notification that was never delivered, with the reason: status-publisher's webhook delivery
 * dead-letters a notification (its original bytes, the failure in the headers) when it finally
 * fails. Read from {@code tocsin.dead-letters}; letters of other topics are not notifications.
 *
 * @param notification what was not delivered
 * @param reason       the failure as the dead letter states it
 * @param at           when it was dead-lettered
 */
public record Undelivered(Notification notification, String reason, Instant at) {

    /** The undelivered notification a dead letter holds, if it comes from one of {@code notificationTopics}. */
    static Optional<Undelivered> of(
            Headers headers,
            byte[] value,
            Instant at,
            Set<String> notificationTopics,
            Function<byte[], Notification> decode) {
        String from = text(headers, DeadLetters.HEADER_TOPIC);
        if (from == null || !notificationTopics.contains(from) || value == null) {
            return Optional.empty();
        }
        String reason = text(headers, DeadLetters.HEADER_MESSAGE);
        return Optional.of(
                new Undelivered(decode.apply(value), reason == null ? "unknown (no reason recorded)" : reason, at));
    }

    private static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
