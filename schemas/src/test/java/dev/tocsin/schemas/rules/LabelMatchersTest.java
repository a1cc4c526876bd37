package dev.tocsin.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelMatchersTest {

    private static final Map<String, String> CHAT_API =
            Map.of("job", "chat-api", "alertname", "VoiceGatewayDown", "region", "eu-1");

    @ParameterizedTest(name = "{0} on job=chat-api,region=eu-1 is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "job=\"chat-api\"      | true",
                "job=chat-api          | true",
                "job!=\"chat-api\"     | false",
                "job=~\"chat-.*\"      | true",
                "job=~\"chat\"         | false",
                "job!~\"voice-.*\"     | true",
                "region!=\"\"          | true",
                "zone!=\"\"            | false",
                "zone=\"\"             | true",
                "zone=~\".*\"          | true",
                "job =~ \"CHAT-.*\"    | false",
            })
    void matchersFollowAlertmanagerSemantics(String text, boolean expected) {
        assertThat(LabelMatchers.parse(text).matches(CHAT_API)).isEqualTo(expected);
    }

    @Test
    void regexMatchesTheWholeValueNotAPart() {
        assertThat(LabelMatchers.parse("job=~\"chat\"").matches(Map.of("job", "chat-api")))
                .isFalse();
        assertThat(LabelMatchers.parse("job=~\"chat|voice\"").matches(Map.of("job", "voice")))
                .isTrue();
    }

    @Test
    void listsInBracesSplitOnCommasOutsideQuotes() {
        assertThat(LabelMatchers.parseList("{alertname=\"A,B\", severity=~\"critical|page\"}"))
                .extracting(LabelMatcher::name, LabelMatcher::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alertname", "A,B"),
                        org.assertj.core.groups.Tuple.tuple("severity", "critical|page"));
    }

    @Test
    void quotedValuesUnescapeQuotesBackslashesAndNewlines() {
        LabelMatcher matcher = LabelMatchers.parse("summary=\"say \\\"hi\\\"\\\\n\\n\"");
        assertThat(matcher.value()).isEqualTo("say \"hi\"\\n\n");
        assertThat(LabelMatchers.parse(matcher.toString())).isEqualTo(matcher);
    }

    @Test
    void malformedMatchersAreRefusedWithAReason() {
        assertThatThrownBy(() -> LabelMatchers.parse("job")).hasMessageContaining("expected name=\"value\"");
        assertThatThrownBy(() -> LabelMatchers.parse("job=\"open"))
                .hasMessageContaining("missing closing double quote");
        assertThatThrownBy(() -> LabelMatchers.parse("job=a\"b")).hasMessageContaining("unescaped double quote");
        assertThatThrownBy(() -> LabelMatchers.parse("job=~\"(\"")).hasMessageContaining("invalid regular expression");
        assertThatThrownBy(() -> LabelMatchers.parseList("{}")).hasMessageContaining("no matchers");
    }

    @Test
    void apiV2FlagsMapOntoTheFourOperators() {
        assertThat(LabelMatcher.Type.of(true, false)).isEqualTo(LabelMatcher.Type.NOT_REGEX);
        assertThat(LabelMatcher.Type.of(false, true)).isEqualTo(LabelMatcher.Type.EQUAL);
        assertThat(LabelMatcher.Type.NOT_EQUAL.isEqual()).isFalse();
    }
}
