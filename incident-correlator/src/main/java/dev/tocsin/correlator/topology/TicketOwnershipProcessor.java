package dev.tocsin.correlator.topology;

import dev.tocsin.avro.CustomerReport;
import dev.tocsin.correlator.domain.Retention;
import dev.tocsin.correlator.domain.TicketOwnership;
import dev.tocsin.correlator.state.TicketMove;
import dev.tocsin.correlator.state.TicketOwner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs on the reports keyed by ticket id: remembers each ticket's product ({@link TicketOwnership})
 * and, when a report moves the ticket, forwards the move keyed by the product it left, stamped
 * with the time of the move, for that product's partition to let the ticket go. A wall-clock
 * punctuator forgets the owners of tickets quiet long enough ({@link Retention#mayForgetTicketOwner}),
 * one bounded slice per tick like {@link StorePruner}.
 */
final class TicketOwnershipProcessor implements Processor<String, CustomerReport, String, TicketMove> {

    private final CorrelatorMetrics metrics;
    private final Retention retention;
    private final PruneSchedule pruneSchedule;
    private ProcessorContext<String, TicketMove> context;
    private KeyValueStore<String, TicketOwner> owners;
    private TaskClock taskClock;
    private String pruneCursor;

    TicketOwnershipProcessor(CorrelatorMetrics metrics, Retention retention, PruneSchedule pruneSchedule) {
        this.metrics = metrics;
        this.retention = retention;
        this.pruneSchedule = pruneSchedule;
    }

    @Override
    public void init(ProcessorContext<String, TicketMove> context) {
        this.context = context;
        this.owners = context.getStateStore(CorrelatorStores.TICKET_OWNERS);
        this.taskClock = new TaskClock(pruneSchedule.interval(), context.currentSystemTimeMs());
        context.schedule(pruneSchedule.interval(), PunctuationType.WALL_CLOCK_TIME, this::pruneOwners);
    }

    /** One slice of the owners; while history is replayed the stream time is the clock, so a replay forgets alike. */
    private void pruneOwners(long wallClockMillis) {
        long now = taskClock.now(wallClockMillis, context.currentStreamTimeMs());
        if (now <= 0) { // no stream time yet: nothing was routed, nothing to forget
            return;
        }
        List<String> forget = new ArrayList<>();
        pruneCursor = StorePruner.slice(owners, pruneCursor, pruneSchedule.batch(), (ticketId, owner) -> {
            if (retention.mayForgetTicketOwner(owner, Instant.ofEpochMilli(now))) {
                forget.add(ticketId);
            }
        });
        forget.forEach(owners::delete);
        metrics.pruned(CorrelatorStores.TICKET_OWNERS, forget.size());
    }

    @Override
    public void process(Record<String, CustomerReport> record) {
        taskClock.inputAt(context.currentSystemTimeMs());
        CustomerReport report = record.value();
        if (report == null) {
            return; // the correlator dead-letters a null report from its own copy of the input
        }
        String ticketId = report.getTicketId();
        TicketOwner owner = owners.get(ticketId);
        TicketOwnership.Decision decision =
                TicketOwnership.route(ticketId, owner, report.getProduct(), record.timestamp());
        if (!decision.owner().equals(owner)) {
            owners.put(ticketId, decision.owner());
        }
        decision.move().ifPresent(move -> {
            metrics.ticketMoved();
            context.forward(new Record<>(move.getFromProduct(), move, move.getAt()));
        });
    }
}
