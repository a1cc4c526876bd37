package dev.tocsin.publisher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tocsin.avro.Notification;
import dev.tocsin.publisher.delivery.Receiver.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSenderTest {

    private static final String SECRET = "test-secret";
    private static final Duration TOLERANCE = WebhookSignature.DEFAULT_TOLERANCE;

    private final ManualClock clock = new ManualClock(Instant.parse("2024-05-01T12:00:00Z"));
    /** Every wait the sender asked for; the clock moves by it instead of the test sleeping. */
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Test
    void deliveryPostsSignedJsonWithDedupKeyAndAttemptHeaders() throws Exception {
        try (Receiver receiver = Receiver.answering(204)) {
            Notification notification = TestNotifications.webhook(receiver.url()).build();

            DeliveryResult result = sender(3, 10, 40).send(notification);

            assertThat(result).isEqualTo(DeliveryResult.delivered(1, 204));
            Receiver.Request request = receiver.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/hooks/" + Receiver.TOKEN);
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.header("User-Agent")).isEqualTo("Tocsin-Webhook/1");
            assertThat(request.header("X-Tocsin-Dedup-Key")).isEqualTo(notification.getDedupKey());
            assertThat(request.header("X-Tocsin-Delivery-Attempt")).isEqualTo("1");
            assertThat(request.body()).isEqualTo(WebhookPayload.from(notification).toJson());
            assertThat(WebhookSignature.verify(request.header("X-Tocsin-Signature"), request.body(), SECRET,
                    clock.instant(), TOLERANCE)).isTrue();
        }
    }

    @Test
    void serverErrorIsRetriedWithBackoffThenDelivered() throws Exception {
        try (Receiver receiver = Receiver.answering(500, 503, 200)) {
            DeliveryResult result = sender(5, 10, 1000).send(TestNotifications.webhook(receiver.url()).build());

            assertThat(result).isEqualTo(DeliveryResult.delivered(3, 200));
            assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
            assertThat(receiver.requests()).extracting(r -> r.header("X-Tocsin-Delivery-Attempt"))
                    .containsExactly("1", "2", "3");
            assertThat(receiver.requests()).extracting(r -> r.header("X-Tocsin-Dedup-Key")).containsOnly(
                    receiver.requests().get(0).header("X-Tocsin-Dedup-Key"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 422})
    void clientErrorIsNotRetried(int status) throws Exception {
        try (Receiver receiver = Receiver.answering(status, 200)) {
            DeliveryResult result = sender(5, 10, 1000).send(TestNotifications.webhook(receiver.url()).build());

            assertThat(result.delivered()).isFalse();
            assertThat(result.attempts()).isEqualTo(1);
            assertThat(result.lastStatusCode()).isEqualTo(status);
            assertThat(result.failureReason()).contains("HTTP " + status);
            assertThat(receiver.requests()).hasSize(1);
            assertThat(waits).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void timeoutThrottlingAndServerErrorsAreRetried(int status) throws Exception {
        try (Receiver receiver = Receiver.answering(status, 200)) {
            DeliveryResult result = sender(5, 10, 1000).send(TestNotifications.webhook(receiver.url()).build());

            assertThat(result).isEqualTo(DeliveryResult.delivered(2, 200));
        }
    }

    @Test
    void retryAfterIsHonouredUpToTheMaxBackoff() throws Exception {
        try (Receiver receiver = Receiver.answering(Answer.status(429, "Retry-After", "2"),
                Answer.status(503, "Retry-After", "3600"), Answer.status(200))) {
            DeliveryResult result = sender(5, 10, 5000).send(TestNotifications.webhook(receiver.url()).build());

            assertThat(result).isEqualTo(DeliveryResult.delivered(3, 200));
            assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5));
        }
    }

    @Test
    void deliveryGivesUpAfterMaxAttempts() throws Exception {
        try (Receiver receiver = Receiver.answering(500)) {
            DeliveryResult result = sender(4, 10, 25).send(TestNotifications.webhook(receiver.url()).build());

            assertThat(result.delivered()).isFalse();
            assertThat(result.attempts()).isEqualTo(4);
            assertThat(result.lastStatusCode()).isEqualTo(500);
            assertThat(result.failureReason()).contains("HTTP 500").contains("4 attempts")
                    .doesNotContain(receiver.url()).doesNotContain("127.0.0.1").doesNotContain(Receiver.TOKEN);
            assertThat(receiver.requests()).hasSize(4);
            assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(25));
        }
    }

    @Test
    void connectionFailureIsRetriedAndReportedWithoutTheAddress() throws Exception {
        String url;
        try (Receiver gone = Receiver.answering(200)) {
            url = gone.url();
        }

        DeliveryResult result = sender(3, 10, 40).send(TestNotifications.webhook(url).build());

        assertThat(result.delivered()).isFalse();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.lastStatusCode()).isEqualTo(DeliveryResult.NO_RESPONSE);
        assertThat(result.failureReason()).contains("connection failed").doesNotContain("127.0.0.1")
                .doesNotContain(Receiver.TOKEN);
        assertThat(waits).hasSize(2);
    }

    @Test
    void slowReceiverTimesOutAndIsRetried() throws Exception {
        try (Receiver receiver = Receiver.answering(Answer.slow(200, Duration.ofSeconds(2)))) {
            WebhookDeliveryConfig config = new WebhookDeliveryConfig(true, SECRET, 2, Duration.ofMillis(10),
                    Duration.ofMillis(10), Duration.ofMillis(200));

            DeliveryResult result = sender(config).send(TestNotifications.webhook(receiver.url()).build());

            assertThat(result.delivered()).isFalse();
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(result.failureReason()).contains("no response within 200 ms");
        }
    }

    @Test
    void redirectIsNotFollowed() throws Exception {
        try (Receiver receiver = Receiver.answering(Answer.status(302, "Location", "/elsewhere"), Answer.status(200))) {
            DeliveryResult result = sender(5, 10, 40).send(TestNotifications.webhook(receiver.url()).build());

            assertThat(result.delivered()).isFalse();
            assertThat(result.lastStatusCode()).isEqualTo(302);
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/hook", "mailto:ops@example.com", "not a url", "/relative/hook",
            "http:///no-host", "javascript:alert(1)", " "})
    void unusableAddressFailsAtOnceWithoutARequest(String address) throws Exception {
        DeliveryResult result = sender(5, 10, 40).send(TestNotifications.webhook(address).build());

        assertThat(result.delivered()).isFalse();
        assertThat(result.attempts()).isZero();
        assertThat(result.failureReason()).contains("not an absolute http or https URL");
        if (!address.isBlank()) {
            assertThat(result.failureReason()).doesNotContain(address);
        }
        assertThat(waits).isEmpty();
    }

    @Test
    void everyAttemptIsSignedAfreshSoALateRetryIsNotStale() throws Exception {
        try (Receiver receiver = Receiver.answering(Answer.status(503, "Retry-After", "600"), Answer.status(200))) {
            Instant first = clock.instant();

            DeliveryResult result = sender(2, 10, 600_000).send(TestNotifications.webhook(receiver.url()).build());

            assertThat(result.delivered()).isTrue();
            Receiver.Request retry = receiver.requests().get(1);
            assertThat(WebhookSignature.verify(retry.header("X-Tocsin-Signature"), retry.body(), SECRET,
                    first.plus(Duration.ofMinutes(10)), TOLERANCE)).isTrue();
            assertThat(retry.header("X-Tocsin-Signature")).isNotEqualTo(receiver.requests().get(0).header("X-Tocsin-Signature"));
        }
    }

    private WebhookSender sender(int maxAttempts, long backoffMs, long maxBackoffMs) {
        return sender(new WebhookDeliveryConfig(true, SECRET, maxAttempts, Duration.ofMillis(backoffMs),
                Duration.ofMillis(maxBackoffMs), Duration.ofSeconds(2)));
    }

    private WebhookSender sender(WebhookDeliveryConfig config) {
        return new WebhookSender(config, WebhookSender.httpClient(config.requestTimeout()), clock, wait -> {
            waits.add(wait);
            clock.advance(wait);
        });
    }
}
