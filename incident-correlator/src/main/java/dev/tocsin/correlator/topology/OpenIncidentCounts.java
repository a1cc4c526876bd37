package dev.tocsin.correlator.topology;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code tocsin_correlator_open_incidents{product,severity,scope}}: the open (not RESOLVED)
 * incidents of the tasks this instance runs, summed over instances by Prometheus. Kept up to date
 * as snapshots leave the processor, and counted once from the stores when a task (re)starts, so a
 * scrape never scans a store. A task that moves away takes its incidents with it.
 *
 * <p>Products are labels only up to {@code maxProducts} distinct names (alert labels name them, so
 * they are not a closed set); incidents of any later product are counted under {@value #OTHER}.
 */
final class OpenIncidentCounts {

    static final String METER = "tocsin.correlator.open.incidents";
    static final String OTHER = "other";

    private record Labels(String product, String severity, String scope) {}

    private final MeterRegistry registry;
    private final int maxProducts;
    private final Set<String> labelledProducts = new LinkedHashSet<>();
    /** task -> open incident id -> the labels it is counted under. */
    private final Map<String, Map<String, Labels>> byTask = new HashMap<>();

    private final Map<Labels, AtomicInteger> counts = new ConcurrentHashMap<>();

    OpenIncidentCounts(MeterRegistry registry, int maxProducts) {
        this.registry = registry;
        this.maxProducts = maxProducts;
    }

    /** Forgets what a task counted before (a restart re-counts it from its stores). */
    synchronized void taskStarted(String task) {
        taskClosed(task);
        byTask.put(task, new HashMap<>());
    }

    /** The task moved away or closed: its incidents are another instance's to count. */
    synchronized void taskClosed(String task) {
        Map<String, Labels> open = byTask.remove(task);
        if (open != null) {
            open.values().forEach(labels -> counts.get(labels).decrementAndGet());
        }
    }

    /** The latest snapshot of an incident of {@code task}. */
    synchronized void snapshot(String task, Incident incident) {
        Map<String, Labels> open = byTask.computeIfAbsent(task, t -> new HashMap<>());
        Labels before = open.remove(incident.getIncidentId());
        if (before != null) {
            counts.get(before).decrementAndGet();
        }
        if (incident.getStatus() != PublicStatus.RESOLVED) {
            Labels labels = new Labels(
                    productLabel(incident.getProduct()),
                    incident.getSeverity().name(),
                    incident.getScope().name());
            open.put(incident.getIncidentId(), labels);
            counter(labels).incrementAndGet();
        }
    }

    private String productLabel(String product) {
        if (labelledProducts.contains(product)) {
            return product;
        }
        if (labelledProducts.size() < maxProducts) {
            labelledProducts.add(product);
            return product;
        }
        return OTHER;
    }

    private AtomicInteger counter(Labels labels) {
        return counts.computeIfAbsent(labels, l -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder(METER, count, AtomicInteger::get)
                    .description("Open (not resolved) incidents of the tasks this instance runs; sum over instances")
                    .tag("product", l.product())
                    .tag("severity", l.severity())
                    .tag("scope", l.scope())
                    .register(registry);
            return count;
        });
    }
}
