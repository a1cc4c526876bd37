package dev.tocsin.console.live;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The latest snapshot of each incident from {@code tocsin.incidents}, bounded: beyond the limit the
 * resolved incident updated longest ago is forgotten first (open incidents are what a shift works).
 * Listeners hear of every change (the browsers' live updates).
 */
public final class IncidentBoard {

    private final int limit;
    private final Map<String, Incident> byId = new HashMap<>();
    private final List<Consumer<Incident>> listeners = new CopyOnWriteArrayList<>();

    public IncidentBoard(int limit) {
        this.limit = limit;
    }

    public void onChange(Consumer<Incident> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Incident> listener) {
        listeners.remove(listener);
    }

    void apply(String id, Incident incident) {
        synchronized (this) {
            if (incident == null) {
                byId.remove(id);
                return;
            }
            Incident known = byId.get(id);
            if (known != null && known.getVersion() > incident.getVersion()) {
                return;
            }
            byId.put(id, incident);
            if (byId.size() > limit) {
                byId.values().stream()
                        .min(Comparator.comparing((Incident i) -> i.getStatus() != PublicStatus.RESOLVED)
                                .thenComparing(Incident::getUpdatedAt))
                        .ifPresent(oldest -> byId.remove(oldest.getIncidentId()));
            }
        }
        listeners.forEach(listener -> listener.accept(incident));
    }

    public synchronized List<Incident> all() {
        return new ArrayList<>(byId.values());
    }

    public synchronized java.util.Optional<Incident> get(String id) {
        return java.util.Optional.ofNullable(byId.get(id));
    }
}
