package dev.tocsin.correlator.topology;

import java.nio.charset.StandardCharsets;

import dev.tocsin.avro.CustomerReport;
import dev.tocsin.correlator.domain.TicketOwnership;
import dev.tocsin.correlator.state.TicketOwner;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs on reports keyed by ticket id: remembers each ticket's product ({@link TicketOwnership}) and
 * forwards, keyed by product and in the rule's order, the report to its product and, when the
 * ticket moved, the same report to the product it left, marked {@value #MOVED_OUT_OF} /
 * {@value #MOVED_TO}. Both go through one repartition topic, so where two products share a
 * partition the old one lets the ticket go before the new one triages it.
 */
final class TicketOwnershipProcessor implements Processor<String, CustomerReport, String, CustomerReport> {

    /** Header of a moved-out record: the product the ticket left (also the record key). */
    static final String MOVED_OUT_OF = "tocsin.ticket-moved-out-of";
    /** Header of a moved-out record: the product the ticket belongs to now. */
    static final String MOVED_TO = "tocsin.ticket-moved-to";

    private final CorrelatorMetrics metrics;
    private ProcessorContext<String, CustomerReport> context;
    private KeyValueStore<String, TicketOwner> owners;

    TicketOwnershipProcessor(CorrelatorMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, CustomerReport> context) {
        this.context = context;
        this.owners = context.getStateStore(CorrelatorStores.TICKET_OWNERS);
    }

    @Override
    public void process(Record<String, CustomerReport> record) {
        CustomerReport report = record.value();
        if (report == null) { // the processing exception handler dead-letters it, as the correlator would
            throw new IllegalArgumentException("Unexpected input null on the reports keyed by ticket id");
        }
        String ticketId = report.getTicketId();
        TicketOwnership.Decision decision = TicketOwnership.route(owners.get(ticketId), report.getProduct(), record.timestamp());
        owners.put(ticketId, decision.owner());
        for (TicketOwnership.Step step : decision.steps()) {
            // fresh headers: only this processor may mark a record moved out
            Headers headers = new RecordHeaders();
            if (step instanceof TicketOwnership.MovedOut moved) {
                headers.add(MOVED_OUT_OF, moved.product().getBytes(StandardCharsets.UTF_8));
                headers.add(MOVED_TO, moved.to().getBytes(StandardCharsets.UTF_8));
            }
            context.forward(new Record<>(step.product(), report, step.at(), headers));
        }
        if (decision.moved()) {
            metrics.ticketMoved();
        }
    }

    /** The header's value, or null when the record does not carry it. */
    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
