package dev.tocsin.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.avro.SilenceMatcher;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static List<Violation> violations(String body) throws Exception {
        JsonNode json = json(body);
        try {
            SilenceInput.posted(json, NOW);
        } catch (InvalidPayloadException e) {
            return e.violations();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void amtoolsPostableSilenceIsReadWithMatchersTimesAndAuthor() throws Exception {
        PostedSilence posted = SilenceInput.posted(json("""
                {"comment":"hi","createdBy":"root","endsAt":"2026-12-01T11:00:00.327Z",
                 "matchers":[{"isEqual":true,"isRegex":false,"name":"alertname","value":"Foo"},
                             {"isEqual":false,"isRegex":true,"name":"job","value":"a.*"}],
                 "startsAt":"2026-12-01T10:00:00.327Z"}"""), NOW);

        assertThat(posted.id()).isNull();
        assertThat(posted.matchers())
                .containsExactly(
                        SilenceMatcher.newBuilder()
                                .setName("alertname")
                                .setValue("Foo")
                                .setIsRegex(false)
                                .setIsEqual(true)
                                .build(),
                        SilenceMatcher.newBuilder()
                                .setName("job")
                                .setValue("a.*")
                                .setIsRegex(true)
                                .setIsEqual(false)
                                .build());
        assertThat(posted.startsAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00.327Z"));
        assertThat(posted.endsAt()).isEqualTo(Instant.parse("2026-12-01T11:00:00.327Z"));
        assertThat(posted.createdBy()).isEqualTo("root");
        assertThat(posted.comment()).isEqualTo("hi");
    }

    @Test
    void isEqualDefaultsToTrueAndAValueKeepsItsSpaces() throws Exception {
        PostedSilence posted = SilenceInput.posted(json("""
                {"id":"abc","comment":"c","createdBy":"me","startsAt":"2026-12-01T10:00:00Z","endsAt":"2026-12-01T11:00:00Z",
                 "matchers":[{"isRegex":false,"name":"team","value":" ops "}]}"""), NOW);

        assertThat(posted.id()).isEqualTo("abc");
        assertThat(posted.matchers().get(0).getIsEqual()).isTrue();
        assertThat(posted.matchers().get(0).getValue()).isEqualTo(" ops ");
    }

    @Test
    void aSilenceWithoutMatchersIsRefused() throws Exception {
        assertThat(violations("""
                {"comment":"c","createdBy":"me","startsAt":"2026-12-01T10:00:00Z","endsAt":"2026-12-01T11:00:00Z","matchers":[]}""")).extracting(Violation::field).containsExactly("matchers");
    }

    @Test
    void matchersThatAllMatchTheEmptyStringAreRefusedBecauseTheyWouldSilenceEverything() throws Exception {
        assertThat(violations("""
                {"comment":"c","createdBy":"me","startsAt":"2026-12-01T10:00:00Z","endsAt":"2026-12-01T11:00:00Z",
                 "matchers":[{"name":"job","value":".*","isRegex":true},{"name":"team","value":"x","isEqual":false}]}""")).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("matchers");
            assertThat(v.reason()).contains("must not match the empty string");
        });
    }

    @Test
    void aBadRegularExpressionIsRefusedNamingTheMatcher() throws Exception {
        assertThat(violations("""
                {"comment":"c","createdBy":"me","startsAt":"2026-12-01T10:00:00Z","endsAt":"2026-12-01T11:00:00Z",
                 "matchers":[{"name":"job","value":"(unclosed","isRegex":true}]}""")).extracting(Violation::field).containsExactly("matchers[0].value");
    }

    @Test
    void anInvalidLabelNameIsRefused() throws Exception {
        assertThat(violations("""
                {"comment":"c","createdBy":"me","startsAt":"2026-12-01T10:00:00Z","endsAt":"2026-12-01T11:00:00Z",
                 "matchers":[{"name":"0job","value":"x","isRegex":false}]}""")).extracting(Violation::field).containsExactly("matchers[0].name");
    }

    @Test
    void endBeforeStartIsRefused() throws Exception {
        assertThat(violations("""
                {"comment":"c","createdBy":"me","startsAt":"2026-12-01T12:00:00Z","endsAt":"2026-12-01T11:00:00Z",
                 "matchers":[{"name":"job","value":"x","isRegex":false}]}"""))
                .singleElement()
                .satisfies(v -> assertThat(v.reason()).isEqualTo("must be after startsAt"));
    }

    @Test
    void anEndInThePastIsRefused() throws Exception {
        assertThat(violations("""
                {"comment":"c","createdBy":"me","startsAt":"2026-12-01T08:00:00Z","endsAt":"2026-12-01T09:00:00Z",
                 "matchers":[{"name":"job","value":"x","isRegex":false}]}"""))
                .singleElement()
                .satisfies(v -> assertThat(v.reason()).isEqualTo("must not be in the past"));
    }

    @Test
    void everyMissingFieldIsReportedAtOnce() throws Exception {
        assertThat(violations("{}"))
                .extracting(Violation::field)
                .containsExactly("matchers", "startsAt", "endsAt", "createdBy", "comment");
    }

    @Test
    void aBodyThatIsNoObjectIsRefused() {
        assertThatThrownBy(() -> SilenceInput.posted(json("[]"), NOW)).isInstanceOf(InvalidPayloadException.class);
    }
}
