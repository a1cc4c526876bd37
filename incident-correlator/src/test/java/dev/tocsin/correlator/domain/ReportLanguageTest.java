package dev.tocsin.correlator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportLanguageTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            社内の無線LANを変更してから通話が途切れます                       | ja
            ルータ交換                                                  | ja
            Seit wir das WLAN im Büro umgestellt haben, brechen Anrufe ab | de
            Chat geht nicht mehr                                        | de
            Straße                                                      | de
            Calls drop since we changed the Wi-Fi                       | en
            Chat is down                                                | en
            ''                                                          | en
            """)
    void kanaOrKanjiAreJapaneseGermanMarkersOrUmlautsGermanElseEnglish(String text, String language) {
        assertThat(ReportLanguage.detect(text)).isEqualTo(language);
    }

    @ParameterizedTest(name = "stated {0}, text {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            de-CH | Chat is down               | de
            ja    | Chat is down               | ja
            fr    | Chat geht nicht mehr       | de
            ''    | チャットが表示されません       | ja
            """)
    void aSupportedStatedLanguageWinsOverTheText(String stated, String text, String language) {
        assertThat(ReportLanguage.of(stated, text, null)).isEqualTo(language);
    }
}
