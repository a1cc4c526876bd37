package dev.tocsin.correlator.domain;

import dev.tocsin.avro.AlertRef;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.correlator.state.IncidentTracking;
import dev.tocsin.correlator.state.ProductIndex;
import dev.tocsin.correlator.state.ResolvedIncident;
import dev.tocsin.correlator.state.TrackedAlert;
import dev.tocsin.schemas.topics.IncidentIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A monitoring alert meets the incidents of its product: dedup by fingerprint (a known alert is
 * refreshed, it never opens a second incident), flap damping, maintenance suppression, holds
 * (silences, inhibit rules, upstream incidents: {@link Hold}, {@link HeldAlerts}), then
 * correlation ({@link CorrelationRules}) into an open, a reopened or a new incident.
 *
 * <p>A refresh that changes nothing the incident shows (same status, summary, hint, component and
 * region) updates only the tracked alert: Alertmanager re-sends firing alerts every few minutes
 * and each would otherwise be a new incident version.
 */
final class AlertIntake {

    private static final int TITLE_LENGTH = 200;

    private AlertIntake() {}

    static void handle(Session session, MonitoringAlert alert, Instant at) {
        Policy policy = session.policy;
        String product = alert.getProduct();
        TrackedAlert known = session.state
                .alert(product, alert.getFingerprint())
                .map(StateValues::copy)
                .orElse(null);
        boolean firing = alert.getStatus() != AlertStatus.RESOLVED;
        boolean wasFiring = known != null && known.getAlertStatus() != AlertStatus.RESOLVED;
        boolean flap = FlapDamping.isFlap(known, firing, at, policy.flapWindow());
        boolean visibleChange = known == null || changesWhatIncidentShows(known, alert);
        TrackedAlert tracked = known != null ? known : StateValues.newAlert(product, alert.getFingerprint(), at);
        refresh(tracked, alert, at, firing, wasFiring, flap);
        Supplier<Map<String, String>> labels = Hold.lazyLabelsOf(alert);
        boolean sourceLeft = Inhibition.file(session, tracked, labels, firing);
        if (!firing) {
            HeldAlerts.release(session, tracked); // a resolve of a held alert just records
        }
        correlate(session, tracked, labels, at, firing, wasFiring, flap, visibleChange, true);
        if (sourceLeft && session.index(product).getHasHeldAlerts()) {
            // an inhibiting source resolved: the targets it held are correlated now, at this event time
            HeldAlerts.reconsider(session, product, at);
        }
    }

    /**
     * A held, still-firing alert decided again without a new record ({@link HeldAlerts#reconsider}):
     * still held, or released and correlated like a record of it firing again now.
     */
    static void correlateHeld(Session session, TrackedAlert tracked, Instant at) {
        Map<String, String> labels = tracked.getHeldLabels();
        correlate(session, tracked, () -> labels, at, true, true, false, true, false);
    }

    private static void correlate(
            Session session,
            TrackedAlert tracked,
            Supplier<Map<String, String>> labels,
            Instant at,
            boolean firing,
            boolean wasFiring,
            boolean flap,
            boolean visibleChange,
            boolean newRecord) {
        Policy policy = session.policy;
        String product = tracked.getProduct();
        Optional<MaintenanceWindow> maintenance =
                firing ? session.state.activeMaintenance(product, at) : Optional.empty();
        Incident incident = attachedIncident(session, tracked);

        if (incident != null && incident.getStatus() != PublicStatus.RESOLVED) {
            if (maintenance.isPresent() && !tracked.getCountedFiring()) {
                suppress(session, tracked, maintenance.get());
            } else if (firing && !tracked.getCountedFiring() && held(session, tracked, labels, at, newRecord)) {
                return;
            } else {
                updateAttached(session, incident, tracked, at, firing, flap, visibleChange, maintenance.isPresent());
            }
            return;
        }
        if (incident != null) {
            if (!firing || (wasFiring && tracked.getCountedFiring())) {
                // the alert ended, or merely repeats, after the incident resolved: keep counts right, change nothing
                // visible
                if (!firing && tracked.getCountedFiring()) {
                    uncountQuietly(session, incident, tracked, at);
                }
                session.state.putAlert(tracked);
                return;
            }
            if (keptBack(session, tracked, maintenance, labels, at, newRecord)) {
                return;
            }
            if (incident.getMergedInto() == null
                    && incident.getResolvedAt() != null
                    && !incident.getResolvedAt().plus(policy.reopenWindow()).isBefore(at)) {
                reopenWithSameAlert(session, incident, tracked, at, flap);
                return;
            }
            // resolved longer ago than the reopen window: this is a new occurrence
            detach(session, incident, tracked, at);
        }
        if (!firing) {
            session.state.putAlert(tracked);
            return;
        }
        if (keptBack(session, tracked, maintenance, labels, at, newRecord)) {
            return;
        }
        attachOrOpen(session, tracked, at);
    }

    /**
     * Keeps a firing alert that would feed an incident out of it: a maintenance window suppresses
     * it (maintenance comes first), or else a hold holds it back. Either way it is recorded instead.
     */
    private static boolean keptBack(
            Session session,
            TrackedAlert tracked,
            Optional<MaintenanceWindow> maintenance,
            Supplier<Map<String, String>> labels,
            Instant at,
            boolean newRecord) {
        if (maintenance.isPresent()) {
            suppress(session, tracked, maintenance.get());
            return true;
        }
        return held(session, tracked, labels, at, newRecord);
    }

    /**
     * Holds a firing alert back when a silence, an inhibit rule or an upstream incident says so: it
     * stays uncounted (an incident it belonged to is not fed) and is recorded and indexed instead.
     * An alert whose hold ended is released here and correlated by the caller.
     */
    private static boolean held(
            Session session,
            TrackedAlert tracked,
            Supplier<Map<String, String>> labels,
            Instant at,
            boolean newRecord) {
        Optional<Hold> hold = Hold.of(session, tracked, labels, at);
        if (hold.isEmpty()) {
            HeldAlerts.release(session, tracked);
            return false;
        }
        HeldAlerts.hold(session, tracked, hold.get(), labels, at, newRecord);
        session.state.putAlert(tracked);
        return true;
    }

    /** The incident the alert is attached to now (following merges), or null. */
    private static Incident attachedIncident(Session session, TrackedAlert tracked) {
        if (tracked.getIncidentId() == null) {
            return null;
        }
        Optional<Incident> incident = session.followingMerges(tracked.getIncidentId());
        if (incident.isEmpty()) {
            tracked.setIncidentId(null);
            tracked.setCountedFiring(false);
            return null;
        }
        tracked.setIncidentId(incident.get().getIncidentId());
        return incident.get();
    }

    private static boolean changesWhatIncidentShows(TrackedAlert known, MonitoringAlert alert) {
        return known.getAlertStatus() != alert.getStatus()
                || !Objects.equals(known.getSummary(), alert.getSummary())
                || known.getAlertSeverityHint() != alert.getSeverityHint()
                || known.getAlertSignal() != alert.getSignal()
                || !Objects.equals(known.getComponent(), alert.getComponent())
                || !Objects.equals(known.getRegion(), alert.getRegion());
    }

    private static void refresh(
            TrackedAlert tracked, MonitoringAlert alert, Instant at, boolean firing, boolean wasFiring, boolean flap) {
        long now = at.toEpochMilli();
        tracked.setLastAlertId(alert.getAlertId());
        tracked.setAlertStatus(alert.getStatus());
        tracked.setAlertSignal(alert.getSignal());
        tracked.setAlertSeverityHint(alert.getSeverityHint());
        tracked.setComponent(alert.getComponent());
        tracked.setRegion(alert.getRegion());
        tracked.setSummary(alert.getSummary());
        tracked.setLastSeenAt(Math.max(tracked.getLastSeenAt(), now));
        if (firing && (!wasFiring || tracked.getLastFiringAt() == null)) {
            tracked.setLastFiringAt(now);
        }
        if (!firing && wasFiring) {
            tracked.setLastResolvedAt(now);
        }
        if (flap) {
            tracked.setFlapCount(tracked.getFlapCount() + 1);
        }
    }

    /** Maintenance: the alert is attached to the window instead of an incident. */
    private static void suppress(Session session, TrackedAlert tracked, MaintenanceWindow window) {
        HeldAlerts.release(session, tracked); // maintenance comes first: it supersedes a hold
        tracked.setMaintenanceWindowId(window.getWindowId());
        tracked.setSuppressedCount(tracked.getSuppressedCount() + 1);
        session.state.putAlert(tracked);
    }

    /** A known alert of an open incident changed: status, flap, details. */
    private static void updateAttached(
            Session session,
            Incident incident,
            TrackedAlert tracked,
            Instant at,
            boolean firing,
            boolean flap,
            boolean visibleChange,
            boolean inMaintenance) {
        Policy policy = session.policy;
        IncidentChange change = session.begin(incident, at);
        boolean refired = firing && !tracked.getCountedFiring();
        boolean counted = count(change, tracked, firing);
        if (!counted && !flap && !visibleChange) {
            session.state.putAlert(tracked);
            return;
        }
        tracked.setMaintenanceWindowId(null);
        IncidentSnapshots.upsertAlert(incident, alertRef(tracked), policy.snapshotMembers());
        String fingerprint = tracked.getFingerprint();
        if (flap) {
            incident.setFlapCount(incident.getFlapCount() + 1);
            change.event(
                    IncidentEventType.ALERT_FLAPPING,
                    "alert " + fingerprint + " fired again within " + policy.flapWindow() + " of resolving (flap "
                            + tracked.getFlapCount() + ")",
                    b -> b.setAlertFingerprint(fingerprint));
        } else {
            AlertStatus status = tracked.getAlertStatus();
            change.event(
                    IncidentEventType.ALERT_UPDATED,
                    "alert " + fingerprint + " is " + status,
                    b -> b.setAlertFingerprint(fingerprint));
        }
        if (firing) {
            addPlaces(change, tracked, policy);
            if (refired) {
                Lifecycle.onFiringEvidence(change, "alert " + fingerprint + " fired again", policy);
            }
            ScopeRules.reconsider(change, policy);
            if (!inMaintenance) {
                // inside a maintenance window an alert never raises severity
                SeverityRules.reconsider(change, severityOf(tracked, policy), "alert " + fingerprint, policy);
            }
        }
        session.commit(change);
        session.state.putAlert(tracked);
    }

    private static void reopenWithSameAlert(
            Session session, Incident incident, TrackedAlert tracked, Instant at, boolean flap) {
        Policy policy = session.policy;
        IncidentChange change = session.begin(incident, at);
        String fingerprint = tracked.getFingerprint();
        Lifecycle.changeStatus(
                change,
                PublicStatus.INVESTIGATING,
                null,
                "alert " + fingerprint + " fired again within " + policy.reopenWindow() + " of resolution",
                null,
                policy);
        count(change, tracked, true);
        if (flap) {
            incident.setFlapCount(incident.getFlapCount() + 1);
            change.event(
                    IncidentEventType.ALERT_FLAPPING,
                    "alert " + fingerprint + " flapped",
                    b -> b.setAlertFingerprint(fingerprint));
        }
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("product", incident.getProduct());
        keys.put("fingerprint", fingerprint);
        keys.put("reopenWindow", policy.reopenWindow().toString());
        feed(session, change, tracked, CorrelationRules.REOPENED_SAME_ALERT, keys, severityOf(tracked, policy));
    }

    static void attachOrOpen(Session session, TrackedAlert tracked, Instant at) {
        Policy policy = session.policy;
        String product = tracked.getProduct();
        ProductIndex index = session.index(product);
        List<CorrelationRules.Candidate> open = session.openCandidates(product);
        Optional<CorrelationRules.Match> match =
                CorrelationRules.forAlert(open, product, tracked.getComponent(), tracked.getRegion(), at, policy);
        if (match.isEmpty()) {
            List<Incident> resolved = new ArrayList<>();
            for (ResolvedIncident entry : index.getResolvedIncidents()) {
                session.incident(entry.getIncidentId())
                        .filter(i -> i.getStatus() == PublicStatus.RESOLVED)
                        .ifPresent(resolved::add);
            }
            match = CorrelationRules.reopenFor(resolved, product, tracked.getComponent(), at, policy);
        }
        if (match.isPresent()) {
            attach(session, match.get(), tracked, at);
        } else {
            open(session, tracked, at);
        }
    }

    private static void attach(Session session, CorrelationRules.Match match, TrackedAlert tracked, Instant at) {
        Policy policy = session.policy;
        Incident incident = match.incident();
        IncidentChange change = session.begin(incident, at);
        String fingerprint = tracked.getFingerprint();
        if (incident.getStatus() == PublicStatus.RESOLVED) {
            Lifecycle.changeStatus(
                    change,
                    PublicStatus.INVESTIGATING,
                    null,
                    "alert " + fingerprint + " of the same component fired within " + policy.reopenWindow()
                            + " of resolution",
                    null,
                    policy);
        }
        incident.setAlertCount(incident.getAlertCount() + 1);
        tracked.setIncidentId(incident.getIncidentId());
        tracked.setCountedFiring(false);
        count(change, tracked, true);
        change.event(
                IncidentEventType.ALERT_ATTACHED,
                "alert " + fingerprint + " attached (" + match.rule() + ")",
                b -> b.setAlertFingerprint(fingerprint));
        Lifecycle.onFiringEvidence(change, "alert " + fingerprint + " fired", policy);
        feed(session, change, tracked, match.rule(), match.keys(), severityOf(tracked, policy));
    }

    private static void open(Session session, TrackedAlert tracked, Instant at) {
        Policy policy = session.policy;
        String product = tracked.getProduct();
        String fingerprint = tracked.getFingerprint();
        String id = newIncidentId(session, product, "alert:" + fingerprint + "@" + at.toEpochMilli());
        Severity severity = severityOf(tracked, policy);
        Incident incident = Incident.newBuilder()
                .setIncidentId(id)
                .setProduct(product)
                .setTitle(truncate(tracked.getSummary().isBlank() ? "Alert " + fingerprint : tracked.getSummary()))
                .setComponents(new ArrayList<>())
                .setRegions(new ArrayList<>())
                .setSeverity(severity)
                .setScope(Scope.PLATFORM)
                .setStatus(PublicStatus.INVESTIGATING)
                .setOpenedAt(at)
                .setUpdatedAt(at)
                .setAlertCount(1)
                .setVersion(0)
                .build();
        IncidentTracking tracking = StateValues.newTracking(id, product, at);
        tracking.setEvidenceSeverity(Severities.number(severity));
        IncidentChange change = session.open(incident, tracking, at);
        change.event(
                IncidentEventType.OPENED,
                "opened by alert " + fingerprint,
                b -> b.setAlertFingerprint(fingerprint)
                        .setSeverity(incident.getSeverity())
                        .setStatus(incident.getStatus())
                        .setScope(incident.getScope()));
        tracked.setIncidentId(id);
        tracked.setCountedFiring(false);
        count(change, tracked, true);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("product", product);
        keys.put("component", tracked.getComponent());
        keys.put("region", tracked.getRegion());
        keys.put("fingerprint", fingerprint);
        feed(session, change, tracked, CorrelationRules.OPENED_BY_ALERT, keys, severity);
    }

    /**
     * What opening, reopening and attaching share once the alert counts as firing: the snapshot
     * shows the alert and its places, the rule that matched becomes evidence, scope and severity
     * are reconsidered, and incident and alert are stored.
     */
    private static void feed(
            Session session,
            IncidentChange change,
            TrackedAlert tracked,
            String rule,
            Map<String, String> keys,
            Severity severity) {
        Policy policy = session.policy;
        String fingerprint = tracked.getFingerprint();
        tracked.setMaintenanceWindowId(null);
        IncidentSnapshots.upsertAlert(change.incident(), alertRef(tracked), policy.snapshotMembers());
        addPlaces(change, tracked, policy);
        change.evidence(rule, keys, fingerprint, null, policy);
        ScopeRules.reconsider(change, policy);
        SeverityRules.reconsider(change, severity, "alert " + fingerprint, policy);
        session.commit(change);
        session.state.putAlert(tracked);
    }

    /**
     * Keeps the incident's firing-alert count in step with the alert: the quiet period starts when
     * the last counted alert resolves. Returns whether the count changed.
     */
    private static boolean count(IncidentChange change, TrackedAlert tracked, boolean firing) {
        IncidentTracking tracking = change.tracking();
        if (firing && !tracked.getCountedFiring()) {
            tracking.setFiringAlerts(tracking.getFiringAlerts() + 1);
            tracking.setAllResolvedSince(null);
            tracked.setCountedFiring(true);
            return true;
        }
        if (!firing && tracked.getCountedFiring()) {
            tracking.setFiringAlerts(Math.max(0, tracking.getFiringAlerts() - 1));
            if (tracking.getFiringAlerts() == 0) {
                tracking.setAllResolvedSince(change.at().toEpochMilli());
            }
            tracked.setCountedFiring(false);
            return true;
        }
        return false;
    }

    /** The alert resolved after its incident did: fix the count without a new version. */
    private static void uncountQuietly(Session session, Incident incident, TrackedAlert tracked, Instant at) {
        IncidentChange change = session.begin(incident, at);
        count(change, tracked, false);
        session.refile(change.incident(), change.tracking(), change.at());
    }

    /** The alert leaves an incident resolved beyond the reopen window. */
    private static void detach(Session session, Incident incident, TrackedAlert tracked, Instant at) {
        if (tracked.getCountedFiring()) {
            uncountQuietly(session, incident, tracked, at);
        }
        tracked.setIncidentId(null);
        tracked.setCountedFiring(false);
    }

    private static void addPlaces(IncidentChange change, TrackedAlert tracked, Policy policy) {
        Incident incident = change.incident();
        incident.setComponents(IncidentSnapshots.withDistinct(
                incident.getComponents(), tracked.getComponent(), policy.snapshotMembers()));
        incident.setRegions(
                IncidentSnapshots.withDistinct(incident.getRegions(), tracked.getRegion(), policy.snapshotMembers()));
    }

    static Severity severityOf(TrackedAlert tracked, Policy policy) {
        return policy.severity().forAlert(tracked.getAlertSignal(), tracked.getAlertSeverityHint());
    }

    static AlertRef alertRef(TrackedAlert tracked) {
        return AlertRef.newBuilder()
                .setFingerprint(tracked.getFingerprint())
                .setStatus(tracked.getAlertStatus())
                .setSignal(tracked.getAlertSignal())
                .setSummary(tracked.getSummary())
                .setComponent(tracked.getComponent())
                .setRegion(tracked.getRegion())
                .setSeverityHint(tracked.getAlertSeverityHint())
                .setFirstSeenAt(Instant.ofEpochMilli(tracked.getFirstSeenAt()))
                .setLastSeenAt(Instant.ofEpochMilli(tracked.getLastSeenAt()))
                .setFlapCount(tracked.getFlapCount())
                .build();
    }

    /** A deterministic id from the first evidence; a (very unlikely) taken id gets a counter in its seed. */
    static String newIncidentId(Session session, String product, String seed) {
        String id = IncidentIds.of(product, seed);
        for (int n = 2; session.state.incident(id).isPresent(); n++) {
            id = IncidentIds.of(product, seed + "#" + n);
        }
        return id;
    }

    static String truncate(String text) {
        return text.length() <= TITLE_LENGTH ? text : text.substring(0, TITLE_LENGTH - 1) + "…";
    }
}
