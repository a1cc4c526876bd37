package dev.tocsin.containers;

import java.util.Optional;

/** Asks a Docker engine what the container tests need to know; never throws, never waits without bound. */
public interface DockerProbe {

    /** Whether an engine answers, and which. */
    ImageGate.Engine engine();

    /** Whether the engine has {@code image}, or can pull it now; asked only of a reachable engine. */
    ImageGate.Image image(String image);

    /** The resource reaper's image, which Testcontainers starts with the first container; empty when it is disabled. */
    Optional<String> reaperImage();
}
