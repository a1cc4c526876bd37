package dev.tocsin.correlator.topology;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global view product -> ids of its open incidents (oldest first, comma-separated) from
 * {@code tocsin.incidents}, for the dependency graph: a dependant's partition asks whether its
 * upstream products have an open incident. Only the id list is kept, not the snapshots. Kafka
 * Streams re-runs this processor when it restores the global store, so the view is rebuilt the same way.
 */
final class OpenIncidentsByProduct implements Processor<String, Incident, Void, Void> {

    private KeyValueStore<String, String> open;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        open = context.getStateStore(CorrelatorStores.OPEN_INCIDENTS);
    }

    @Override
    public void process(Record<String, Incident> record) {
        Incident incident = record.value();
        if (incident == null || incident.getProduct() == null) {
            return;
        }
        String product = incident.getProduct();
        List<String> ids = parse(open.get(product));
        String id = incident.getIncidentId();
        boolean isOpen = incident.getStatus() != PublicStatus.RESOLVED;
        boolean changed = isOpen ? !ids.contains(id) && ids.add(id) : ids.remove(id);
        if (!changed) {
            return;
        }
        if (ids.isEmpty()) {
            open.delete(product);
        } else {
            open.put(product, String.join(",", ids));
        }
    }

    static List<String> parse(String joined) {
        return joined == null || joined.isEmpty()
                ? new ArrayList<>()
                : new ArrayList<>(Arrays.asList(joined.split(",")));
    }
}
