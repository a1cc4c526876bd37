package dev.tocsin.correlator.domain;

import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.Signal;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Creates and copies the internal state records. The rules always work on copies, so a value a
 * state implementation handed out (and may cache) is never mutated behind its back: collections
 * the rules change in place are copied, everything else is immutable or replaced, never mutated.
 */
public final class StateValues {

    private StateValues() {}

    /** A fresh, empty index of a product (what {@link CorrelatorState#product} returns when unknown). */
    public static ProductIndex emptyProductIndex(String product) {
        return ProductIndex.newBuilder()
                .setProduct(product)
                .setOpenIncidents(new ArrayList<>())
                .setResolvedIncidents(new ArrayList<>())
                .setRecentReports(new ArrayList<>())
                .setDueAt(new HashMap<>())
                .setNextDueAt(null)
                .build();
    }

    static IncidentTracking newTracking(String incidentId, String product, Instant openedAt) {
        return IncidentTracking.newBuilder()
                .setIncidentId(incidentId)
                .setProduct(product)
                .setLastPublicUpdateAt(openedAt.toEpochMilli())
                .setOpenPeriodStartAt(openedAt.toEpochMilli())
                .setOrganizations(new HashMap<>())
                .setEmittedDeadlines(new HashMap<>())
                .build();
    }

    static TrackedAlert newAlert(String product, String fingerprint, Instant at) {
        return TrackedAlert.newBuilder()
                .setProduct(product)
                .setFingerprint(fingerprint)
                .setFirstSeenAt(at.toEpochMilli())
                .setLastSeenAt(at.toEpochMilli())
                .setAlertStatus(AlertStatus.FIRING)
                .setAlertSignal(Signal.OTHER)
                .build();
    }

    /** A ticket seen for the first time; its priority is P4 until a report says otherwise. */
    static TicketRecord newTicket(String ticketId, String organizationId, String product) {
        return TicketRecord.newBuilder()
                .setTicketId(ticketId)
                .setOrganizationId(organizationId)
                .setProduct(product)
                .setPriority(CustomerPriority.P4)
                .build();
    }

    static TrackedAlert copy(TrackedAlert alert) {
        return shallow(alert, new TrackedAlert());
    }

    static IncidentTracking copy(IncidentTracking tracking) {
        IncidentTracking copy = shallow(tracking, new IncidentTracking());
        // the rules update this map in place; the (larger) organization map is copied on first write
        copy.setEmittedDeadlines(new HashMap<>(copy.getEmittedDeadlines()));
        return copy;
    }

    static ProductIndex copy(ProductIndex index) {
        ProductIndex copy = shallow(index, new ProductIndex());
        // the rules update these lists in place; their elements are never changed
        copy.setOpenIncidents(new ArrayList<>(copy.getOpenIncidents()));
        copy.setResolvedIncidents(new ArrayList<>(copy.getResolvedIncidents()));
        copy.setRecentReports(new ArrayList<>(copy.getRecentReports()));
        copy.setDueAt(new HashMap<>(copy.getDueAt()));
        return copy;
    }

    static TicketRecord copy(TicketRecord ticket) {
        return shallow(ticket, new TicketRecord());
    }

    /**
     * A working copy of an incident snapshot. Shallow on purpose: the rules replace the snapshot's
     * lists and nested records (see {@link IncidentSnapshots}), they never change them in place,
     * and a deep copy of a large snapshot on every input would dominate the processing time.
     */
    static Incident copy(Incident incident) {
        return shallow(incident, new Incident());
    }

    /** Copies every field reference of a generated record into an empty one. */
    private static <T extends SpecificRecordBase> T shallow(T source, T target) {
        int fields = source.getSchema().getFields().size();
        for (int i = 0; i < fields; i++) {
            target.put(i, source.get(i));
        }
        return target;
    }
}
