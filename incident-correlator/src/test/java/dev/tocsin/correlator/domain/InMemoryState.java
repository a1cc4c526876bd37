package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.Silence;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import dev.tocsin.schemas.rules.MaintenanceSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A map-based {@link CorrelatorState} for tests. Like a real store it keeps its own copies, so a
 * rule that mutated a value after putting it (or a value it read) would be caught.
 */
class InMemoryState implements CorrelatorState {

    private final Map<String, TrackedAlert> alerts = new HashMap<>();
    private final Map<String, Incident> incidents = new TreeMap<>();
    private final Map<String, IncidentTracking> tracking = new HashMap<>();
    private final Map<String, ProductIndex> products = new HashMap<>();
    private final Map<String, TicketRecord> tickets = new TreeMap<>();
    private final Map<String, MaintenanceWindow> maintenance = new TreeMap<>();
    private final Map<String, Silence> silences = new TreeMap<>();
    private final Map<String, List<String>> openIncidentsAnywhere = new HashMap<>();
    private final NavigableSet<String> held = new TreeSet<>();
    private final NavigableSet<String> inhibitors = new TreeSet<>();
    private final boolean copying;

    InMemoryState() {
        this(true);
    }

    /** {@code copying = false} skips the defensive copies (for large-volume tests). */
    InMemoryState(boolean copying) {
        this.copying = copying;
    }

    void putSilence(Silence silence) {
        silences.put(silence.getSilenceId(), silence);
    }

    void deleteSilence(String silenceId) {
        silences.remove(silenceId);
    }

    /** What the global view of tocsin.incidents shows for a product (another partition's incidents). */
    void openIncidentsAnywhere(String product, String... incidentIds) {
        openIncidentsAnywhere.put(product, List.of(incidentIds));
    }

    @Override
    public Collection<Silence> silences() {
        return List.copyOf(silences.values());
    }

    @Override
    public List<String> openIncidentsOf(String product) {
        return openIncidentsAnywhere.getOrDefault(product, List.of());
    }

    @Override
    public List<String> heldAlerts(String product) {
        String from = product + "|";
        return held.subSet(from, product + "}").stream()
                .map(k -> k.substring(from.length()))
                .toList();
    }

    @Override
    public void markHeld(String product, String fingerprint, boolean isHeld) {
        if (isHeld) {
            held.add(product + "|" + fingerprint);
        } else {
            held.remove(product + "|" + fingerprint);
        }
    }

    @Override
    public List<String> inhibitors(String group, int limit) {
        String from = group + "|";
        return inhibitors.subSet(from, group + "}").stream()
                .limit(limit)
                .map(k -> k.substring(from.length()))
                .toList();
    }

    @Override
    public void markInhibitor(String group, String fingerprint, boolean firing) {
        if (firing) {
            inhibitors.add(group + "|" + fingerprint);
        } else {
            inhibitors.remove(group + "|" + fingerprint);
        }
    }

    void putMaintenance(MaintenanceWindow window) {
        maintenance.put(window.getWindowId(), window);
    }

    List<Incident> incidents() {
        return new ArrayList<>(incidents.values());
    }

    Map<String, TicketRecord> tickets() {
        return tickets;
    }

    @Override
    public Optional<TrackedAlert> alert(String product, String fingerprint) {
        return Optional.ofNullable(alerts.get(product + "|" + fingerprint)).map(this::copy);
    }

    @Override
    public void putAlert(TrackedAlert alert) {
        alerts.put(alert.getProduct() + "|" + alert.getFingerprint(), copy(alert));
    }

    @Override
    public Optional<Incident> incident(String incidentId) {
        return Optional.ofNullable(incidents.get(incidentId)).map(this::copy);
    }

    @Override
    public void putIncident(Incident incident) {
        incidents.put(incident.getIncidentId(), copy(incident));
    }

    @Override
    public Optional<IncidentTracking> tracking(String incidentId) {
        return Optional.ofNullable(tracking.get(incidentId)).map(this::copy);
    }

    @Override
    public void putTracking(IncidentTracking value) {
        tracking.put(value.getIncidentId(), copy(value));
    }

    @Override
    public ProductIndex product(String product) {
        ProductIndex index = products.get(product);
        return index == null ? StateValues.emptyProductIndex(product) : copy(index);
    }

    @Override
    public void putProduct(ProductIndex index) {
        products.put(index.getProduct(), copy(index));
    }

    @Override
    public Optional<TicketRecord> ticket(String ticketId) {
        return Optional.ofNullable(tickets.get(ticketId)).map(this::copy);
    }

    @Override
    public void putTicket(TicketRecord ticket) {
        tickets.put(ticket.getTicketId(), copy(ticket));
    }

    @Override
    public void removeTicket(String ticketId) {
        tickets.remove(ticketId);
    }

    @Override
    public List<TicketRecord> ticketsOf(String incidentId) {
        return tickets.values().stream()
                .filter(t -> incidentId.equals(t.getIncidentId()))
                .map(this::copy)
                .toList();
    }

    @Override
    public Optional<MaintenanceWindow> activeMaintenance(String product, Instant at) {
        return maintenance.values().stream()
                .filter(w -> MaintenanceSchedule.covers(w, product, at))
                .findFirst(); // the TreeMap keeps id order, like the store
    }

    TrackedAlert rawAlert(String product, String fingerprint) {
        return alerts.get(product + "|" + fingerprint);
    }

    IncidentTracking rawTracking(String incidentId) {
        return tracking.get(incidentId);
    }

    ProductIndex rawProduct(String product) {
        return products.get(product);
    }

    private TrackedAlert copy(TrackedAlert value) {
        return copying ? TrackedAlert.newBuilder(value).build() : value;
    }

    private Incident copy(Incident value) {
        return copying ? Incident.newBuilder(value).build() : value;
    }

    private IncidentTracking copy(IncidentTracking value) {
        return copying ? IncidentTracking.newBuilder(value).build() : value;
    }

    private ProductIndex copy(ProductIndex value) {
        return copying ? ProductIndex.newBuilder(value).build() : value;
    }

    private TicketRecord copy(TicketRecord value) {
        return copying ? TicketRecord.newBuilder(value).build() : value;
    }
}
