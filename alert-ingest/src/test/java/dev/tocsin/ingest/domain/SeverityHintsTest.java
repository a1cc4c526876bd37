package dev.tocsin.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.SeverityHint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityHintsTest {

    @ParameterizedTest(name = "{0} ({1}) -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # word      | vocabulary                      | hint
            page        | Alertmanager severity label     | CRITICAL
            critical    | Alertmanager / PagerDuty        | CRITICAL
            warning     | Alertmanager / PagerDuty        | MEDIUM
            info        | Alertmanager / PagerDuty        | INFO
            error       | PagerDuty                       | HIGH
            urgent      | Zendesk                         | CRITICAL
            high        | Zendesk / generic               | HIGH
            normal      | Zendesk                         | MEDIUM
            low         | Zendesk / generic               | LOW
            P1          | customer priority               | CRITICAL
            p2          | customer priority               | HIGH
            P3          | customer priority               | MEDIUM
            P4          | customer priority               | LOW
            medium      | generic                         | MEDIUM
            ' CRITICAL '| case and blanks ignored         | CRITICAL
            huge        | unknown word: no hint, no error | -
            tiny        | unknown word: no hint, no error | -
            ''          | blank                           | -
            -           | absent                          | -
            """)
    void everySourceVocabularyMapsThroughOneTable(String word, String vocabulary, SeverityHint expected) {
        assertThat(SeverityHints.map(word)).isEqualTo(expected);
    }
}
