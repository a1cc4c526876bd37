package dev.tocsin.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the local stack under load, then a restart: every alert alert-ingest
 * acknowledged with 202 before the kill is in {@code tocsin.alerts} for read_committed readers, and
 * alerts posted after the restart flow too (no transaction left hanging, no partition wedged).
 */
class KillNineTest {

    static void printOpenTransactions(StackProcess stack) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            for (var open : new dev.tocsin.local.transactions.TransactionInspector(admin, java.time.Clock.systemUTC())
                    .open(java.util.List.of())) {
                System.out.println("open: " + open.describe(Duration.ofSeconds(60)));
            }
        }
    }

    private static final int CYCLES = Integer.getInteger("tocsin.killNine.cycles", 1);

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void everyAcknowledgedAlertSurvivesAKillNineUnderLoadAndNewAlertsFlowAfterTheRestart() throws Exception {
        Set<String> acknowledged = new HashSet<>();
        try (StackProcess stack = new StackProcess(dir, Map.of("TOCSIN_LOCAL_PARTITIONS", System.getProperty("tocsin.killNine.partitions", "2")))) {
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                stack.start(Duration.ofSeconds(90));
                try (AlertFlood flood = new AlertFlood(stack.ingestUrl(), "before-kill-" + cycle).start(2, 50)) {
                    Thread.sleep(8_000);
                    stack.kill();
                    flood.close();
                    acknowledged.addAll(flood.acknowledged());
                }
            }
            stack.start(Duration.ofSeconds(90));
            long restarted = System.nanoTime();
            AlertsTopic alerts = new AlertsTopic(stack.bootstrapServers(), stack.registryUrl());
            System.out.println("after restart, unstable offsets per partition: " + alerts.unstableOffsets());
            printOpenTransactions(stack);

            AlertFlood after = new AlertFlood(stack.ingestUrl(), "after-restart");
            for (int i = 0; i < 4; i++) {
                assertThat(after.post(10)).isEqualTo(202);
            }
            Set<String> expected = new HashSet<>(acknowledged);
            expected.addAll(after.acknowledged());
            long deadline = System.nanoTime() + Duration.ofSeconds(Integer.getInteger("tocsin.killNine.waitSeconds", 25)).toNanos();
            Set<String> committed = alerts.committedSummaries();
            while (!committed.containsAll(expected) && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                committed = alerts.committedSummaries();
            }
            System.out.printf("after the restart, every acknowledged alert was visible to read_committed readers after %d ms%n",
                    (System.nanoTime() - restarted) / 1_000_000);
            System.out.println("acknowledged before kill " + acknowledged.size() + ", after restart " + after.acknowledged().size()
                    + ", read_committed sees " + committed.size() + ", unstable offsets " + alerts.unstableOffsets());
            printOpenTransactions(stack);
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(committed);
            assertThat(missing).as("acknowledged alerts a read_committed reader does not see").isEmpty();
        }
    }
}
