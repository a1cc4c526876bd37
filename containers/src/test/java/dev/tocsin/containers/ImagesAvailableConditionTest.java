package dev.tocsin.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The condition's wiring, with a scripted engine instead of Docker. */
class ImagesAvailableConditionTest {

    /** An engine that answers from a script and records what it was asked. */
    private static final class ScriptedEngine implements DockerProbe {
        private final ImageGate.Engine engine;
        private final Map<String, ImageGate.Availability> images;
        private final boolean reaper;
        final List<String> asked = new ArrayList<>();
        int engineQuestions;

        ScriptedEngine(ImageGate.Engine engine, Map<String, ImageGate.Availability> images, boolean reaper) {
            this.engine = engine;
            this.images = images;
            this.reaper = reaper;
        }

        @Override
        public ImageGate.Engine engine() {
            engineQuestions++;
            return engine;
        }

        @Override
        public ImageGate.Image image(String image) {
            asked.add(image);
            ImageGate.Availability availability = images.getOrDefault(image, ImageGate.Availability.UNAVAILABLE);
            return availability == ImageGate.Availability.UNAVAILABLE
                    ? ImageGate.Image.unavailable(image, "pull access denied")
                    : new ImageGate.Image(image, availability, "");
        }

        @Override
        public Optional<String> reaperImage() {
            return reaper ? Optional.of("testcontainers/ryuk:0.14.0") : Optional.empty();
        }
    }

    @Test
    void unreachableEngineIsNeverAskedForImages() {
        ScriptedEngine engine = new ScriptedEngine(ImageGate.Engine.unreachable("no socket"), Map.of(), true);

        ImageGate.Verdict verdict =
                new ImagesAvailableCondition(new CachingProbe(engine), false).verdict(List.of("apache/kafka:4.3.1"));

        assertThat(verdict.enabled()).isFalse();
        assertThat(engine.asked).isEmpty();
    }

    @Test
    void engineThatCannotPullTheReaperDisablesEvenWithTheTestsOwnImagesPresent() {
        ScriptedEngine engine = new ScriptedEngine(
                ImageGate.Engine.reachable("docker"),
                Map.of("apache/kafka:4.3.1", ImageGate.Availability.PRESENT),
                true);

        ImageGate.Verdict verdict =
                new ImagesAvailableCondition(new CachingProbe(engine), false).verdict(List.of("apache/kafka:4.3.1"));

        assertThat(verdict.enabled()).isFalse();
        assertThat(verdict.reason()).contains("testcontainers/ryuk:0.14.0 (pull access denied)");
    }

    @Test
    void engineAndEachImageAreAskedOncePerRunHoweverManyTestsNeedThem() {
        ScriptedEngine engine = new ScriptedEngine(
                ImageGate.Engine.reachable("docker"),
                Map.of(
                        "apache/kafka:4.3.1",
                        ImageGate.Availability.PRESENT,
                        "confluentinc/cp-schema-registry:8.1.0",
                        ImageGate.Availability.PULLED),
                false);
        ImagesAvailableCondition condition = new ImagesAvailableCondition(new CachingProbe(engine), false);

        ImageGate.Verdict first =
                condition.verdict(List.of("apache/kafka:4.3.1", "confluentinc/cp-schema-registry:8.1.0"));
        ImageGate.Verdict second = condition.verdict(List.of("apache/kafka:4.3.1"));
        ImageGate.Verdict third =
                condition.verdict(List.of("apache/kafka:4.3.1", "tocsin/alert-ingest:0.1.0-SNAPSHOT"));

        assertThat(first.enabled()).isTrue();
        assertThat(second.enabled()).isTrue();
        assertThat(third.enabled()).isFalse();
        assertThat(engine.engineQuestions).isEqualTo(1);
        assertThat(engine.asked)
                .containsExactly(
                        "apache/kafka:4.3.1",
                        "confluentinc/cp-schema-registry:8.1.0",
                        "tocsin/alert-ingest:0.1.0-SNAPSHOT");
    }

    @Test
    void runThatRequiresContainerTestsFailsInsteadOfSkippingWithTheSameReason() {
        ScriptedEngine engine = new ScriptedEngine(ImageGate.Engine.unreachable("no socket"), Map.of(), false);

        assertThatThrownBy(() -> new ImagesAvailableCondition(new CachingProbe(engine), true)
                        .result(List.of("apache/kafka:4.3.1")))
                .hasMessageContaining("tocsin.containers.required=true")
                .hasMessageContaining("no socket");
    }
}
