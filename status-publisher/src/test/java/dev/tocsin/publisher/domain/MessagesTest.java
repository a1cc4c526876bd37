package dev.tocsin.publisher.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.MessageFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessagesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"de", "ja"})
    void everyTemplateExistsInEnglishGermanAndJapanese(String language) {
        Map<String, String> english = Messages.catalogOf("en");
        Map<String, String> other = Messages.catalogOf(language);

        assertThat(other.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());
        english.forEach((key, template) -> {
            String translated = other.get(key);
            assertThat(translated).as("%s[%s]", language, key).isNotBlank();
            assertThat(placeholders(translated))
                    .as("placeholders of %s[%s]", language, key)
                    .isEqualTo(placeholders(template));
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "de", "ja"})
    void everyTemplateIsAValidMessageFormat(String language) {
        Messages.catalogOf(language)
                .forEach((key, template) -> assertThat(
                                new MessageFormat(template).format(new Object[] {"a", "b", "c", "d", "e"}))
                        .as(key)
                        .doesNotContain("{0}"));
    }

    @Test
    void japaneseCatalogIsReadAsUtf8() {
        assertThat(Messages.forLanguage("ja").text("page.status.operational")).isEqualTo("すべてのシステムが正常に稼働しています");
        assertThat(Messages.forLanguage("de").text("maintenance.status.IN_PROGRESS"))
                .isEqualTo("Läuft");
    }

    @ParameterizedTest(name = "subscription locale {0} -> {1}")
    @CsvSource({"de, de", "de-CH, de", "ja_JP, ja", "en-GB, en", "fr, en", "'', en"})
    void subscriptionLocaleResolvesToASupportedLanguage(String locale, String expected) {
        assertThat(Messages.resolve(locale)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "?locale={0} Accept-Language: {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "    | de-DE,de;q=0.9,en;q=0.8 | de",
                "    | fr-FR,ja;q=0.7,en;q=0.5 | ja",
                "    | fr-FR,es;q=0.7          | en",
                "    | *                       | en",
                "    | not a valid header ;;;  | en",
                "ja  | de-DE,de;q=0.9          | ja",
                "xx  | de                      | de",
                "    |                         | en",
            })
    void httpLocaleComesFromQueryThenAcceptLanguageThenEnglish(String query, String acceptLanguage, String expected) {
        assertThat(Messages.resolve(query, acceptLanguage)).isEqualTo(expected);
    }

    @Test
    void unknownKeyFailsLoudly() {
        assertThatThrownBy(() -> Messages.english().text("no.such.key")).isInstanceOf(IllegalArgumentException.class);
    }

    private static long placeholders(String template) {
        return new MessageFormat(template).getFormatsByArgumentIndex().length;
    }
}
