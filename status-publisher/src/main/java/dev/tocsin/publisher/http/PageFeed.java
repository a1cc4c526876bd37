package dev.tocsin.publisher.http;

import dev.tocsin.avro.ComponentDay;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.runtime.http.HealthCheck;
import java.util.List;

/**
 * The page's inputs as this instance's {@link PageReplica} last read them, handed to the HTTP side
 * without a store query: the status page is rendered from these once per change. Empty until the
 * replica has caught up.
 */
public final class PageFeed {

    /**
     * Incidents (publisher copies), maintenance windows and the components' daily uptime aggregates,
     * immutable; a new object per change.
     */
    public record Inputs(List<Incident> incidents, List<MaintenanceWindow> windows, List<ComponentDay> days) {

        public Inputs {
            incidents = List.copyOf(incidents);
            windows = List.copyOf(windows);
            days = List.copyOf(days);
        }

        /** Inputs without uptime history. */
        public Inputs(List<Incident> incidents, List<MaintenanceWindow> windows) {
            this(incidents, windows, List.of());
        }
    }

    private volatile Inputs current;

    /** The inputs as last read, or null while the replica catches up. */
    public Inputs current() {
        return current;
    }

    /** Ready once the replica has caught up: this instance can serve the page. */
    public HealthCheck.Status readiness() {
        return current != null
                ? HealthCheck.Status.ready("status page loaded")
                : HealthCheck.Status.notReady("status page replica catching up");
    }

    void publish(Inputs inputs) {
        current = inputs;
    }

    void withdraw() {
        current = null;
    }
}
