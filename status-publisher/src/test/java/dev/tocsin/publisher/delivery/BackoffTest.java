package dev.tocsin.publisher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));

    @Test
    void waitDoublesFromTheInitialDelayUpToTheMax() {
        assertThat(backoff.beforeRetry(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.beforeRetry(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.beforeRetry(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(backoff.beforeRetry(4)).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.beforeRetry(1000)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterLengthensTheWaitButNeverBeyondTheMax() {
        assertThat(backoff.beforeRetry(1, Optional.of(Duration.ofSeconds(2)))).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.beforeRetry(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.beforeRetry(3, Optional.of(Duration.ofMillis(1))))
                .as("a shorter Retry-After does not shorten the backoff")
                .isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2015-10-21T07:28:00Z");

        assertThat(Backoff.parseRetryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(Backoff.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now))
                .contains(Duration.ofSeconds(30));
        assertThat(Backoff.parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now))
                .contains(Duration.ZERO);
    }

    @Test
    void unreadableRetryAfterMeansTheUsualBackoff() {
        Instant now = Instant.now();

        assertThat(Backoff.parseRetryAfter(null, now)).isEmpty();
        assertThat(Backoff.parseRetryAfter("", now)).isEmpty();
        assertThat(Backoff.parseRetryAfter("-5", now)).isEmpty();
        assertThat(Backoff.parseRetryAfter("soon", now)).isEmpty();
    }
}
