package dev.tocsin.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault-injection suite's short variant in the build: three Kafka nodes, the registry and the
 * three services as separate processes, each service killed with SIGKILL once under load, poison on
 * every input topic, the correlator's state directory wiped, and a replay into a new application id.
 * {@code -Dtocsin.faults.full=true} runs the full suite instead (about 15 minutes; also
 * {@code e2e/faults/run.sh --full}). Each process's log is kept in {@code target/faults/}.
 */
class FaultSuiteTest {

    private static final boolean FULL = Boolean.getBoolean("tocsin.faults.full");

    @Test
    void everyAcknowledgedAlertIsWrittenAndTakenIntoAnIncidentExactlyOnceUnderEveryFault() throws Exception {
        Path dir = Path.of("target", "faults", FULL ? "full" : "short").toAbsolutePath();
        FaultSuite.deleteTree(dir); // an earlier run's
        List<ScenarioResult> results = FaultSuite.run(dir, FULL);
        String table = ScenarioResult.table(results);
        System.out.println(table);
        assertThat(results)
                .as("scenarios of the %s fault suite; logs in %s%n%s", FULL ? "full" : "short", dir, table)
                .isNotEmpty()
                .allMatch(ScenarioResult::passed);
    }
}
