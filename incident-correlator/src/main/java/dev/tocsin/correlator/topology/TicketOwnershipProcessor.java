package dev.tocsin.correlator.topology;

import dev.tocsin.avro.CustomerReport;
import dev.tocsin.correlator.domain.TicketOwnership;
import dev.tocsin.correlator.state.TicketMove;
import dev.tocsin.correlator.state.TicketOwner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs on the reports keyed by ticket id: remembers each ticket's product ({@link TicketOwnership})
 * and, when a report moves the ticket, forwards the move keyed by the product it left, stamped
 * with the time of the move, for that product's partition to let the ticket go.
 */
final class TicketOwnershipProcessor implements Processor<String, CustomerReport, String, TicketMove> {

    private final CorrelatorMetrics metrics;
    private ProcessorContext<String, TicketMove> context;
    private KeyValueStore<String, TicketOwner> owners;

    TicketOwnershipProcessor(CorrelatorMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, TicketMove> context) {
        this.context = context;
        this.owners = context.getStateStore(CorrelatorStores.TICKET_OWNERS);
    }

    @Override
    public void process(Record<String, CustomerReport> record) {
        CustomerReport report = record.value();
        if (report == null) {
            return; // the correlator dead-letters a null report from its own copy of the input
        }
        String ticketId = report.getTicketId();
        TicketOwner owner = owners.get(ticketId);
        TicketOwnership.Decision decision = TicketOwnership.route(ticketId, owner, report.getProduct(), record.timestamp());
        if (!decision.owner().equals(owner)) {
            owners.put(ticketId, decision.owner());
        }
        decision.move().ifPresent(move -> {
            metrics.ticketMoved();
            context.forward(new Record<>(move.getFromProduct(), move, move.getAt()));
        });
    }
}
