package dev.tocsin.containers;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks the engine once per test run: the first answer about the engine and about each image is the
 * answer for every later test class, so a missing image costs one pull attempt, not one per class.
 */
final class CachingProbe implements DockerProbe {

    private final DockerProbe probe;
    private final Map<String, ImageGate.Image> images = new ConcurrentHashMap<>();
    private volatile ImageGate.Engine engine;

    CachingProbe(DockerProbe probe) {
        this.probe = probe;
    }

    @Override
    public ImageGate.Engine engine() {
        ImageGate.Engine known = engine;
        if (known == null) {
            synchronized (this) {
                if (engine == null) {
                    engine = probe.engine();
                }
                known = engine;
            }
        }
        return known;
    }

    @Override
    public ImageGate.Image image(String image) {
        return images.computeIfAbsent(image, probe::image);
    }

    @Override
    public Optional<String> reaperImage() {
        return probe.reaperImage();
    }
}
