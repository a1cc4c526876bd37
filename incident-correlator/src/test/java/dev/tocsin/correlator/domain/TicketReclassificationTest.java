package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.command;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static dev.tocsin.correlator.domain.TestData.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.TicketLink;
import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TriageOutcome;
import dev.tocsin.correlator.state.TicketMove;
import dev.tocsin.correlator.state.TicketOwner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Tickets reclassified between products are not triaged twice: a ticket belongs to one product at
 * a time ({@link TicketOwnership}), the product it left lets it go ({@link TicketMoves}). Chat and
 * voice live in two partitions here, each with its own state, as on the broker.
 */
class TicketReclassificationTest {

    private final Partitions partitions =
            new Partitions(Map.of("chat", new InMemoryState(), "voice", new InMemoryState()));

    @Test
    void aReclassifiedTicketIsUnlinkedFromTheOldProductsIncidentAndTriagedOnceUnderTheNew() {
        String chatIncident = partitions.openIncident("chat", minutes(0));
        String voiceIncident = partitions.openIncident("voice", minutes(0));
        partitions.report(report("T-1").org("org-1").product("chat"), minutes(1));

        partitions.report(report("T-1").org("org-1").product("voice"), minutes(5));

        Incident chat = partitions.incident("chat", chatIncident);
        assertThat(chat.getTicketCount()).isZero();
        assertThat(chat.getOrganizationCount()).isZero();
        assertThat(chat.getLinkedTickets()).isEmpty();
        Incident voice = partitions.incident("voice", voiceIncident);
        assertThat(voice.getTicketCount()).isEqualTo(1);
        assertThat(voice.getOrganizationCount()).isEqualTo(1);
        assertThat(voice.getLinkedTickets()).extracting(TicketLink::getTicketId).containsExactly("T-1");
        // two partitions write their updates independently: the UNLINKED and the new TRIAGED come in either order
        assertThat(partitions.updates("T-1"))
                .extracting(TicketUpdate::getKind, TicketUpdate::getIncidentId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(TicketUpdateKind.TRIAGED, chatIncident),
                        org.assertj.core.groups.Tuple.tuple(TicketUpdateKind.UNLINKED, chatIncident),
                        org.assertj.core.groups.Tuple.tuple(TicketUpdateKind.TRIAGED, voiceIncident));
        assertThat(partitions.updates("T-1"))
                .filteredOn(u -> u.getKind() == TicketUpdateKind.UNLINKED)
                .singleElement()
                .extracting(TicketUpdate::getReason)
                .isEqualTo("moved-to-product: support moved the ticket from chat to voice");
        assertThat(partitions.state("chat").ticket("T-1"))
                .as("the old product forgot the ticket")
                .isEmpty();
        assertThat(partitions.state("voice").ticket("T-1")).get().satisfies(t -> {
            assertThat(t.getProduct()).isEqualTo("voice");
            assertThat(t.getIncidentId()).isEqualTo(voiceIncident);
        });
    }

    @Test
    void theOldIncidentsResolutionNoLongerReachesAMovedTicket() {
        String chatIncident = partitions.openIncident("chat", minutes(0));
        partitions.report(report("T-1").product("chat"), minutes(1));
        partitions.report(report("T-1").product("voice"), minutes(2));

        partitions
                .harness("chat")
                .command(command(CommandType.RESOLVE, chatIncident).message("Fixed"), minutes(10));

        assertThat(partitions.updates("T-1"))
                .extracting(TicketUpdate::getKind)
                .doesNotContain(TicketUpdateKind.RESOLVED_FOLLOW_UP_REQUIRED);
    }

    @Test
    void aMovedTicketNoLongerCountsTowardsTheOldProductsReportWave() {
        partitions.report(report("T-1").org("org-1").product("chat"), minutes(0));
        partitions.report(report("T-1").org("org-1").product("voice"), minutes(1));

        partitions.report(report("T-2").org("org-2").product("chat"), minutes(2));
        partitions.report(report("T-3").org("org-3").product("chat"), minutes(3));

        assertThat(partitions.state("chat").rawProduct("chat").getRecentReports())
                .extracting(r -> r.getTicketId())
                .containsExactly("T-2", "T-3");
        assertThat(partitions.state("chat").incidents())
                .as("two organizations, not three")
                .isEmpty();
    }

    @Test
    void aReportOfTheSameProductAgainIsNoMove() {
        partitions.openIncident("chat", minutes(0));
        partitions.report(report("T-1").product("chat"), minutes(1));

        partitions.report(report("T-1").product("chat").subject("still broken"), minutes(2));

        assertThat(partitions.updates("T-1"))
                .extracting(TicketUpdate::getKind)
                .containsExactly(TicketUpdateKind.TRIAGED);
    }

    @Test
    void aTicketOnTheStandardPathMovesWithoutAnUnlinkAndIsTriagedAgainUnderTheNewProduct() {
        partitions.report(report("T-1").product("chat"), minutes(0));

        partitions.report(report("T-1").product("voice"), minutes(1));

        assertThat(partitions.updates("T-1"))
                .extracting(TicketUpdate::getKind, TicketUpdate::getTriageOutcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                TicketUpdateKind.TRIAGED, TriageOutcome.STANDARD_TROUBLESHOOTING),
                        org.assertj.core.groups.Tuple.tuple(
                                TicketUpdateKind.TRIAGED, TriageOutcome.STANDARD_TROUBLESHOOTING));
        assertThat(partitions.state("chat").ticket("T-1")).isEmpty();
        assertThat(partitions.state("voice").ticket("T-1"))
                .get()
                .extracting(t -> t.getProduct())
                .isEqualTo("voice");
    }

    @Test
    void productsSharingAPartitionMoveATicketAlike() {
        Partitions shared = new Partitions(Map.of("chat", new InMemoryState()), "voice", "chat");
        Partitions apart = partitions;
        for (Partitions p : List.of(shared, apart)) {
            p.openIncident("chat", minutes(0));
            p.openIncident("voice", minutes(0));
            p.report(report("T-1").product("chat"), minutes(1));
            p.report(report("T-1").product("voice"), minutes(2));
        }

        assertThat(shared.updates("T-1"))
                .extracting(TicketUpdate::getUpdateId)
                .containsExactlyInAnyOrderElementsOf(apart.updates("T-1").stream()
                        .map(TicketUpdate::getUpdateId)
                        .toList());
        assertThat(shared.incidentCounts()).isEqualTo(apart.incidentCounts());
    }

    @Test
    void aReplayThatMeetsTheNewProductsReportFirstEndsAsTheLiveRunDid() {
        Partitions replay = new Partitions(Map.of("chat", new InMemoryState(), "voice", new InMemoryState()));
        for (Partitions p : List.of(partitions, replay)) {
            p.openIncident("chat", minutes(0));
            p.openIncident("voice", minutes(0));
        }
        CustomerReport first = report("T-1").product("chat").build();
        CustomerReport second = report("T-1").product("voice").build();

        partitions.report(first, minutes(1));
        partitions.report(second, minutes(5));
        // the two products' reports reach the ownership rule the other way round
        replay.report(second, minutes(5));
        replay.report(first, minutes(1));

        assertThat(replay.incidentCounts()).isEqualTo(partitions.incidentCounts());
        assertThat(replay.updates("T-1"))
                .extracting(TicketUpdate::getUpdateId)
                .containsExactlyInAnyOrderElementsOf(partitions.updates("T-1").stream()
                        .map(TicketUpdate::getUpdateId)
                        .toList());
    }

    @Test
    void ownershipTellsTheProductATicketLeftAndOnlyThatOne() {
        TicketOwnership.Decision first = TicketOwnership.route("T-1", null, "chat", 100);
        assertThat(first.move()).isEmpty();
        assertThat(first.owner()).isEqualTo(new TicketOwner("chat", 100L, 100L));

        TicketOwnership.Decision again = TicketOwnership.route("T-1", first.owner(), "chat", 200);
        assertThat(again.move()).isEmpty();
        assertThat(again.owner())
                .as("owned since it moved in, last reported now")
                .isEqualTo(new TicketOwner("chat", 100L, 200L));

        TicketOwnership.Decision moved = TicketOwnership.route("T-1", again.owner(), "voice", 300);
        assertThat(moved.move()).contains(new TicketMove("T-1", "chat", "voice", 300L));
        assertThat(moved.owner()).isEqualTo(new TicketOwner("voice", 300L, 300L));

        TicketOwnership.Decision late = TicketOwnership.route("T-1", moved.owner(), "chat", 250);
        assertThat(late.move())
                .as("a report from before the move: its product is told of the move, at the time of the move")
                .contains(new TicketMove("T-1", "chat", "voice", 300L));
        assertThat(late.owner()).as("a late report leaves the owner as it was").isEqualTo(moved.owner());
    }

    @Test
    void aMoveToldAfterTheTicketCameBackIsStale() {
        String chatIncident = partitions.openIncident("chat", minutes(0));
        partitions.report(report("T-1").product("chat"), minutes(1));
        partitions.holdMoves = true; // the move out of chat is still on its way when the ticket comes back
        partitions.report(report("T-1").product("voice"), minutes(2));
        partitions.report(report("T-1").product("chat"), minutes(3));

        partitions.releaseMoves();

        assertThat(partitions.incident("chat", chatIncident).getTicketCount()).isEqualTo(1);
        assertThat(partitions.state("chat").ticket("T-1"))
                .get()
                .extracting(t -> t.getIncidentId())
                .isEqualTo(chatIncident);
        assertThat(partitions.state("voice").ticket("T-1"))
                .as("voice let it go when it came back")
                .isEmpty();
    }

    /**
     * The topology in miniature: a report goes to the state of its product's partition, and through
     * {@link TicketOwnership} (keyed by ticket id), whose moves go to the partition of the product left.
     */
    private static final class Partitions {
        private final Map<String, Harness> byPartition = new HashMap<>();
        private final Map<String, String> partitionOf = new HashMap<>();
        private final Map<String, TicketOwner> owners = new HashMap<>();
        private final List<TicketUpdate> updates = new ArrayList<>();
        private final List<TicketMove> moves = new ArrayList<>();
        boolean holdMoves;
        private int alerts;

        Partitions(Map<String, InMemoryState> states, String... sharing) {
            states.forEach((product, state) -> {
                byPartition.put(product, new Harness(Policy.defaults(), state));
                partitionOf.put(product, product);
            });
            for (int i = 0; i < sharing.length; i += 2) {
                partitionOf.put(sharing[i], sharing[i + 1]);
            }
        }

        Harness harness(String product) {
            return byPartition.get(partitionOf.get(product));
        }

        InMemoryState state(String product) {
            return harness(product).state;
        }

        String openIncident(String product, Instant at) {
            Outcome outcome = harness(product)
                    .alert(alert("fp-" + product + "-" + alerts++).product(product), at);
            return outcome.incidents().get(0).getIncidentId();
        }

        Incident incident(String product, String id) {
            return harness(product).incident(id);
        }

        void report(TestData.ReportBuilder report, Instant at) {
            report(report.build(), at);
        }

        /** The report to its product at once; the move (if any) to the product left, after it (or held back). */
        void report(CustomerReport report, Instant at) {
            Harness triaging = harness(report.getProduct());
            record(triaging, triaging.correlator.onReport(report, at, triaging.state));
            TicketOwnership.Decision decision = TicketOwnership.route(
                    report.getTicketId(), owners.get(report.getTicketId()), report.getProduct(), at.toEpochMilli());
            owners.put(report.getTicketId(), decision.owner());
            decision.move().ifPresent(moves::add);
            if (!holdMoves) {
                releaseMoves();
            }
        }

        void releaseMoves() {
            for (TicketMove move : moves) {
                Harness leaving = harness(move.getFromProduct());
                record(
                        leaving,
                        leaving.correlator.onTicketMovedOut(move, Instant.ofEpochMilli(move.getAt()), leaving.state));
            }
            moves.clear();
        }

        private void record(Harness harness, Outcome outcome) {
            harness.outcomes.add(outcome);
            updates.addAll(outcome.ticketUpdates());
        }

        List<TicketUpdate> updates(String ticketId) {
            return updates.stream()
                    .filter(u -> u.getTicketId().equals(ticketId))
                    .toList();
        }

        /** Per incident: version, ticket and organization counts, linked tickets. */
        Map<String, String> incidentCounts() {
            Map<String, String> out = new TreeMap<>();
            byPartition
                    .values()
                    .forEach(h -> h.state
                            .incidents()
                            .forEach(i -> out.put(
                                    i.getIncidentId(),
                                    "v" + i.getVersion() + " tickets=" + i.getTicketCount() + " orgs="
                                            + i.getOrganizationCount() + " "
                                            + i.getLinkedTickets().stream()
                                                    .map(TicketLink::getTicketId)
                                                    .toList())));
            return out;
        }
    }
}
