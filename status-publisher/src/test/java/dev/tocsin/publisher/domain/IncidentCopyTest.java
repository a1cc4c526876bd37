package dev.tocsin.publisher.domain;

import static dev.tocsin.publisher.domain.TestData.T0;
import static dev.tocsin.publisher.domain.TestData.incident;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentCopyTest {

    private static final Instant HORIZON = T0.minus(Duration.ofDays(30));

    @Test
    void storedCopyHoldsNoInternalMembersOrOperatorNames() {
        Incident incoming = incident("chat-1")
                .publicMessage(T0, IncidentEventType.UPDATE_POSTED, "We are on it.")
                .internalNote(T0, "acme called")
                .raw()
                .setAffectedOrganizations(List.of("acme"))
                .setVersion(1)
                .build();

        Incident copy = IncidentCopy.merge(null, incoming, HORIZON).orElseThrow();

        assertThat(copy.getAffectedOrganizations()).isEmpty();
        assertThat(copy.getAlerts()).isEmpty();
        assertThat(copy.getLinkedTickets()).isEmpty();
        assertThat(copy.getEvidence()).isEmpty();
        assertThat(copy.getTimeline()).extracting(TimelineEntry::getMessage).containsExactly("We are on it.");
        assertThat(copy.getTimeline()).extracting(TimelineEntry::getActor).containsOnlyNulls();
    }

    @Test
    void publicUpdatesAccumulateWhenTheSnapshotDropsOldEntries() {
        Incident v1 = incident("chat-1")
                .publicMessage(T0, IncidentEventType.UPDATE_POSTED, "first")
                .raw()
                .setVersion(1)
                .build();
        Incident v2 = incident("chat-1")
                .publicMessage(T0.plusSeconds(60), IncidentEventType.UPDATE_POSTED, "second")
                .raw()
                .setVersion(2)
                .build();

        Incident stored = IncidentCopy.merge(null, v1, HORIZON).orElseThrow();
        Incident merged = IncidentCopy.merge(stored, v2, HORIZON).orElseThrow();

        assertThat(merged.getTimeline()).extracting(TimelineEntry::getMessage).containsExactly("first", "second");
    }

    @Test
    void olderOrEqualVersionsChangeNothing() {
        Incident v2 = incident("chat-1").raw().setVersion(2).build();
        Incident stored = IncidentCopy.merge(null, v2, HORIZON).orElseThrow();

        assertThat(IncidentCopy.merge(
                        stored, incident("chat-1").raw().setVersion(1).build(), HORIZON))
                .isEmpty();
        assertThat(IncidentCopy.merge(stored, v2, HORIZON)).isEmpty();
    }

    @Test
    void newSingleCustomerAndLongResolvedIncidentsAreNotStored() {
        assertThat(IncidentCopy.merge(
                        null,
                        incident("chat-1")
                                .scope(Scope.SINGLE_CUSTOMER)
                                .raw()
                                .setVersion(1)
                                .build(),
                        HORIZON))
                .isEmpty();
        assertThat(IncidentCopy.merge(
                        null,
                        incident("chat-2")
                                .status(PublicStatus.RESOLVED)
                                .resolvedAt(HORIZON.minusSeconds(1))
                                .raw()
                                .setVersion(1)
                                .build(),
                        HORIZON))
                .isEmpty();
    }

    @Test
    void storedIncidentThatNarrowsToSingleCustomerIsUpdatedSoItLeavesThePage() {
        Incident stored = IncidentCopy.merge(
                        null, incident("chat-1").raw().setVersion(1).build(), HORIZON)
                .orElseThrow();

        Incident narrowed = IncidentCopy.merge(
                        stored,
                        incident("chat-1")
                                .scope(Scope.SINGLE_CUSTOMER)
                                .raw()
                                .setVersion(2)
                                .build(),
                        HORIZON)
                .orElseThrow();

        assertThat(narrowed.getScope()).isEqualTo(Scope.SINGLE_CUSTOMER);
        assertThat(PublicIncidents.isPublic(narrowed)).isFalse();
    }
}
