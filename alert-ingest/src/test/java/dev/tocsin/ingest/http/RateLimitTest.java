package dev.tocsin.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.ingest.support.RunningIngest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void bucketRefillsAtTheConfiguredRateAndSaysHowLongToWait() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(2, 3, now::get);

        assertThat(List.of(limiter.acquire("a"), limiter.acquire("a"), limiter.acquire("a")))
                .containsOnly(0L);
        assertThat(limiter.acquire("a")).isEqualTo(1L);
        assertThat(limiter.acquire("b")).as("other credential, own bucket").isZero();

        now.addAndGet(500_000_000L); // half a second at 2/s: one token back
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isPositive();
    }

    @Test
    void requestsBeyondTheBurstAre429WithRetryAfter() throws Exception {
        try (RunningIngest ingest = RunningIngest.start(
                SharedTestStack.bootstrapServers(),
                SharedTestStack.registryUrl(),
                Map.of("TOCSIN_INGEST_RATE_PER_SECOND", "1", "TOCSIN_INGEST_RATE_BURST", "2"))) {
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                responses.add(ingest.postJson(
                        "/api/v1/alerts",
                        RunningIngest.ALERTS_TOKEN,
                        "{\"status\":\"firing\",\"product\":\"chat\",\"summary\":\"burst " + i + "\"}"));
            }
            assertThat(responses.get(0).statusCode()).isEqualTo(202);
            assertThat(responses.get(1).statusCode()).isEqualTo(202);
            HttpResponse<String> limited = responses.get(2);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(limited.body()).contains("Rate limit");
        }
    }
}
