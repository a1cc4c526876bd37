package dev.tocsin.containers;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whether container tests can run, decided from what the Docker engine said: pure, so the decision
 * is tested without Docker. A test runs only when the engine answered and every image it needs is
 * there (present, or pulled just now); otherwise the reason names what is missing and why.
 */
public final class ImageGate {

    private ImageGate() {}

    /** What the engine probe found: reachable or not, and a description (endpoint and version, or the error). */
    public record Engine(boolean reachable, String description) {

        public static Engine reachable(String description) {
            return new Engine(true, description);
        }

        public static Engine unreachable(String why) {
            return new Engine(false, why);
        }
    }

    /** How an image can be had from the engine. */
    public enum Availability {
        PRESENT,
        PULLED,
        UNAVAILABLE
    }

    /** One image's availability, with the engine's answer when it is unavailable. */
    public record Image(String name, Availability availability, String detail) {

        public static Image present(String name) {
            return new Image(name, Availability.PRESENT, "");
        }

        public static Image pulled(String name) {
            return new Image(name, Availability.PULLED, "");
        }

        public static Image unavailable(String name, String why) {
            return new Image(name, Availability.UNAVAILABLE, why);
        }

        boolean usable() {
            return availability != Availability.UNAVAILABLE;
        }
    }

    /** The decision and its reason, as JUnit reports it. */
    public record Verdict(boolean enabled, String reason) {}

    /**
     * The images a test needs from the engine: its own, plus Testcontainers' resource reaper (Ryuk),
     * which every first container start launches unless it is disabled ({@code ryuk} empty).
     */
    public static List<String> required(List<String> declared, Optional<String> ryuk) {
        return Stream.concat(declared.stream(), ryuk.stream()).distinct().toList();
    }

    /** The verdict for a test needing {@code images} (their availability; empty when the engine did not answer). */
    public static Verdict decide(Engine engine, List<Image> images) {
        if (!engine.reachable()) {
            return new Verdict(
                    false,
                    "No Docker engine answered (" + engine.description()
                            + "); container tests need one: see docs/TESTING-WITH-CONTAINERS.md");
        }
        List<Image> missing = images.stream().filter(image -> !image.usable()).toList();
        if (!missing.isEmpty()) {
            return new Verdict(
                    false,
                    "The Docker engine (" + engine.description() + ") cannot provide "
                            + missing.stream()
                                    .map(image -> image.name() + " (" + image.detail() + ")")
                                    .collect(Collectors.joining(", "))
                            + "; pull or build them first: see docs/TESTING-WITH-CONTAINERS.md");
        }
        List<String> pulled = images.stream()
                .filter(image -> image.availability() == Availability.PULLED)
                .map(Image::name)
                .toList();
        return new Verdict(
                true,
                "The Docker engine (" + engine.description() + ") provides "
                        + images.stream().map(Image::name).collect(Collectors.joining(", "))
                        + (pulled.isEmpty() ? "" : " (pulled now: " + String.join(", ", pulled) + ")"));
    }
}
