package dev.tocsin.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Silence;
import dev.tocsin.avro.SilenceMatcher;
import dev.tocsin.schemas.rules.LabelMatchers;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceListingTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static Silence silence(String id, long startOffset, long endOffset, SilenceMatcher... matchers) {
        return Silence.newBuilder()
                .setSilenceId(id)
                .setMatchers(List.of(matchers))
                .setStartsAt(NOW.plusSeconds(startOffset))
                .setEndsAt(NOW.plusSeconds(endOffset))
                .setCreatedBy("me")
                .setComment("c")
                .setUpdatedAt(NOW)
                .build();
    }

    private static SilenceMatcher eq(String name, String value) {
        return SilenceMatcher.newBuilder()
                .setName(name)
                .setValue(value)
                .setIsRegex(false)
                .setIsEqual(true)
                .build();
    }

    @Test
    void activeComeFirstEndingSoonestThenPendingStartingSoonestThenExpiredMostRecentFirst() {
        List<Silence> all = List.of(
                silence("expired-long-ago", -300, -200, eq("a", "1")),
                silence("pending-later", 200, 300, eq("a", "1")),
                silence("active-ends-late", -10, 500, eq("a", "1")),
                silence("expired-recently", -300, -10, eq("a", "1")),
                silence("pending-soon", 100, 300, eq("a", "1")),
                silence("active-ends-soon", -10, 50, eq("a", "1")));

        assertThat(SilenceListing.list(all, List.of(), NOW))
                .extracting(Silence::getSilenceId)
                .containsExactly(
                        "active-ends-soon",
                        "active-ends-late",
                        "pending-soon",
                        "pending-later",
                        "expired-recently",
                        "expired-long-ago");
    }

    @Test
    void aFilterMatchesTheSilencesMatchersTakenAsLabels() {
        List<Silence> all = List.of(
                silence("foo", -10, 50, eq("alertname", "Foo"), eq("job", "api")),
                silence("bar", -10, 50, eq("alertname", "Bar")));

        assertThat(SilenceListing.list(all, List.of(LabelMatchers.parse("alertname=Foo")), NOW))
                .extracting(Silence::getSilenceId)
                .containsExactly("foo");
        assertThat(SilenceListing.list(all, LabelMatchers.parseList("alertname=~\"Foo|Bar\""), NOW))
                .extracting(Silence::getSilenceId)
                .containsExactlyInAnyOrder("foo", "bar");
        assertThat(SilenceListing.list(all, LabelMatchers.parseList("alertname=Foo,job=web"), NOW))
                .isEmpty();
    }

    @Test
    void aFilterForTheEmptyValueHoldsForSilencesWithoutTheNameAndNotEqualEmptyForSilencesWithIt() {
        Silence withJob = silence("with-job", -10, 50, eq("job", "api"));
        Silence withEmptyJob = silence("with-empty-job", -10, 50, eq("alertname", "X"), eq("job", ""));
        Silence withoutJob = silence("without-job", -10, 50, eq("alertname", "X"));
        List<Silence> all = List.of(withJob, withEmptyJob, withoutJob);

        assertThat(SilenceListing.list(all, List.of(LabelMatchers.parse("job=\"\"")), NOW))
                .extracting(Silence::getSilenceId)
                .containsExactlyInAnyOrder("with-empty-job", "without-job");
        assertThat(SilenceListing.list(all, List.of(LabelMatchers.parse("job!=\"\"")), NOW))
                .extracting(Silence::getSilenceId)
                .containsExactlyInAnyOrder("with-job", "with-empty-job");
    }
}
