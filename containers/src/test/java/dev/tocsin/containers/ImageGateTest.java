package dev.tocsin.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageGateTest {

    private static final ImageGate.Engine ENGINE =
            ImageGate.Engine.reachable("unix:///var/run/docker.sock, Docker 28.2.2");

    @Test
    void unreachableEngineDisablesWithTheEnginesAnswer() {
        ImageGate.Verdict verdict =
                ImageGate.decide(ImageGate.Engine.unreachable("Could not find a valid Docker environment"), List.of());

        assertThat(verdict.enabled()).isFalse();
        assertThat(verdict.reason())
                .contains("No Docker engine answered")
                .contains("Could not find a valid Docker environment")
                .contains("docs/TESTING-WITH-CONTAINERS.md");
    }

    @Test
    void everyImagePresentOrPulledEnablesAndNamesThePulledOnes() {
        ImageGate.Verdict verdict = ImageGate.decide(
                ENGINE,
                List.of(
                        ImageGate.Image.present("apache/kafka:4.3.1"),
                        ImageGate.Image.pulled("confluentinc/cp-schema-registry:8.1.0")));

        assertThat(verdict.enabled()).isTrue();
        assertThat(verdict.reason())
                .contains("apache/kafka:4.3.1")
                .contains("pulled now: confluentinc/cp-schema-registry:8.1.0");
    }

    @Test
    void oneUnavailableImageDisablesAndTheReasonNamesEachMissingImageWithTheEnginesAnswer() {
        ImageGate.Verdict verdict = ImageGate.decide(
                ENGINE,
                List.of(
                        ImageGate.Image.present("apache/kafka:4.3.1"),
                        ImageGate.Image.unavailable("tocsin/alert-ingest:0.1.0-SNAPSHOT", "pull access denied"),
                        ImageGate.Image.unavailable(
                                "testcontainers/ryuk:0.14.0", "dial tcp: lookup registry-1.docker.io")));

        assertThat(verdict.enabled()).isFalse();
        assertThat(verdict.reason())
                .contains("Docker 28.2.2")
                .contains("tocsin/alert-ingest:0.1.0-SNAPSHOT (pull access denied)")
                .contains("testcontainers/ryuk:0.14.0 (dial tcp: lookup registry-1.docker.io)")
                .doesNotContain("apache/kafka");
    }

    @Test
    void resourceReaperImageIsRequiredUnlessTheReaperIsDisabled() {
        assertThat(ImageGate.required(List.of("apache/kafka:4.3.1"), Optional.of("testcontainers/ryuk:0.14.0")))
                .containsExactly("apache/kafka:4.3.1", "testcontainers/ryuk:0.14.0");
        assertThat(ImageGate.required(List.of("apache/kafka:4.3.1"), Optional.empty()))
                .containsExactly("apache/kafka:4.3.1");
    }
}
