package dev.tocsin.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.local.transactions.OpenTransaction;
import dev.tocsin.local.transactions.TransactionInspector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the local stack (a separate JVM, as {@code ./tocsin local} runs) under load,
 * then a restart on the same data: every alert alert-ingest acknowledged with 202 before the kill
 * is in {@code tocsin.alerts} for read_committed readers, no transaction the killed stack left
 * open holds a partition back, and alerts posted after the restart flow. The stack's output of
 * each start is kept in {@code target/kill-nine/}. For a longer drill:
 * {@code -Dtocsin.killNine.cycles=8 -Dtocsin.killNine.partitions=3 -Dtocsin.killNine.killAfterMs=4000}.
 */
class KillNineTest {

    private static final int CYCLES = Integer.getInteger("tocsin.killNine.cycles", 1);
    private static final String PARTITIONS = System.getProperty("tocsin.killNine.partitions", "2");
    private static final long KILL_AFTER_MS = Long.getLong("tocsin.killNine.killAfterMs", 8_000);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedAlertSurvivesAKillNineUnderLoadAndNewAlertsFlowAfterTheRestart() throws Exception {
        Set<String> acknowledged = new HashSet<>();
        try (StackProcess stack =
                new StackProcess(dir, Path.of("target", "kill-nine"), Map.of("TOCSIN_LOCAL_PARTITIONS", PARTITIONS))) {
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                stack.start(Duration.ofSeconds(90));
                try (AlertFlood flood = new AlertFlood(stack.ingestUrl(), "before-kill-" + cycle).start(2, 50)) {
                    Thread.sleep(KILL_AFTER_MS + (cycle % 2) * 1_300L); // vary where the kill lands
                    stack.kill();
                    flood.close();
                    acknowledged.addAll(flood.acknowledged());
                }
            }
            stack.start(Duration.ofSeconds(90));
            long restarted = System.nanoTime();
            AlertsTopic alerts = new AlertsTopic(stack.bootstrapServers(), stack.registryUrl());
            System.out.println("after the restart, offsets held back per partition: " + alerts.unstableOffsets());
            printOpenTransactions(stack);

            // the restarted writers abort what the killed ones left open as they start: not on their
            // first request, nor after the transaction timeout
            long stableBy = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (alerts.unstableOffsets().values().stream().anyMatch(n -> n > 0) && System.nanoTime() < stableBy) {
                Thread.sleep(500);
            }
            assertThat(alerts.unstableOffsets())
                    .as("offsets held back by open transactions, before any new request")
                    .allSatisfy((partition, unstable) -> assertThat(unstable).isZero());
            System.out.printf(
                    "after the restart, no transaction held tocsin.alerts back after %d ms%n",
                    (System.nanoTime() - restarted) / 1_000_000);

            AlertFlood after = new AlertFlood(stack.ingestUrl(), "after-restart");
            for (int i = 0; i < 4; i++) {
                assertThat(after.post(10)).isEqualTo(202);
            }
            Set<String> expected = new HashSet<>(acknowledged);
            expected.addAll(after.acknowledged());
            long deadline = System.nanoTime()
                    + Duration.ofSeconds(Integer.getInteger("tocsin.killNine.waitSeconds", 25))
                            .toNanos();
            Set<String> committed = alerts.committedSummaries();
            while (!committed.containsAll(expected) && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                committed = alerts.committedSummaries();
            }
            System.out.printf(
                    "acknowledged before the kill %d, after the restart %d; read_committed sees %d; "
                            + "all visible %d ms after the restart%n",
                    acknowledged.size(),
                    after.acknowledged().size(),
                    committed.size(),
                    (System.nanoTime() - restarted) / 1_000_000);
            printOpenTransactions(stack);
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(committed);
            assertThat(missing)
                    .as("acknowledged alerts a read_committed reader does not see")
                    .isEmpty();
        }
    }

    /** What {@code ./tocsin transactions list} would print, for the test's log. */
    private static void printOpenTransactions(StackProcess stack) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            for (OpenTransaction open : new TransactionInspector(admin, Clock.systemUTC()).open(List.of())) {
                System.out.println("open: " + open.describe(Duration.ofMinutes(15)));
            }
        }
    }
}
