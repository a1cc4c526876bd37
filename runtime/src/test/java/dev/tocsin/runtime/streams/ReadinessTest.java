package dev.tocsin.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.runtime.http.HealthCheck;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** Ready means "can serve this service's requests", not "Kafka Streams is RUNNING". */
class ReadinessTest {

    @Test
    void aRebalanceDoesNotTakeAServiceIndependentOfStreamsStateOutOfItsLoadBalancer() {
        assertThat(StreamsRunner.servesDuring(KafkaStreams.State.RUNNING)).isTrue();
        assertThat(StreamsRunner.servesDuring(KafkaStreams.State.REBALANCING)).isTrue();
        assertThat(StreamsRunner.servesDuring(KafkaStreams.State.CREATED)).isFalse();
        assertThat(StreamsRunner.servesDuring(KafkaStreams.State.PENDING_ERROR)).isFalse();
        assertThat(StreamsRunner.servesDuring(KafkaStreams.State.ERROR)).isFalse();
        assertThat(StreamsRunner.servesDuring(KafkaStreams.State.PENDING_SHUTDOWN))
                .isFalse();
        assertThat(StreamsRunner.servesDuring(KafkaStreams.State.NOT_RUNNING)).isFalse();
    }

    @Test
    void combinedCheckIsReadyOnlyWhenEveryPartIsAndSaysWhatEachSaw() {
        HealthCheck ready = () -> HealthCheck.Status.ready("streams RUNNING");
        HealthCheck loading = () -> HealthCheck.Status.notReady("page catching up");

        assertThat(HealthCheck.allOf(ready, ready).check().ready()).isTrue();
        HealthCheck.Status status = HealthCheck.allOf(ready, loading).check();
        assertThat(status.ready()).isFalse();
        assertThat(status.detail()).isEqualTo("streams RUNNING; page catching up");
    }
}
