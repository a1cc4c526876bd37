package dev.tocsin.publisher.topology;

import java.util.List;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;

/**
 * The page's inputs as last evaluated by the page processor on this instance, handed to the HTTP
 * side without a store query: the status page is rendered from these once per change.
 * Empty while this instance does not own the page (then another instance answers).
 */
public final class PageFeed {

    /** Incidents (publisher copies) and maintenance windows, immutable; a new object per evaluation that changed them. */
    public record Inputs(List<Incident> incidents, List<MaintenanceWindow> windows) {

        public Inputs {
            incidents = List.copyOf(incidents);
            windows = List.copyOf(windows);
        }
    }

    private volatile Inputs current;

    /** The inputs as last evaluated, or null when this instance does not own the page (or it is still being restored). */
    public Inputs current() {
        return current;
    }

    void publish(Inputs inputs) {
        current = inputs;
    }

    void withdraw() {
        current = null;
    }
}
