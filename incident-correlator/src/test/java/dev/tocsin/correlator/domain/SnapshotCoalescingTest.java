package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.T0;
import static dev.tocsin.correlator.domain.TestData.alert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Which snapshots reach tocsin.incidents at once and which only churn (coalesced). */
class SnapshotCoalescingTest {

    private final Incident opened = openedIncident();

    @Test
    void theFirstSnapshotOfAnIncidentIsWrittenAtOnce() {
        assertThat(SnapshotCoalescing.mustEmitAtOnce(null, opened)).isTrue();
    }

    @Test
    void churnOfAlertsEvidenceCountsAndTimesIsCoalesced() {
        Harness harness = new Harness();
        harness.alert(alert("fp-1"), T0);
        String written = SnapshotCoalescing.lifecycle(harness.onlyIncident());
        for (int n = 2; n <= 30; n++) {
            harness.alert(alert("fp-" + n), T0.plusSeconds(n));
            assertThat(SnapshotCoalescing.mustEmitAtOnce(written, harness.onlyIncident()))
                    .as("alert " + n)
                    .isFalse();
        }
        assertThat(harness.onlyIncident().getAlertCount()).isEqualTo(30);
    }

    @Test
    void everyLifecycleFieldChangeIsWrittenAtOnce() {
        String written = SnapshotCoalescing.lifecycle(opened);
        List<Consumer<Incident>> changes = List.of(
                i -> i.setStatus(PublicStatus.RESOLVED),
                i -> i.setPublished(!i.getPublished()),
                i -> i.setScope(i.getScope() == Scope.GLOBAL ? Scope.PLATFORM : Scope.GLOBAL),
                i -> i.setSeverity(i.getSeverity() == Severity.SEV1 ? Severity.SEV2 : Severity.SEV1),
                i -> i.setResolvedAt(T0.plusSeconds(60)),
                i -> i.setMergedInto("chat-00000000"),
                i -> i.setLatestPublicMessage("We are looking into it"),
                i -> i.setComponentStatusOverride(ComponentStatus.MAJOR_OUTAGE),
                i -> i.setTimeline(withEntry(i, publicEntry(T0.plusSeconds(5), "We found the cause"))));
        for (int n = 0; n < changes.size(); n++) {
            Incident changed = Incident.newBuilder(opened).build();
            changes.get(n).accept(changed);
            assertThat(SnapshotCoalescing.mustEmitAtOnce(written, changed))
                    .as("change " + n)
                    .isTrue();
        }
    }

    @Test
    void anIncidentThatGoesDownAndUpAgainIsWrittenAtEachTurn() {
        Harness harness = new Harness();
        harness.alert(alert("fp-1"), T0);
        String id = harness.onlyIncident().getIncidentId();
        List<PublicStatus> written = new ArrayList<>();
        String last = null;
        List<Runnable> steps = List.of(
                () -> harness.alert(alert("fp-2"), T0.plusSeconds(1)),
                () -> harness.command(TestData.command(CommandType.RESOLVE, id), T0.plusSeconds(2)),
                () -> harness.alert(alert("fp-3"), T0.plusSeconds(3)),
                () -> harness.command(TestData.command(CommandType.REOPEN, id), T0.plusSeconds(4)),
                () -> harness.alert(alert("fp-4"), T0.plusSeconds(5)));
        if (SnapshotCoalescing.mustEmitAtOnce(last, harness.incident(id))) {
            last = SnapshotCoalescing.lifecycle(harness.incident(id));
            written.add(harness.incident(id).getStatus());
        }
        for (Runnable step : steps) {
            step.run();
            if (SnapshotCoalescing.mustEmitAtOnce(last, harness.incident(id))) {
                last = SnapshotCoalescing.lifecycle(harness.incident(id));
                written.add(harness.incident(id).getStatus());
            }
        }
        assertThat(written)
                .containsExactly(PublicStatus.INVESTIGATING, PublicStatus.RESOLVED, PublicStatus.INVESTIGATING);
    }

    @Test
    void aMessageCannotMakeTwoLifecyclesEncodeAlike() {
        Incident a = Incident.newBuilder(opened)
                .setLatestPublicMessage("x;1:y")
                .setMergedInto(null)
                .build();
        Incident b = Incident.newBuilder(opened)
                .setLatestPublicMessage("x")
                .setMergedInto("y")
                .build();
        assertThat(SnapshotCoalescing.lifecycle(a)).isNotEqualTo(SnapshotCoalescing.lifecycle(b));
    }

    private static Incident openedIncident() {
        Harness harness = new Harness();
        harness.alert(alert("fp-1"), T0);
        return harness.onlyIncident();
    }

    private static List<TimelineEntry> withEntry(Incident incident, TimelineEntry entry) {
        List<TimelineEntry> timeline = new ArrayList<>(incident.getTimeline());
        timeline.add(entry);
        return timeline;
    }

    private static TimelineEntry publicEntry(Instant at, String message) {
        return TimelineEntry.newBuilder()
                .setAt(at)
                .setType(IncidentEventType.UPDATE_POSTED)
                .setMessage(message)
                .setIsPublic(true)
                .setStatus(PublicStatus.IDENTIFIED)
                .build();
    }
}
