package dev.tocsin.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalInferenceTest {

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # alert name            | summary                                         | signal
            ApiLatencyHigh          | p99 above 2s                                    | LATENCY
            -                       | Checkout is slow for EU customers               | LATENCY
            SlowQueries             | -                                               | LATENCY
            p99_response_time       | -                                               | LATENCY
            UpstreamTimeouts        | -                                               | LATENCY
            HighErrorRate           | -                                               | ERROR_RATE
            Http5xxRatio            | -                                               | ERROR_RATE
            -                       | many 500s on /api                               | ERROR_RATE
            JobFailures             | -                                               | ERROR_RATE
            -                       | This is a summary field, failure on badhost     | ERROR_RATE
            InstanceDown            | -                                               | AVAILABILITY
            -                       | Service unavailable in eu-1                     | AVAILABILITY
            BlackboxProbeFailed     | -                                               | AVAILABILITY
            -                       | probe failed for https://chat.example.com       | AVAILABILITY
            thing_dead              | No things for over 10 minutes                   | AVAILABILITY
            DatasourceNoData        | -                                               | AVAILABILITY
            failedConnect           | Connect fail                                    | AVAILABILITY
            TrafficDrop             | -                                               | TRAFFIC_VOLUME
            -                       | message volume 40% below forecast               | TRAFFIC_VOLUME
            -                       | unexpected request rate change                  | TRAFFIC_VOLUME
            Load peaking!           | Make sure the traffic is real                   | TRAFFIC_VOLUME
            HighCpuUsage            | -                                               | SATURATION
            high_memory_load        | Server High Memory usage                        | SATURATION
            DiskAlmostFull          | -                                               | SATURATION
            -                       | queue depth above 10k                           | SATURATION
            High CPU Temperature    | High CPU core temperature                       | SATURATION
            Fire                    | Something is on fire                            | OTHER
            ServerStop              | -                                               | OTHER
            -                       | -                                               | OTHER
            Download                | downstream certificate expires                  | OTHER
            """)
    void signalIsInferredFromAlertNameAndSummary(String alertName, String summary, Signal expected) {
        assertThat(SignalInference.infer(alertName, summary)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "signal label {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            latency        | LATENCY
            ERROR_RATE     | ERROR_RATE
            error-rate     | ERROR_RATE
            Availability   | AVAILABILITY
            traffic_volume | TRAFFIC_VOLUME
            saturation     | SATURATION
            other          | OTHER
            """)
    void signalLabelWinsOverInference(String label, Signal expected) {
        assertThat(SignalInference.of(label, "HighCpuUsage", "slow")).isEqualTo(expected);
    }

    @Test
    void unknownSignalLabelFallsBackToInference() {
        assertThat(SignalInference.of("weird", "InstanceDown")).isEqualTo(Signal.AVAILABILITY);
        assertThat(SignalInference.parse("weird")).isEmpty();
    }

    @Test
    void aRememberedInferenceAnswersLikeAFreshScanAndTextsAreNotConfusedAcrossFields() {
        assertThat(SignalInference.infer("ApiLatencyHigh", "p99 above 2s")).isEqualTo(Signal.LATENCY);
        assertThat(SignalInference.infer("ApiLatencyHigh", "p99 above 2s")).isEqualTo(Signal.LATENCY);
        assertThat(SignalInference.infer("Api", "Down")).isEqualTo(Signal.AVAILABILITY);
        assertThat(SignalInference.infer("ApiDown", null)).isEqualTo(Signal.AVAILABILITY);
        assertThat(SignalInference.infer("Api", null)).isEqualTo(Signal.OTHER);
    }

    @Test
    void rememberedInferencesStayBoundedUnderEndlesslyDistinctTexts() {
        for (int i = 0; i < SignalInference.INFERRED_MAX * 3; i++) {
            assertThat(SignalInference.infer("JobFailed", "run " + i)).isEqualTo(Signal.ERROR_RATE);
        }
        assertThat(SignalInference.infer("HighCpuUsage")).isEqualTo(Signal.SATURATION);
    }
}
