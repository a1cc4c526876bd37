package dev.tocsin.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.avro.Silence;
import dev.tocsin.avro.SilenceMatcher;
import dev.tocsin.schemas.rules.SilenceRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SilenceChangesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<SilenceMatcher> FOO = List.of(matcher("alertname", "Foo"));
    private static final List<SilenceMatcher> BAR = List.of(matcher("alertname", "Bar"));

    private final AtomicInteger next = new AtomicInteger();
    private final Supplier<String> ids = () -> "new-" + next.incrementAndGet();

    private static SilenceMatcher matcher(String name, String value) {
        return SilenceMatcher.newBuilder()
                .setName(name)
                .setValue(value)
                .setIsRegex(false)
                .setIsEqual(true)
                .build();
    }

    private static Silence stored(String id, List<SilenceMatcher> matchers, Instant start, Instant end) {
        return Silence.newBuilder()
                .setSilenceId(id)
                .setMatchers(matchers)
                .setStartsAt(start)
                .setEndsAt(end)
                .setCreatedBy("alice")
                .setComment("old")
                .setUpdatedAt(start.minusSeconds(60))
                .build();
    }

    private static PostedSilence posted(String id, List<SilenceMatcher> matchers, Instant start, Instant end) {
        return new PostedSilence(id, matchers, start, end, "bob", "new");
    }

    @Test
    void aNewSilenceGetsAFreshIdAndAStartInThePastBecomesNow() {
        SilenceChanges.Outcome outcome = SilenceChanges.post(
                posted(null, FOO, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1))), null, NOW, ids);

        assertThat(outcome.created()).isTrue();
        assertThat(outcome.silenceId()).isEqualTo("new-1");
        Silence created = outcome.versions().get(0);
        assertThat(created.getStartsAt()).isEqualTo(NOW);
        assertThat(created.getUpdatedAt()).isEqualTo(NOW);
        assertThat(SilenceRules.state(created, NOW)).isEqualTo(SilenceRules.State.ACTIVE);
    }

    @Test
    void updatingAnUnknownIdIsRefused() {
        assertThatThrownBy(() -> SilenceChanges.post(posted("nope", FOO, NOW, NOW.plusSeconds(60)), null, NOW, ids))
                .isInstanceOf(UnknownSilenceException.class);
    }

    @Test
    void extendingAnActiveSilenceWithTheSameMatchersAndStartUpdatesItInPlace() {
        Silence active = stored("s1", FOO, NOW.minusSeconds(600), NOW.plusSeconds(600));

        SilenceChanges.Outcome outcome =
                SilenceChanges.post(posted("s1", FOO, active.getStartsAt(), NOW.plusSeconds(7200)), active, NOW, ids);

        assertThat(outcome.created()).isFalse();
        assertThat(outcome.silenceId()).isEqualTo("s1");
        assertThat(outcome.versions()).singleElement().satisfies(v -> {
            assertThat(v.getEndsAt()).isEqualTo(NOW.plusSeconds(7200));
            assertThat(v.getComment()).isEqualTo("new");
            assertThat(v.getCreatedBy()).isEqualTo("bob");
        });
    }

    @Test
    void changingTheMatchersOfAnActiveSilenceExpiresItAndCreatesANewOne() {
        Silence active = stored("s1", FOO, NOW.minusSeconds(600), NOW.plusSeconds(600));

        SilenceChanges.Outcome outcome =
                SilenceChanges.post(posted("s1", BAR, active.getStartsAt(), NOW.plusSeconds(600)), active, NOW, ids);

        assertThat(outcome.created()).isTrue();
        assertThat(outcome.silenceId()).isEqualTo("new-1");
        assertThat(outcome.versions()).hasSize(2);
        Silence expired = outcome.versions().get(0);
        assertThat(expired.getSilenceId()).isEqualTo("s1");
        assertThat(expired.getEndsAt()).isEqualTo(NOW);
        assertThat(SilenceRules.state(expired, NOW)).isEqualTo(SilenceRules.State.EXPIRED);
        assertThat(outcome.versions().get(1).getMatchers()).isEqualTo(BAR);
    }

    @Test
    void movingTheStartOfAnActiveSilenceExpiresItAndCreatesANewOne() {
        Silence active = stored("s1", FOO, NOW.minusSeconds(600), NOW.plusSeconds(600));

        SilenceChanges.Outcome outcome =
                SilenceChanges.post(posted("s1", FOO, NOW.plusSeconds(60), NOW.plusSeconds(600)), active, NOW, ids);

        assertThat(outcome.created()).isTrue();
        assertThat(outcome.versions()).extracting(Silence::getSilenceId).containsExactly("s1", "new-1");
        assertThat(outcome.versions().get(1).getStartsAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void aPendingSilenceIsUpdatedInPlaceEvenWhenItsStartMoves() {
        Silence pending = stored("s1", FOO, NOW.plusSeconds(600), NOW.plusSeconds(1200));

        SilenceChanges.Outcome outcome =
                SilenceChanges.post(posted("s1", FOO, NOW.plusSeconds(300), NOW.plusSeconds(1200)), pending, NOW, ids);

        assertThat(outcome.created()).isFalse();
        assertThat(outcome.versions()).singleElement().satisfies(v -> {
            assertThat(v.getSilenceId()).isEqualTo("s1");
            assertThat(v.getStartsAt()).isEqualTo(NOW.plusSeconds(300));
        });
    }

    @Test
    void updatingAnExpiredSilenceCreatesANewOneAndLeavesTheOldAlone() {
        Silence expired = stored("s1", FOO, NOW.minusSeconds(1200), NOW.minusSeconds(600));

        SilenceChanges.Outcome outcome =
                SilenceChanges.post(posted("s1", FOO, NOW, NOW.plusSeconds(600)), expired, NOW, ids);

        assertThat(outcome.created()).isTrue();
        assertThat(outcome.versions()).extracting(Silence::getSilenceId).containsExactly("new-1");
    }

    @Test
    void expiringAnActiveSilenceEndsItNow() {
        Silence expired = SilenceChanges.expire(stored("s1", FOO, NOW.minusSeconds(60), NOW.plusSeconds(60)), NOW);

        assertThat(expired.getStartsAt()).isEqualTo(NOW.minusSeconds(60));
        assertThat(expired.getEndsAt()).isEqualTo(NOW);
        assertThat(expired.getUpdatedAt()).isEqualTo(NOW);
    }

    @Test
    void expiringAPendingSilenceStartsAndEndsItNow() {
        Silence expired = SilenceChanges.expire(stored("s1", FOO, NOW.plusSeconds(60), NOW.plusSeconds(120)), NOW);

        assertThat(expired.getStartsAt()).isEqualTo(NOW);
        assertThat(expired.getEndsAt()).isEqualTo(NOW);
        assertThat(SilenceRules.state(expired, NOW)).isEqualTo(SilenceRules.State.EXPIRED);
    }

    @Test
    void anExpiredSilenceCannotBeExpiredAgain() {
        assertThatThrownBy(() ->
                        SilenceChanges.expire(stored("s1", FOO, NOW.minusSeconds(120), NOW.minusSeconds(60)), NOW))
                .isInstanceOf(ExpiredSilenceException.class);
    }
}
