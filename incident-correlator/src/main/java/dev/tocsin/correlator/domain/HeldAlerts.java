package dev.tocsin.correlator.domain;

import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.TrackedAlert;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Firing alerts held back by a {@link Hold}: recorded on the tracked alert (the silence id, the
 * inhibiting source, the absorbing incident, a count) and indexed per product, so that when the
 * hold ends while the alert still fires it is correlated as new: at once when an inhibiting source
 * of the same product resolves (at that event time), otherwise when the product's held alerts are
 * reconsidered (the punctuator, for silences that end or are deleted and upstream incidents that
 * resolve in another partition) or on the alert's next record, whichever comes first.
 */
final class HeldAlerts {

    /** The actor of the correlator's own commands. */
    static final String ACTOR = "tocsin-correlator";

    private HeldAlerts() {}

    static boolean isHeld(TrackedAlert tracked) {
        return tracked.getHeldSince() != null;
    }

    /** Holds the alert back (a new hold or a changed reason); the caller stores the alert. */
    static void hold(
            Session session,
            TrackedAlert tracked,
            Hold hold,
            Supplier<Map<String, String>> labels,
            Instant at,
            boolean newRecord) {
        boolean wasHeld = isHeld(tracked);
        String absorbedBefore = wasHeld ? tracked.getAbsorbedInto() : null;
        switch (hold.kind()) {
            case SILENCED -> tracked.setSilenceId(hold.by());
            case INHIBITED -> tracked.setInhibitedBy(hold.by());
            case ABSORBED -> tracked.setAbsorbedInto(hold.by());
        }
        tracked.setHoldKind(hold.kind().name());
        if (newRecord) {
            tracked.setHeldCount(tracked.getHeldCount() + 1);
            session.held(hold.kind());
        }
        tracked.setHeldLabels(new HashMap<>(labels.get()));
        if (!wasHeld) {
            tracked.setHeldSince(at.toEpochMilli());
            session.state.markHeld(tracked.getProduct(), tracked.getFingerprint(), true);
            ProductIndex index = session.index(tracked.getProduct());
            if (!index.getHasHeldAlerts()) {
                index.setHasHeldAlerts(true);
                session.touched(index);
            }
        }
        if (hold.kind() == Hold.Kind.ABSORBED && !(wasHeld && Objects.equals(absorbedBefore, hold.by()))) {
            session.emit(absorbCommand(tracked, hold, at));
        }
    }

    /** Ends a hold (the alert resolved or nothing holds it any more); the caller stores the alert. */
    static void release(Session session, TrackedAlert tracked) {
        if (!isHeld(tracked)) {
            return;
        }
        tracked.setHeldSince(null);
        tracked.setHoldKind(null);
        tracked.setHeldLabels(new HashMap<>());
        session.state.markHeld(tracked.getProduct(), tracked.getFingerprint(), false);
    }

    /**
     * Decides again for every held alert of the product at {@code at}: a resolved one leaves the
     * index, a still-held one stays (its reason may change), a released one is correlated like a
     * record of it firing again now (or goes to a maintenance window now covering it). Cost: one
     * read per held alert.
     */
    static void reconsider(Session session, String product, Instant at) {
        int stillHeld = 0;
        for (String fingerprint : session.state.heldAlerts(product)) {
            TrackedAlert tracked = session.state
                    .alert(product, fingerprint)
                    .map(StateValues::copy)
                    .orElse(null);
            if (tracked == null || !isHeld(tracked)) {
                session.state.markHeld(product, fingerprint, false);
                continue;
            }
            if (tracked.getAlertStatus() == AlertStatus.RESOLVED) {
                release(session, tracked);
                session.state.putAlert(tracked);
                continue;
            }
            AlertIntake.correlateHeld(session, tracked, at);
            if (isHeld(tracked)) {
                stillHeld++;
            }
        }
        if (stillHeld == 0) {
            ProductIndex index = session.index(product);
            if (index.getHasHeldAlerts()) {
                index.setHasHeldAlerts(false);
                session.touched(index);
            }
        }
    }

    /** The record that makes the alert evidence of the upstream incident, in the upstream product's partition. */
    private static IncidentCommand absorbCommand(TrackedAlert tracked, Hold hold, Instant at) {
        String alert = tracked.getProduct() + "/" + tracked.getFingerprint();
        String summary =
                tracked.getSummary() == null || tracked.getSummary().isBlank() ? "" : ": " + tracked.getSummary();
        return IncidentCommand.newBuilder()
                .setCommandId("absorb:" + alert + "@" + at.toEpochMilli())
                .setIncidentId(hold.by())
                .setProduct(hold.upstream())
                .setType(CommandType.ABSORB_DEPENDANT_ALERT)
                .setActor(ACTOR)
                .setReason(AlertIntake.truncate(
                        "alert " + alert + " absorbed because " + hold.upstream() + " is down" + summary))
                .setIssuedAt(at)
                .setSourceProduct(tracked.getProduct())
                .setAlertFingerprint(tracked.getFingerprint())
                .build();
    }
}
