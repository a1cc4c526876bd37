package dev.tocsin.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2018-08-03T09:52:26.739266876-02:00 | 2018-08-03T11:52:26.739266876Z
            2017-10-21T15:50:17.16095407-02:00  | 2017-10-21T17:50:17.160954070Z
            2018-11-04T22:43:58.283995108+01:00 | 2018-11-04T21:43:58.283995108Z
            2020-02-06T00:17:58.432911368Z      | 2020-02-06T00:17:58.432911368Z
            2017-08-03T15:17:37.804-04:00       | 2017-08-03T19:17:37.804Z
            2022-07-19T06:07:07+02:00           | 2022-07-19T04:07:07Z
            2015-07-17T08:42:58.315+0000        | 2015-07-17T08:42:58.315Z
            2024-03-01t02:09:00z                | 2024-03-01T02:09:00Z
            2024-03-01 02:09:00Z                | 2024-03-01T02:09:00Z
            """)
    void nanosecondOffsetTimestampsAreParsedExactly(String text, Instant expected) {
        assertThat(Timestamps.parse(text)).contains(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(
            strings = {
                "2024-03-01T02:09:00",
                "2024-02-30T00:00:00Z",
                "yesterday",
                "",
                "1733930133000",
                "2024-03-01T25:00:00Z",
                "2024-03-01T02:09:00+25:00",
                "+10000-01-01T00:00:00Z",
                "-999999999-01-01T00:00:00Z",
                "24-03-01T02:09:00Z"
            })
    void timestampsWithoutOffsetOrInvalidAreRejected(String text) {
        assertThat(Timestamps.parse(text)).isEmpty();
    }

    @Test
    void goZeroTimeMeansNotSet() {
        assertThat(Timestamps.parse("0001-01-01T00:00:00Z"))
                .hasValueSatisfying(t -> assertThat(Timestamps.isZero(t)).isTrue());
    }

    @Test
    void alertTimesMustFitAvroNanoseconds() {
        assertThat(Timestamps.fitsNanos(Instant.parse("2262-04-11T23:47:16.854775807Z")))
                .isTrue();
        assertThat(Timestamps.fitsNanos(Instant.parse("2262-04-11T23:47:16.854775808Z")))
                .isFalse();
        assertThat(Timestamps.fitsNanos(Instant.parse("1677-09-21T00:12:43.145224192Z")))
                .isTrue();
        assertThat(Timestamps.fitsNanos(Instant.parse("1677-09-21T00:12:43.145224191Z")))
                .isFalse();
        assertThat(Timestamps.fitsNanos(Timestamps.GO_ZERO_TIME)).isFalse();
    }

    @Test
    void theCommonFormIsReadExactlyAsTheGeneralFormatterReadsIt() {
        java.util.Random random = new java.util.Random(42);
        java.time.format.DateTimeFormatter general = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        for (int k = 0; k < 20_000; k++) {
            String text = String.format(
                    "%04d-%02d-%02dT%02d:%02d:%02d%s%s",
                    random.nextInt(10_000),
                    random.nextInt(14),
                    random.nextInt(33),
                    random.nextInt(25),
                    random.nextInt(61),
                    random.nextInt(61),
                    random.nextBoolean()
                            ? ""
                            : "." + Long.toString(Math.abs(random.nextLong())).substring(0, 1 + random.nextInt(10)),
                    random.nextInt(3) == 0
                            ? "Z"
                            : String.format(
                                    "%s%02d:%02d",
                                    random.nextBoolean() ? "+" : "-", random.nextInt(20), random.nextInt(61)));
            java.time.Instant fast = Timestamps.parseCommonForm(text);
            java.time.Instant expected;
            try {
                expected = java.time.OffsetDateTime.parse(
                                text, general.withResolverStyle(java.time.format.ResolverStyle.STRICT))
                        .toInstant();
            } catch (java.time.DateTimeException e) {
                expected = null;
            }
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(expected);
            }
            assertThat(Timestamps.parse(text).orElse(null)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void formsOutsideTheCommonOneAreLeftToTheGeneralFormatter() {
        assertThat(Timestamps.parseCommonForm("2024-05-01t12:00:00z")).isNull();
        assertThat(Timestamps.parseCommonForm("2024-05-01T12:00:00+0000")).isNull();
        assertThat(Timestamps.parseCommonForm("2024-05-01 12:00:00Z")).isNull();
        assertThat(Timestamps.parseCommonForm("2024-05-01T12:00:00.1234567891Z"))
                .isNull();
        assertThat(Timestamps.parseCommonForm("2024-02-30T12:00:00Z")).isNull();
        assertThat(Timestamps.parseCommonForm("2018-08-03T09:52:26.739266876-02:00"))
                .isEqualTo(java.time.Instant.parse("2018-08-03T11:52:26.739266876Z"));
        assertThat(Timestamps.parseCommonForm("0001-01-01T00:00:00Z")).isEqualTo(Timestamps.GO_ZERO_TIME);
    }
}
