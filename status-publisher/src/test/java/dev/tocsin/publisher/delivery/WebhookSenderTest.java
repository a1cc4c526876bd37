package dev.tocsin.publisher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Notification;
import dev.tocsin.publisher.delivery.Receiver.Answer;
import dev.tocsin.schemas.rules.WebhookSecrets;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSenderTest {

    private static final String MASTER = "test-master";
    /** The secret of subscription sub-1, the one every test notification belongs to. */
    private static final String SECRET = WebhookSecrets.derive(MASTER, "sub-1");

    private static final Duration TOLERANCE = WebhookSignature.DEFAULT_TOLERANCE;

    private final ManualClock clock = new ManualClock(Instant.parse("2024-05-01T12:00:00Z"));
    /** Every wait the sender asked for; the clock moves by it instead of the test sleeping. */
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Test
    void deliveryPostsSignedJsonWithDedupKeyAndAttemptHeaders() throws Exception {
        try (Receiver receiver = Receiver.answering(204)) {
            Notification notification =
                    TestNotifications.webhook(receiver.url()).build();

            DeliveryResult result = send(sender(3, 10, 40), notification);

            assertThat(result).isEqualTo(DeliveryResult.delivered(1, 204));
            Receiver.Request request = receiver.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/hooks/" + Receiver.TOKEN);
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.header("User-Agent")).isEqualTo("Tocsin-Webhook/1");
            assertThat(request.header("X-Tocsin-Dedup-Key")).isEqualTo(notification.getDedupKey());
            assertThat(request.header("X-Tocsin-Delivery-Attempt")).isEqualTo("1");
            assertThat(request.body())
                    .isEqualTo(WebhookPayload.from(notification).toJson());
            assertThat(WebhookSignature.verify(
                            request.header("X-Tocsin-Signature"), request.body(), SECRET, clock.instant(), TOLERANCE))
                    .isTrue();
        }
    }

    @Test
    void serverErrorIsRetriedWithBackoffThenDelivered() throws Exception {
        try (Receiver receiver = Receiver.answering(500, 503, 200)) {
            DeliveryResult result = send(
                    sender(5, 10, 1000),
                    TestNotifications.webhook(receiver.url()).build());

            assertThat(result).isEqualTo(DeliveryResult.delivered(3, 200));
            assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
            assertThat(receiver.requests())
                    .extracting(r -> r.header("X-Tocsin-Delivery-Attempt"))
                    .containsExactly("1", "2", "3");
            assertThat(receiver.requests())
                    .extracting(r -> r.header("X-Tocsin-Dedup-Key"))
                    .containsOnly(receiver.requests().get(0).header("X-Tocsin-Dedup-Key"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 422})
    void clientErrorIsNotRetried(int status) throws Exception {
        try (Receiver receiver = Receiver.answering(status, 200)) {
            DeliveryResult result = send(
                    sender(5, 10, 1000),
                    TestNotifications.webhook(receiver.url()).build());

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
            DeliveryResult result = send(
                    sender(5, 10, 1000),
                    TestNotifications.webhook(receiver.url()).build());

            assertThat(result).isEqualTo(DeliveryResult.delivered(2, 200));
        }
    }

    @Test
    void retryAfterIsHonouredUpToTheMaxBackoff() throws Exception {
        try (Receiver receiver = Receiver.answering(
                Answer.status(429, "Retry-After", "2"),
                Answer.status(503, "Retry-After", "3600"),
                Answer.status(200))) {
            DeliveryResult result = send(
                    sender(5, 10, 5000),
                    TestNotifications.webhook(receiver.url()).build());

            assertThat(result).isEqualTo(DeliveryResult.delivered(3, 200));
            assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5));
        }
    }

    @Test
    void deliveryGivesUpAfterMaxAttempts() throws Exception {
        try (Receiver receiver = Receiver.answering(500)) {
            DeliveryResult result = send(
                    sender(4, 10, 25), TestNotifications.webhook(receiver.url()).build());

            assertThat(result.delivered()).isFalse();
            assertThat(result.attempts()).isEqualTo(4);
            assertThat(result.lastStatusCode()).isEqualTo(500);
            assertThat(result.failureReason())
                    .contains("HTTP 500")
                    .contains("4 attempts")
                    .doesNotContain(receiver.url())
                    .doesNotContain("127.0.0.1")
                    .doesNotContain(Receiver.TOKEN);
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

        DeliveryResult result =
                send(sender(3, 10, 40), TestNotifications.webhook(url).build());

        assertThat(result.delivered()).isFalse();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.lastStatusCode()).isEqualTo(DeliveryResult.NO_RESPONSE);
        assertThat(result.failureReason())
                .contains("connection failed")
                .doesNotContain("127.0.0.1")
                .doesNotContain(Receiver.TOKEN);
        assertThat(waits).hasSize(2);
    }

    @Test
    void slowReceiverTimesOutAndIsRetried() throws Exception {
        try (Receiver receiver = Receiver.answering(Answer.slow(200, Duration.ofSeconds(2)))) {
            WebhookDeliveryConfig config = new WebhookDeliveryConfig(
                    true, MASTER, 2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(200));

            DeliveryResult result = send(
                    sender(config), TestNotifications.webhook(receiver.url()).build());

            assertThat(result.delivered()).isFalse();
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(result.failureReason()).contains("no response within 200 ms");
        }
    }

    @Test
    void redirectIsNotFollowed() throws Exception {
        try (Receiver receiver = Receiver.answering(Answer.status(302, "Location", "/elsewhere"), Answer.status(200))) {
            DeliveryResult result = send(
                    sender(5, 10, 40), TestNotifications.webhook(receiver.url()).build());

            assertThat(result.delivered()).isFalse();
            assertThat(result.lastStatusCode()).isEqualTo(302);
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com/hook",
                "mailto:ops@example.com",
                "not a url",
                "/relative/hook",
                "http:///no-host",
                "javascript:alert(1)",
                " "
            })
    void unusableAddressFailsAtOnceWithoutARequest(String address) throws Exception {
        DeliveryResult result =
                send(sender(5, 10, 40), TestNotifications.webhook(address).build());

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

            DeliveryResult result = send(
                    sender(2, 10, 600_000),
                    TestNotifications.webhook(receiver.url()).build());

            assertThat(result.delivered()).isTrue();
            Receiver.Request retry = receiver.requests().get(1);
            assertThat(WebhookSignature.verify(
                            retry.header("X-Tocsin-Signature"),
                            retry.body(),
                            SECRET,
                            first.plus(Duration.ofMinutes(10)),
                            TOLERANCE))
                    .isTrue();
            assertThat(retry.header("X-Tocsin-Signature"))
                    .isNotEqualTo(receiver.requests().get(0).header("X-Tocsin-Signature"));
        }
    }

    @Test
    void aReceiverTricklingItsHeadersIsCutOffAtTheDeadline() throws Exception {
        try (Trickler trickler = Trickler.headers(Duration.ofMillis(50), 1200)) {
            WebhookDeliveryConfig config = new WebhookDeliveryConfig(
                    true, MASTER, 1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(500));

            DeliveryResult result = send(
                    sender(config), TestNotifications.webhook(trickler.url()).build());

            assertThat(result.delivered()).isFalse();
            assertThat(result.failureReason()).contains("no response within 500 ms");
            assertThat(trickler.stillSending())
                    .as("cut off while the receiver still trickles (a minute of it)")
                    .isTrue();
        }
    }

    @Test
    void aReceiverTricklingItsBodyDoesNotHoldTheRequestPastTheDeadline() throws Exception {
        try (Trickler trickler = Trickler.body(Duration.ofMillis(50), 1200)) {
            WebhookDeliveryConfig config = new WebhookDeliveryConfig(
                    true, MASTER, 1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(500));

            DeliveryResult result = send(
                    sender(config), TestNotifications.webhook(trickler.url()).build());

            assertThat(result).isEqualTo(DeliveryResult.delivered(1, 200));
            assertThat(trickler.stillSending())
                    .as("the body is never waited for")
                    .isTrue();
        }
    }

    @Test
    void subscriberASignatureDoesNotVerifyWithSubscriberBSecret() throws Exception {
        try (Receiver receiver = Receiver.answering(204)) {
            WebhookSender sender = sender(1, 10, 10);
            send(
                    sender,
                    TestNotifications.webhook(receiver.url())
                            .setSubscriptionId("sub-a")
                            .build());
            send(
                    sender,
                    TestNotifications.webhook(receiver.url())
                            .setSubscriptionId("sub-b")
                            .build());

            Receiver.Request toA = receiver.requests().get(0);
            Receiver.Request toB = receiver.requests().get(1);
            String secretA = WebhookSecrets.derive(MASTER, "sub-a");
            String secretB = WebhookSecrets.derive(MASTER, "sub-b");
            assertThat(verify(toA, secretA)).isTrue();
            assertThat(verify(toB, secretB)).isTrue();
            assertThat(verify(toA, secretB))
                    .as("B cannot check, or forge, A's webhooks")
                    .isFalse();
            assertThat(verify(toB, secretA)).isFalse();
            assertThat(verify(toA, MASTER))
                    .as("the master key itself is never the signing key")
                    .isFalse();
        }
    }

    @Test
    void anOpenCircuitMakesNoRequestUntilTheCoolDownThenLetsOneTrialThrough() throws Exception {
        try (Receiver receiver = Receiver.answering(503, 503, 503, 200)) {
            WebhookDeliveryConfig config = new WebhookDeliveryConfig(
                            true, MASTER, 1, Duration.ofMillis(10), Duration.ofSeconds(60), Duration.ofSeconds(2))
                    .isolating(2, 3, Duration.ofSeconds(30));
            WebhookSender sender = sender(config);
            for (int i = 0; i < 3; i++) {
                send(sender, TestNotifications.webhook(receiver.url()).build());
            }

            DeliveryResult whileOpen =
                    send(sender, TestNotifications.webhook(receiver.url()).build());

            assertThat(whileOpen.delivered()).isFalse();
            assertThat(whileOpen.failureReason()).contains("circuit open").doesNotContain("127.0.0.1");
            assertThat(receiver.requests()).as("no request while open").hasSize(3);

            clock.advance(Duration.ofSeconds(30));
            DeliveryResult trial =
                    send(sender, TestNotifications.webhook(receiver.url()).build());

            assertThat(trial).isEqualTo(DeliveryResult.delivered(1, 200));
            assertThat(sender.circuits().state("127.0.0.1")).isEqualTo(CircuitBreakers.State.CLOSED);
        }
    }

    @Test
    void anOpenCircuitRetriesWhenTheCoolDownEnds() throws Exception {
        try (Receiver receiver = Receiver.answering(503, 503, 200)) {
            WebhookDeliveryConfig config = new WebhookDeliveryConfig(
                            true, MASTER, 5, Duration.ofMillis(10), Duration.ofSeconds(60), Duration.ofSeconds(2))
                    .isolating(2, 2, Duration.ofSeconds(30));

            DeliveryResult result = send(
                    sender(config), TestNotifications.webhook(receiver.url()).build());

            // the third try finds the circuit open (no request) and waits out the rest of the cool-down
            assertThat(result).isEqualTo(DeliveryResult.delivered(4, 200));
            assertThat(receiver.requests()).hasSize(3);
            assertThat(waits)
                    .containsExactly(
                            Duration.ofMillis(10),
                            Duration.ofMillis(20),
                            Duration.ofSeconds(30).minusMillis(20));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.8", "169.254.169.254", "[::1]"})
    void anInternalAddressIsRefusedWithoutARequestUnlessAllowListed(String host) throws Exception {
        try (Receiver receiver = Receiver.answering(204)) {
            WebhookDeliveryConfig config = new WebhookDeliveryConfig(
                    true, MASTER, 3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(2));
            // every name resolves to the receiver, so a request that went out would arrive
            AddressPolicy.Resolver toReceiver = name -> new InetAddress[] {InetAddress.getByName(name)};
            String url = "http://" + host + ":" + receiver.port() + "/hooks/" + Receiver.TOKEN;

            DeliveryResult refused = new WebhookSender(config, clock, toReceiver, redirectedTo(receiver))
                    .attempt(TestNotifications.webhook(url).build(), 1)
                    .result();

            assertThat(refused.delivered()).isFalse();
            assertThat(refused.attempts()).isZero();
            assertThat(refused.failureReason())
                    .startsWith("address refused")
                    .doesNotContain(Receiver.TOKEN)
                    .doesNotContain(host);
            assertThat(receiver.requests()).isEmpty();

            String allowed = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            DeliveryResult delivered = new WebhookSender(
                            config.allowing(allowed), clock, toReceiver, redirectedTo(receiver))
                    .attempt(TestNotifications.webhook(url).build(), 1)
                    .result();

            assertThat(delivered.delivered()).isTrue();
        }
    }

    @Test
    void theRequestGoesToTheAddressThatWasCheckedNotToASecondLookup() throws Exception {
        try (Receiver receiver = Receiver.answering(204)) {
            WebhookDeliveryConfig config = new WebhookDeliveryConfig(
                            true, MASTER, 1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(2))
                    .allowing("127.0.0.1");
            // a name no DNS knows: only the checked answer can have been connected to
            AddressPolicy.Resolver once = name -> new InetAddress[] {InetAddress.getLoopbackAddress()};
            String url = "http://hooks.receiver.invalid:" + receiver.port() + "/hooks/" + Receiver.TOKEN;

            DeliveryResult result = new WebhookSender(config, clock, once, WebhookHttp.withDefaultTrust())
                    .attempt(TestNotifications.webhook(url).build(), 1)
                    .result();

            assertThat(result).isEqualTo(DeliveryResult.delivered(1, 204));
            assertThat(receiver.requests().get(0).header("Host"))
                    .isEqualTo("hooks.receiver.invalid:" + receiver.port());
        }
    }

    /** A client that connects every request to the receiver, wherever the address pointed. */
    private static WebhookHttp redirectedTo(Receiver receiver) {
        WebhookHttp real = WebhookHttp.withDefaultTrust();
        return new WebhookHttp(null) {
            @Override
            WebhookHttp.Response post(
                    java.net.URI target,
                    InetAddress address,
                    java.util.Map<String, String> headers,
                    byte[] body,
                    Duration deadline)
                    throws java.io.IOException {
                return real.post(
                        java.net.URI.create("http://127.0.0.1:" + receiver.port() + target.getRawPath()),
                        InetAddress.getLoopbackAddress(),
                        headers,
                        body,
                        deadline);
            }
        };
    }

    private boolean verify(Receiver.Request request, String secret) {
        return WebhookSignature.verify(
                request.header("X-Tocsin-Signature"), request.body(), secret, clock.instant(), TOLERANCE);
    }

    private WebhookSender sender(int maxAttempts, long backoffMs, long maxBackoffMs) {
        return sender(new WebhookDeliveryConfig(
                true,
                MASTER,
                maxAttempts,
                Duration.ofMillis(backoffMs),
                Duration.ofMillis(maxBackoffMs),
                Duration.ofSeconds(2)));
    }

    private WebhookSender sender(WebhookDeliveryConfig config) {
        return new WebhookSender(
                config.allowing("127.0.0.1"), clock, InetAddress::getAllByName, WebhookHttp.withDefaultTrust());
    }

    /** Attempts until done; every wait is recorded and moves the clock instead of the test sleeping. */
    private DeliveryResult send(WebhookSender sender, Notification notification) {
        for (int attempt = 1; ; attempt++) {
            DeliveryStep step = sender.attempt(notification, attempt);
            if (step.finished()) {
                return step.result();
            }
            waits.add(step.retryIn());
            clock.advance(step.retryIn());
        }
    }
}
