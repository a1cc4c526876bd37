package dev.tocsin.containers;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The condition behind {@link RequiresImages}: asks the engine (once per run, see {@link CachingProbe})
 * and lets {@link ImageGate} decide. Each distinct reason to skip is logged once, so a build without
 * Docker says why its container tests did not run.
 */
public final class ImagesAvailableCondition implements ExecutionCondition {

    private static final Logger LOG = LoggerFactory.getLogger(ImagesAvailableCondition.class);
    private static final DockerProbe SHARED = new CachingProbe(new LazyProbe());
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private final DockerProbe probe;
    private final boolean required;

    /** The condition of a test run; {@code -Dtocsin.containers.required=true} turns a skip into a failure. */
    public ImagesAvailableCondition() {
        this(SHARED, Boolean.getBoolean("tocsin.containers.required"));
    }

    /**
     * @param required whether the run must have the images (a machine meant to run the container
     *                 tests): a missing engine or image then fails the test instead of skipping it
     */
    ImagesAvailableCondition(DockerProbe probe, boolean required) {
        this.probe = probe;
        this.required = required;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresImages> requires = context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresImages.class));
        if (requires.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @RequiresImages here");
        }
        return result(
                Arrays.stream(requires.get().value()).map(ImageNames::resolve).toList());
    }

    /** Enabled or disabled with the reason; a failure instead of a skip when the run requires the images. */
    ConditionEvaluationResult result(List<String> declared) {
        ImageGate.Verdict verdict = verdict(declared);
        if (verdict.enabled()) {
            return ConditionEvaluationResult.enabled(verdict.reason());
        }
        if (required) {
            throw new IllegalStateException(
                    "Container tests are required here (tocsin.containers.required=true) but " + verdict.reason());
        }
        if (REPORTED.add(verdict.reason())) {
            LOG.warn("Container tests skipped: {}", verdict.reason());
        }
        return ConditionEvaluationResult.disabled(verdict.reason());
    }

    /** The verdict for a test needing {@code declared} images. */
    ImageGate.Verdict verdict(List<String> declared) {
        ImageGate.Engine engine = probe.engine();
        if (!engine.reachable()) {
            return ImageGate.decide(engine, List.of());
        }
        List<ImageGate.Image> images = ImageGate.required(declared, probe.reaperImage()).stream()
                .map(probe::image)
                .toList();
        return ImageGate.decide(engine, images);
    }

    /** The real probe, made on first use: a class only naming the condition never touches Docker. */
    private static final class LazyProbe implements DockerProbe {

        private volatile DockerProbe probe;

        private DockerProbe probe() {
            if (probe == null) {
                synchronized (this) {
                    if (probe == null) {
                        probe = TestcontainersProbe.fromSystemProperties();
                    }
                }
            }
            return probe;
        }

        @Override
        public ImageGate.Engine engine() {
            return probe().engine();
        }

        @Override
        public ImageGate.Image image(String image) {
            return probe().image(image);
        }

        @Override
        public Optional<String> reaperImage() {
            return probe().reaperImage();
        }
    }
}
