package dev.tocsin.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Silence;
import dev.tocsin.avro.SilenceMatcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilenceRulesTest {

    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant END = Instant.parse("2026-11-30T12:00:00Z");

    private static Silence silence(String id, SilenceMatcher... matchers) {
        return Silence.newBuilder()
                .setSilenceId(id)
                .setMatchers(List.of(matchers))
                .setStartsAt(START)
                .setEndsAt(END)
                .setCreatedBy("ops")
                .setComment("deploy")
                .setUpdatedAt(START)
                .build();
    }

    private static SilenceMatcher matcher(String name, String value, boolean regex, boolean equal) {
        return SilenceMatcher.newBuilder()
                .setName(name)
                .setValue(value)
                .setIsRegex(regex)
                .setIsEqual(equal)
                .build();
    }

    @Test
    void stateIsPendingBeforeStartActiveUntilEndAndExpiredFromEnd() {
        Silence s = silence("a", matcher("job", "chat", false, true));
        assertThat(SilenceRules.state(s, START.minusMillis(1))).isEqualTo(SilenceRules.State.PENDING);
        assertThat(SilenceRules.state(s, START)).isEqualTo(SilenceRules.State.ACTIVE);
        assertThat(SilenceRules.state(s, END.minusMillis(1))).isEqualTo(SilenceRules.State.ACTIVE);
        assertThat(SilenceRules.state(s, END)).isEqualTo(SilenceRules.State.EXPIRED);
        assertThat(SilenceRules.State.EXPIRED.apiName()).isEqualTo("expired");
    }

    @Test
    void anAlertIsSilencedOnlyWhileActiveAndWhenEveryMatcherHolds() {
        Silence s = silence("a", matcher("job", "chat-.*", true, true), matcher("severity", "critical", false, false));
        Map<String, String> warning = Map.of("job", "chat-api", "severity", "warning");
        assertThat(SilenceRules.silences(s, warning, START.plusSeconds(1))).isTrue();
        assertThat(SilenceRules.silences(s, Map.of("job", "chat-api", "severity", "critical"), START.plusSeconds(1)))
                .isFalse();
        assertThat(SilenceRules.silences(s, warning, END)).isFalse();
        assertThat(SilenceRules.silences(s, warning, START.minusSeconds(1))).isFalse();
    }

    @Test
    void ofSeveralSilencesTheLowestIdIsNamedSoEveryServiceAgrees() {
        Silence b = silence("b", matcher("job", "chat", false, true));
        Silence a = silence("a", matcher("job", "chat", false, true));
        assertThat(SilenceRules.silencing(List.of(b, a), Map.of("job", "chat"), START))
                .map(Silence::getSilenceId)
                .contains("a");
        assertThat(SilenceRules.silencing(List.of(b, a), Map.of("job", "voice"), START))
                .isEmpty();
    }

    @Test
    void matchersOfOneSilenceAreParsedOnceEvenFromADecodedAvroArray() {
        Silence s = silence("a", matcher("job", "chat-.*", true, true));
        org.apache.avro.generic.GenericData.Array<SilenceMatcher> decoded =
                new org.apache.avro.generic.GenericData.Array<>(
                        org.apache.avro.Schema.createArray(SilenceMatcher.getClassSchema()), s.getMatchers());
        Silence fromWire = Silence.newBuilder(s).setMatchers(decoded).build();

        assertThat(SilenceRules.matchers(fromWire)).isSameAs(SilenceRules.matchers(s));
    }
}
